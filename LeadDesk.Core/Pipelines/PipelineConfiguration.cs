using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Pipelines;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("Pipelines");
        builder.Property(p => p.Name).HasMaxLength(Pipeline.NameMaxLength);
        builder.Property(p => p.Module).HasConversion<string>().HasMaxLength(16);
        builder.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Stages).HasField("_stages");
        builder.HasIndex(p => new { p.WorkspaceId, p.Module, p.SortOrder });
    }
}

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("Stages");
        builder.Property(s => s.Key).HasMaxLength(Stage.KeyMaxLength);
        builder.Property(s => s.Name).HasMaxLength(Stage.NameMaxLength);
        builder.Property(s => s.Color).HasMaxLength(Stage.ColorMaxLength);
        builder.Property(s => s.OwnershipMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.OwnershipRole).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.PipelineId, s.Key }).IsUnique();
        builder.HasIndex(s => new { s.PipelineId, s.SortOrder });
    }
}
