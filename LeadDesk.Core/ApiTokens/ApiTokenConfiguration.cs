using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.ApiTokens;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiToken.PrefixLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(ApiToken.ScopesMaxLength);
        // Every API request finds its token by prefix, across workspaces.
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => new { t.WorkspaceId, t.CreatedAt });
    }
}
