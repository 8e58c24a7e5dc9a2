using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.WebForms;

internal sealed class WebFormConfiguration : IEntityTypeConfiguration<WebForm>
{
    public void Configure(EntityTypeBuilder<WebForm> builder)
    {
        builder.ToTable("WebForms");
        builder.Property(f => f.Key).HasMaxLength(WebForm.KeyLength);
        builder.Property(f => f.Name).HasMaxLength(WebForm.NameMaxLength);
        builder.Property(f => f.Fields).HasMaxLength(200);
        builder.Property(f => f.DefaultSource).HasMaxLength(Leads.LeadLimits.SourceMaxLength);
        builder.Property(f => f.AllowedOrigins).HasMaxLength(WebForm.OriginsMaxLength);
        builder.Property(f => f.SuccessRedirectUrl).HasMaxLength(WebForm.UrlMaxLength);
        // Every submission finds its form by key, across workspaces.
        builder.HasIndex(f => f.Key).IsUnique();
        builder.HasIndex(f => new { f.WorkspaceId, f.CreatedAt });
    }
}
