using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Pipelines;

internal sealed class StageFieldConfiguration : IEntityTypeConfiguration<StageField>
{
    public void Configure(EntityTypeBuilder<StageField> builder)
    {
        builder.ToTable("StageFields");
        builder.Property(f => f.Key).HasMaxLength(StageField.KeyMaxLength);
        builder.Property(f => f.Label).HasMaxLength(StageField.LabelMaxLength);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Options).HasMaxLength(StageField.OptionsMaxLength);
        builder.HasOne<Stage>().WithMany().HasForeignKey(f => f.StageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.StageId, f.Key }).IsUnique();
    }
}

internal sealed class LeadStageValueConfiguration : IEntityTypeConfiguration<LeadStageValue>
{
    public void Configure(EntityTypeBuilder<LeadStageValue> builder)
    {
        builder.ToTable("LeadStageValues");
        builder.Property(v => v.Value).HasMaxLength(LeadStageValue.ValueMaxLength);
        builder.HasOne<Lead>().WithMany().HasForeignKey(v => v.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StageField>().WithMany().HasForeignKey(v => v.StageFieldId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.LeadId, v.StageFieldId }).IsUnique();
    }
}
