using Bunit;
using LeadDesk.Core.Products;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The products tab: lines with quantity, price and discount, their total, and the lead's value following it.</summary>
public sealed class ProductsTabTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AddingAProduct_ShowsTheLineAndTheTotal_AndTheLeadsValueFollowsIt()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync(valueFromProducts: true);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<ProductsTab>(lead);
        Assert.Contains("the lead's value follows their total", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);

        await tab.ChooseAsync(popovers, "product-choice", "Solar panel ($1,000)");
        await tab.Find("input[data-testid=add-quantity]").ChangeAsync(new ChangeEventArgs { Value = "2" });
        await tab.Find("input[data-testid=add-discount]").ChangeAsync(new ChangeEventArgs { Value = "10" });
        await tab.Button("Add product").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("$1,800.00", tab.Find("[data-testid=products-total]").TextContent.Trim()));
        Assert.Equal("The lead's estimated value follows this total.", tab.Find("[data-testid=value-source]").TextContent.Trim());
        Assert.Equal(1800m, await Fixture.QueryAsync(acme, db => db.Leads.Where(l => l.Id == lead).Select(l => l.EstimatedValue).SingleAsync()));
        Assert.Equal(["Product added."], context.Snackbars());
        Assert.Equal("1", tab.Find("input[data-testid=add-quantity]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("lots", "0", "Enter a quantity above 0 and up to 1,000,000.")]
    [InlineData("1", "150", "A discount is between 0 and 100 %.")]
    public async Task BadNumbers_AreRefusedBesideTheirField_KeepWhatWasTyped_AndAddNothing(string quantity, string discount, string message)
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<ProductsTab>(lead);

        await tab.ChooseAsync(popovers, "product-choice", "Solar panel ($1,000)");
        await tab.Find("input[data-testid=add-quantity]").ChangeAsync(new ChangeEventArgs { Value = quantity });
        await tab.Find("input[data-testid=add-discount]").ChangeAsync(new ChangeEventArgs { Value = discount });
        await tab.Button("Add product").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal([message], tab.FieldErrors()));
        Assert.Equal((quantity, discount), (tab.Find("input[data-testid=add-quantity]").GetAttribute("value"), tab.Find("input[data-testid=add-discount]").GetAttribute("value")));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadProducts.CountAsync(p => p.LeadId == lead)));
    }

    [Fact]
    public async Task AddingWithoutChoosingAProduct_AsksForOne()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ProductsTab>(lead);

        await tab.Button("Add product").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal(["Choose a product from the catalog."], tab.FieldErrors()));
    }

    [Fact]
    public async Task EditingALine_ChangesItsTotal_AndABadDiscountIsRefusedBesideIt()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        var line = await LineAsync(acme, lead, quantity: 1);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ProductsTab>(lead);

        await tab.Find($"tr[data-line-id='{line}'] button[data-action=edit]").ClickAsync();
        await tab.Find("input[data-testid=edit-discount]").ChangeAsync(new ChangeEventArgs { Value = "-5" });
        await tab.Button("Save line").ClickAsync();
        tab.WaitForAssertion(() => Assert.Equal(["A discount is between 0 and 100 %."], tab.FieldErrors()));
        Assert.Equal("-5", tab.Find("input[data-testid=edit-discount]").GetAttribute("value"));
        await tab.Find("input[data-testid=edit-discount]").ChangeAsync(new ChangeEventArgs { Value = "0" });
        await tab.Find("input[data-testid=edit-quantity]").ChangeAsync(new ChangeEventArgs { Value = "3" });
        await tab.Button("Save line").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("$3,000.00", tab.Find($"tr[data-line-id='{line}'] [data-testid=line-total]").TextContent.Trim()));
        Assert.Equal(3m, await Fixture.QueryAsync(acme, db => db.LeadProducts.Where(p => p.Id == line).Select(p => p.Quantity).SingleAsync()));
        Assert.Contains("set by hand ($5,000)", tab.Find("[data-testid=value-source]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingALine_AsksFirst_CancelKeepsIt_AndConfirmingRemovesIt()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        var line = await LineAsync(acme, lead, quantity: 1);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<ProductsTab>(lead);

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"tr[data-line-id='{line}'] button[data-action=remove]"), dialogs, "Cancel");
        Assert.Single(tab.FindAll($"tr[data-line-id='{line}']"));
        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"tr[data-line-id='{line}'] button[data-action=remove]"), dialogs, "Remove");

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll($"tr[data-line-id='{line}']")));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadProducts.CountAsync(p => p.LeadId == lead)));
        Assert.Equal(["Solar panel removed."], context.Snackbars());
    }

    [Fact]
    public async Task ALeadInTheTrash_ShowsItsLines_WithNothingToChangeThem()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        await LineAsync(acme, lead, quantity: 2);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ProductsTab>(lead, readOnly: true);

        Assert.Equal("$2,000.00", tab.Find("[data-testid=products-total]").TextContent.Trim());
        Assert.Empty(tab.FindAll("button, input, .mud-select"));
    }

    [Fact]
    public async Task AnEmptyCatalog_SaysAnAdminAddsProducts()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Uncatalogued", ownerId: rep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ProductsTab>(lead);

        Assert.Contains("catalog is empty", tab.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.False(tab.HasButton("Add product"));
    }

    [Fact]
    public async Task ALineAddedElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithCatalogAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ProductsTab>(lead);
        var line = await LineAsync(acme, lead, quantity: 4);

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll($"tr[data-line-id='{line}']")));
        Assert.Equal("$4,000.00", tab.Find("[data-testid=products-total]").TextContent.Trim());
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound()
    {
        var (acme, rep, _) = await LeadWithCatalogAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ProductsTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("button"));
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithCatalogAsync(bool valueFromProducts = false)
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        await TestData.ProductAsync(Fixture, acme, "Solar panel", 1000m);
        await TestData.ProductAsync(Fixture, acme, "Retired inverter", 500m, isActive: false);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Shopper", l =>
        {
            l.OwnerId = rep;
            l.EstimatedValue = 5000m;
            l.ValueFromProducts = valueFromProducts;
        });
        return (acme, rep, lead);
    }

    private async Task<Guid> LineAsync(WorkspaceSeed workspace, Guid lead, decimal quantity)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        var products = scope.Get<ProductService>();
        var panel = (await products.CatalogAsync()).Single(p => p.Name == "Solar panel");
        return await products.AddAsync(lead, new ProductLineInput(panel.Id, quantity, null, 0));
    }
}
