using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Products;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class ProductServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private sealed record World(WorkspaceSeed Acme, Guid LicenceId, Guid TrainingId, Guid LeadId);

    private static async Task<World> ArrangeAsync(CoreFixture fixture, bool valueFromProducts = true, decimal? value = null)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var licence = await TestData.ProductAsync(fixture, acme, "Licence", 99.99m);
        var training = await TestData.ProductAsync(fixture, acme, "Training", 500m);
        var lead = await TestData.LeadAsync(fixture, acme, "Alice", l => (l.ValueFromProducts, l.EstimatedValue) = (valueFromProducts, value));
        return new World(acme, licence, training, lead);
    }

    [Fact]
    public async Task Add_ALine_UsesTheCatalogPrice_AndTotalsItWithTheDiscount()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.LicenceId, 3, null, 10));
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId);
        var line = Assert.Single(await read.Get<ProductService>().ListAsync(world.LeadId));
        Assert.Equal(("Licence", 3m, 99.99m, 10m, 269.97m), (line.ProductName, line.Quantity, line.UnitPrice, line.DiscountPercent, line.Total));
        Assert.Equal("Added Licence", Assert.Single(await read.Get<ActivityService>().ListAsync(world.LeadId), a => a.Type == ActivityType.Product).Title);
        var history = Assert.Single(await read.Get<HistoryService>().ListAsync(world.LeadId), h => h.Field == "Product");
        Assert.StartsWith("Licence: 3 × ", history.NewValue, StringComparison.Ordinal);
        Assert.Null(history.OldValue);
    }

    [Theory]
    [InlineData(2, 10, 0, 20)]
    [InlineData(3, 99.99, 10, 269.97)]
    [InlineData(3, 0.125, 0, 0.38)]
    [InlineData(2.5, 4, 50, 5)]
    [InlineData(1, 100, 100, 0)]
    [InlineData(1, 0, 0, 0)]
    public void LineTotal_IsQuantityTimesPriceLessTheDiscount_RoundedToCents(decimal quantity, decimal unitPrice, decimal discount, decimal expected)
    {
        Assert.Equal(expected, LeadProduct.LineTotal(quantity, unitPrice, discount));
    }

    [Fact]
    public async Task Add_WithAPriceGiven_UsesItInsteadOfTheCatalogs()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.TrainingId, 2, 450.555m, 0));

        var line = Assert.Single(await scope.Get<ProductService>().ListAsync(world.LeadId));
        Assert.Equal((450.56m, 901.12m), (line.UnitPrice, line.Total));
    }

    [Fact]
    public async Task Lines_OnALeadWhoseValueFollowsProducts_SetItsValue()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        Guid training;
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.LicenceId, 10, 100m, 20));
            training = await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.TrainingId, 1, null, 0));
        }
        var afterAdding = await ValueAsync(fixture, world);

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().UpdateAsync(world.LeadId, training, new ProductLineInput(world.TrainingId, 3, null, 50));
        }
        var afterUpdating = await ValueAsync(fixture, world);

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().RemoveAsync(world.LeadId, training);
        }
        var afterRemoving = await ValueAsync(fixture, world);

        Assert.Equal([1300m, 1550m, 800m], new[] { afterAdding, afterUpdating, afterRemoving });
    }

    [Fact]
    public async Task Lines_OnALeadWithAValueOfItsOwn_LeaveTheValueAlone()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, valueFromProducts: false, value: 42m);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.TrainingId, 1, null, 0));
        }

        Assert.Equal(42m, await ValueAsync(fixture, world));
    }

    [Fact]
    public async Task Update_ThatSwitchesValueFromProductsOn_TakesTheProductsTotal()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, valueFromProducts: false, value: 42m);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.TrainingId, 2, null, 0));
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.LicenceId, 1, null, 0));
        }

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { ValueFromProducts = true, EstimatedValue = 1m }, lead.Version);
        }

        Assert.Equal(1099.99m, await ValueAsync(fixture, world));
    }

    [Theory]
    [InlineData("quantity", 0, null, 0)]
    [InlineData("quantity", -1, null, 0)]
    [InlineData("quantity", 1_000_001, null, 0)]
    [InlineData("unitPrice", 1, -0.01, 0)]
    [InlineData("discount", 1, null, -1)]
    [InlineData("discount", 1, null, 100.01)]
    [InlineData("quantity", 1_000_000, 999_999_999_999d, 0)]
    public async Task Add_WithABadLine_IsRejected_AndAddsNothing(string field, decimal quantity, double? unitPrice, decimal discount)
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, valueFromProducts: true, value: 7m);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.LicenceId, quantity, (decimal?)unitPrice, discount)));

        Assert.Equal([field], error.ByField().Keys);
        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId);
        Assert.Empty(await read.Get<ProductService>().ListAsync(world.LeadId));
        Assert.Equal(7m, await ValueAsync(fixture, world));
    }

    [Fact]
    public async Task Add_OfAnInactiveUnknownOrForeignProduct_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var retired = await TestData.ProductAsync(fixture, world.Acme, "Retired", 10m, isActive: false);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirs = await TestData.ProductAsync(fixture, globex, "Theirs", 10m);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        foreach (var productId in new[] { retired, theirs, Guid.NewGuid() })
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() =>
                scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(productId, 1, null, 0)));
            Assert.Equal(["productId"], error.ByField().Keys);
        }
    }

    [Fact]
    public async Task Update_WithoutAPrice_KeepsTheLinesPrice_EvenWhenTheCatalogChanged()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        Guid line;
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            line = await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(world.TrainingId, 1, 400m, 0));
        }
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId))
        {
            await scope.Get<ProductService>().UpdateAsync(world.LeadId, line, new ProductLineInput(world.TrainingId, 2, null, 0));
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId);
        var updated = Assert.Single(await read.Get<ProductService>().ListAsync(world.LeadId));
        Assert.Equal((2m, 400m, 800m), (updated.Quantity, updated.UnitPrice, updated.Total));
    }

    [Fact]
    public async Task UpdateAndRemove_OfAnUnknownLine_AreNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<ProductService>().UpdateAsync(world.LeadId, Guid.NewGuid(), new ProductLineInput(world.LicenceId, 1, null, 0)));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<ProductService>().RemoveAsync(world.LeadId, Guid.NewGuid()));
    }

    [Fact]
    public async Task Catalog_ListsTheActiveProductsByName()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await TestData.ProductAsync(fixture, world.Acme, "Retired", 10m, isActive: false);
        await TestData.ProductAsync(fixture, world.Acme, "Add-on", 5m);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        var catalog = await scope.Get<ProductService>().CatalogAsync();

        Assert.Equal(["Add-on", "Licence", "Training"], catalog.Select(p => p.Name));
    }

    private static async Task<decimal?> ValueAsync(CoreFixture fixture, World world)
    {
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);
        return (await scope.Get<LeadService>().GetAsync(world.LeadId)).EstimatedValue;
    }
}
