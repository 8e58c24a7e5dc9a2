using Bunit;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>Settings → Webhooks: add one (its signing secret with Copy), refusals beside the fields, a test delivery, pause and delete.</summary>
public sealed class WebhooksPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private const string Url = "https://hooks.example.com/leaddesk";

    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AnAdmin_AddsAWebhook_AndSeesItWithItsSigningSecret()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<WebhooksPage>(context);
        Assert.Equal("No webhooks yet. Add your endpoint's URL above, then send it a test.", page.Find("[data-testid=webhooks-empty]").TextContent.Trim());
        Assert.Equal("Nothing sent yet. Deliveries appear here when leads change, or after “Send a test”.", page.Find("[data-testid=deliveries-empty]").TextContent.Trim());

        await TypeAsync(page, "#webhook-url", Url);
        await TickAsync(page, "[data-event='lead.deleted']", true);
        await SubmitAsync(page, "webhook-form");

        page.WaitForElement("[data-webhook]", Patience);
        Assert.Equal(["Webhook added. Use “Send a test” to check your endpoint."], Snackbars(context, Severity.Success));
        var hook = Assert.Single(await ListAsync(acme, admin));
        Assert.Equal([WebhookEvents.LeadCreated, WebhookEvents.LeadStageChanged, WebhookEvents.LeadDeleted], hook.Events);
        var card = page.Find($"[data-webhook='{hook.Id}']");
        Assert.Equal(Url, card.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(hook.Secret, page.Find($"#secret-{hook.Id}").GetAttribute("value"));
        Assert.Equal("", page.Find("#webhook-url").GetAttribute("value") ?? "");

        await card.QuerySelector("button[data-testid=copy]")!.ClickAsync(new MouseEventArgs());
        Assert.Equal(hook.Secret, context.JSInterop.Invocations.Single(i => i.Identifier == "navigator.clipboard.writeText").Arguments.Single());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook", "That address is on a private or local network; webhooks go to public addresses.")]
    [InlineData("not a url", "Enter the full address to call, such as https://hooks.example.com/leaddesk.")]
    public async Task APrivateOrInvalidUrl_IsRefusedBesideTheField_WithTheUrlKept(string url, string message)
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<WebhooksPage>(context);

        await TypeAsync(page, "#webhook-url", url);
        await SubmitAsync(page, "webhook-form");

        page.WaitForAssertion(() => Assert.Equal(message, FieldError(page, "#webhook-url")), Patience);
        Assert.Equal(url, page.Find("#webhook-url").GetAttribute("value"));
        Assert.Empty(await ListAsync(acme, admin));
    }

    [Fact]
    public async Task NoEvents_IsRefusedUnderTheEvents_AndChoosingOneClearsIt()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<WebhooksPage>(context);

        await TypeAsync(page, "#webhook-url", Url);
        await TickAsync(page, "[data-event='lead.created']", false);
        await TickAsync(page, "[data-event='lead.stage_changed']", false);
        await SubmitAsync(page, "webhook-form");
        page.WaitForAssertion(() => Assert.Equal("Choose at least one event.", page.Find("[data-testid=events-error]").TextContent.Trim()), Patience);
        Assert.Empty(await ListAsync(acme, admin));

        await TickAsync(page, "[data-event='lead.converted']", true);
        Assert.Empty(page.FindAll("[data-testid=events-error]"));
        await SubmitAsync(page, "webhook-form");
        page.WaitForElement("[data-webhook]", Patience);
        Assert.Equal([WebhookEvents.LeadConverted], Assert.Single(await ListAsync(acme, admin)).Events);
    }

    [Fact]
    public async Task SendATest_QueuesAPing_ThatIsListedUnderRecentDeliveries()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var hook = await CreateHookAsync(acme, admin);
        var (page, _, _) = Render<WebhooksPage>(context);

        await ClickAsync(page, $"Send a test to {Url}");

        page.WaitForElement("[data-testid=deliveries] td[data-delivery]", Patience);
        Assert.Equal(["A test delivery is on its way; press Refresh under Recent deliveries in a few seconds to see its result."], Snackbars(context, Severity.Success));
        var row = page.Find("[data-testid=deliveries] td[data-delivery]").ParentElement!;
        Assert.Contains(WebhookEvents.Ping, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting to be sent", row.QuerySelector("[data-testid=delivery-result]")!.TextContent);
        Assert.Equal(1, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id)));
    }

    [Fact]
    public async Task PauseThenResume_AndDelete_AfterAConfirmation_WhichCancelLeavesAlone()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        await CreateHookAsync(acme, admin);
        var (page, dialogs, _) = Render<WebhooksPage>(context);

        await ClickAsync(page, $"Pause {Url}");
        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid=webhook-status]").TextContent.Trim()), Patience);
        Assert.False(Assert.Single(await ListAsync(acme, admin)).IsActive);
        await ClickAsync(page, $"Resume {Url}");
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=webhook-status]").TextContent.Trim()), Patience);
        Assert.Equal(["Webhook paused.", "Webhook resumed."], Snackbars(context, Severity.Success));

        await ConfirmAsync(page, dialogs, $"Delete {Url}", "Delete this webhook?", "Cancel");
        Assert.Single(page.FindAll("[data-webhook]"));
        Assert.Single(await ListAsync(acme, admin));

        await ConfirmAsync(page, dialogs, $"Delete {Url}", "Delete this webhook?", "Delete");
        page.WaitForElement("[data-testid=webhooks-empty]", Patience);
        Assert.Contains("Webhook deleted.", Snackbars(context, Severity.Success));
        Assert.Empty(await ListAsync(acme, admin));
    }

    [Fact]
    public async Task AnotherWorkspacesWebhooks_AreNotListed_AndOneMovedThereCannotBeDeletedOrPingedFromHere()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        await CreateHookAsync(elsewhere, await TestData.MemberAsync(Fixture, elsewhere, "them", WorkspaceRole.Admin), "https://hooks.example.com/theirs");
        var mine = await CreateHookAsync(acme, admin);
        var (page, dialogs, _) = Render<WebhooksPage>(context);
        Assert.Equal([$"{mine.Id}"], page.FindAll("[data-webhook]").Select(c => c.GetAttribute("data-webhook")));
        await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebhookSubscriptions.IgnoreQueryFilters().Where(s => s.Id == mine.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WorkspaceId, elsewhere.WorkspaceId)));

        await ClickAsync(page, $"Send a test to {Url}");
        await ConfirmAsync(page, dialogs, $"Delete {Url}", "Delete this webhook?", "Delete");

        Assert.Contains("Webhook was not found. It may have been deleted, or it is no longer visible to you.", Snackbars(context, Severity.Error).Single());
        Assert.Equal(2, await QueryAsync(Fixture, elsewhere.WorkspaceId, db => db.WebhookSubscriptions.CountAsync()));
        Assert.Equal(0, await QueryAsync(Fixture, elsewhere.WorkspaceId, db => db.WebhookDeliveries.CountAsync()));
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task SomeoneWhoIsNotAnAdmin_IsToldSo_AndSeesNoUrlOrSecret(WorkspaceRole role)
    {
        var (acme, _, context) = await SignedInAsync(Fixture, role);
        await using var _ = context;
        var hook = await CreateHookAsync(acme, await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Admin));

        var (page, _, _) = Render<WebhooksPage>(context);

        Assert.Equal("Only admins can change this workspace's settings.", page.Find("[data-testid=settings-problem]").TextContent.Trim());
        Assert.DoesNotContain(Url, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Secret!, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_CannotAddOrDelete()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        await CreateHookAsync(acme, admin);
        var (page, dialogs, _) = Render<WebhooksPage>(context);
        await DemoteAsync(Fixture, acme, admin);

        await TypeAsync(page, "#webhook-url", "https://hooks.example.com/other");
        await SubmitAsync(page, "webhook-form");
        page.WaitForAssertion(() => Assert.Equal(["Only admins can change this workspace's settings."], Snackbars(context, Severity.Error)), Patience);
        await ConfirmAsync(page, dialogs, $"Delete {Url}", "Delete this webhook?", "Delete");

        Assert.Equal("https://hooks.example.com/other", page.Find("#webhook-url").GetAttribute("value"));
        Assert.Equal(1, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebhookSubscriptions.CountAsync()));
    }

    private async Task<WebhookView> CreateHookAsync(WorkspaceSeed workspace, Guid admin, string url = Url)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, admin);
        return await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(url, [WebhookEvents.LeadCreated]);
    }

    private async Task<IReadOnlyList<WebhookView>> ListAsync(WorkspaceSeed workspace, Guid admin)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, admin);
        return await scope.ServiceProvider.GetRequiredService<WebhookService>().ListAsync();
    }
}
