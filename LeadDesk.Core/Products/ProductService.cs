using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Products;

public sealed record ProductView(Guid Id, string Name, string? Sku, decimal UnitPrice);

public sealed record LeadProductView(Guid Id, Guid ProductId, string ProductName, decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal Total);

/// <summary>A product line as entered: unit price defaults to the catalog price.</summary>
public sealed record ProductLineInput(Guid ProductId, decimal Quantity, decimal? UnitPrice, decimal DiscountPercent);

/// <summary>Product lines on a lead; with "value follows products" the lead's value is their total.</summary>
public sealed class ProductService(LeadDeskDbContext db, LeadAccess access, TimeProvider clock)
{
    public const decimal MaxQuantity = 1_000_000m;

    public async Task<IReadOnlyList<ProductView>> CatalogAsync(CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsView);
        return await db.Products.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Name)
            .Select(p => new ProductView(p.Id, p.Name, p.Sku, p.UnitPrice))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LeadProductView>> ListAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        return await db.LeadProducts.AsNoTracking()
            .Where(p => p.LeadId == leadId)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new LeadProductView(p.Id, p.ProductId, p.ProductName, p.Quantity, p.UnitPrice, p.DiscountPercent, p.Total))
            .ToListAsync(cancellationToken);
    }

    public async Task<Guid> AddAsync(Guid leadId, ProductLineInput input, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change lead products in this workspace."));
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == input.ProductId && p.IsActive, cancellationToken)
            ?? throw Validation.Error("productId", Messages.T("Choose a product from the catalog."));
        var line = new LeadProduct(leadId, product.Id, product.Name);
        Set(line, input, product.UnitPrice);
        db.LeadProducts.Add(line);
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Product, $"Added {product.Name}", line.HistorySummary, clock.GetUtcNow().UtcDateTime));
        await SaveWithValueAsync(lead, cancellationToken);
        return line.Id;
    }

    public async Task UpdateAsync(Guid leadId, Guid lineId, ProductLineInput input, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change lead products in this workspace."));
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var line = await db.LeadProducts.FirstOrDefaultAsync(p => p.Id == lineId && p.LeadId == leadId, cancellationToken)
            ?? throw new NotFoundException(Missing.ProductLine);
        Set(line, input, line.UnitPrice);
        await SaveWithValueAsync(lead, cancellationToken);
    }

    public async Task RemoveAsync(Guid leadId, Guid lineId, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change lead products in this workspace."));
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var line = await db.LeadProducts.FirstOrDefaultAsync(p => p.Id == lineId && p.LeadId == leadId, cancellationToken)
            ?? throw new NotFoundException(Missing.ProductLine);
        db.LeadProducts.Remove(line);
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Product, $"Removed {line.ProductName}", null, clock.GetUtcNow().UtcDateTime));
        await SaveWithValueAsync(lead, cancellationToken);
    }

    private static void Set(LeadProduct line, ProductLineInput input, decimal defaultPrice)
    {
        if (input.Quantity is <= 0 or > MaxQuantity)
        {
            throw Validation.Error("quantity", Messages.T("Enter a quantity above 0 and up to {0:N0}.", MaxQuantity));
        }
        var price = input.UnitPrice ?? defaultPrice;
        if (price is < 0 or > LeadLimits.MaxValue)
        {
            throw Validation.Error("unitPrice", Messages.T("Enter a unit price of 0 or more."));
        }
        if (input.DiscountPercent is < 0 or > 100)
        {
            throw Validation.Error("discount", Messages.T("A discount is between 0 and 100 %."));
        }
        if (LeadProduct.LineTotal(input.Quantity, price, input.DiscountPercent) > LeadLimits.MaxValue)
        {
            throw Validation.Error("quantity", Messages.T("That line's total is larger than a lead's value can be."));
        }
        line.Set(decimal.Round(input.Quantity, 2), decimal.Round(price, 2), decimal.Round(input.DiscountPercent, 2));
    }

    private async Task SaveWithValueAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (lead.ValueFromProducts)
        {
            // Load the other lines next to the one being added or removed, then total what will be saved.
            await db.LeadProducts.Where(p => p.LeadId == lead.Id).LoadAsync(cancellationToken);
            lead.EstimatedValue = db.ChangeTracker.Entries<LeadProduct>()
                .Where(e => e.Entity.LeadId == lead.Id && e.State != EntityState.Deleted && !e.Entity.IsDeleted)
                .Sum(e => e.Entity.Total);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
