using System.Globalization;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Products;

/// <summary>An item of the workspace's catalog, offered on leads at its list price.</summary>
public class Product : WorkspaceEntity
{
    public const int NameMaxLength = 200;
    public const int SkuMaxLength = 64;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; set; }
    public string? Sku { get; set; }
    public decimal UnitPrice { get; set; }
    public bool IsActive { get; set; } = true;

    public Product(string name, decimal unitPrice)
    {
        Name = name;
        UnitPrice = unitPrice;
    }
}

/// <summary>
/// A product line on a lead. The product's name is copied so the line reads the same after the
/// catalog changes; <see cref="Total"/> is kept in step by <see cref="Set"/>. Removing one moves it to the trash.
/// </summary>
public class LeadProduct : SoftDeletableEntity, ILeadPart
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public Guid ProductId { get; private set; }
    public string ProductName { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    /// <summary>Percent, 0–100.</summary>
    public decimal DiscountPercent { get; private set; }
    public decimal Total { get; private set; }

    public LeadProduct(Guid leadId, Guid productId, string productName)
    {
        LeadId = leadId;
        ProductId = productId;
        ProductName = productName;
    }

    public void Set(decimal quantity, decimal unitPrice, decimal discountPercent)
    {
        Quantity = quantity;
        UnitPrice = unitPrice;
        DiscountPercent = discountPercent;
        Total = LineTotal(quantity, unitPrice, discountPercent);
    }

    public static decimal LineTotal(decimal quantity, decimal unitPrice, decimal discountPercent) =>
        decimal.Round(quantity * unitPrice * (100m - discountPercent) / 100m, 2, MidpointRounding.AwayFromZero);

    public string HistoryLabel => "Product";
    // Invariant, so history reads the same whatever the language of the request that wrote it.
    public string HistorySummary => string.Create(CultureInfo.InvariantCulture,
        $"{ProductName}: {Quantity:0.##} × {UnitPrice:0.00}{(DiscountPercent > 0 ? $" − {DiscountPercent:0.##}%" : "")} = {Total:0.00}");
}
