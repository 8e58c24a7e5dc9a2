using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Integrations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResponseBody).HasMaxLength(IdempotencyRecord.BodyMaxLength);
        builder.HasIndex(r => new { r.WorkspaceId, r.Key }).IsUnique();
        // The trash purge deletes a workspace's expired records.
        builder.HasIndex(r => new { r.WorkspaceId, r.CreatedAt });
    }
}
