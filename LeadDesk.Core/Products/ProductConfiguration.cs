using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.Property(p => p.UnitPrice).HasPrecision(18, 2);
        builder.HasIndex(p => new { p.WorkspaceId, p.Name });
    }
}

internal sealed class LeadProductConfiguration : IEntityTypeConfiguration<LeadProduct>
{
    public void Configure(EntityTypeBuilder<LeadProduct> builder)
    {
        builder.ToTable("LeadProducts");
        builder.Property(p => p.ProductName).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.Quantity).HasPrecision(18, 2);
        builder.Property(p => p.UnitPrice).HasPrecision(18, 2);
        builder.Property(p => p.DiscountPercent).HasPrecision(5, 2);
        builder.Property(p => p.Total).HasPrecision(18, 2);
        builder.HasOne<Lead>().WithMany().HasForeignKey(p => p.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.LeadId, p.CreatedAt });
        // The trash purge: a workspace's removed product lines, by when they were removed.
        builder.HasIndex(p => new { p.WorkspaceId, p.DeletedAt });
    }
}
