using Bunit;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>Settings → API tokens: create (the secret shown once, with Copy), refusals beside the fields, revoke after a confirmation.</summary>
public sealed class ApiTokensPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AnAdmin_CreatesAToken_SeesTheSecretOnceWithCopy_AndItWorks()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<ApiTokensPage>(context);
        Assert.Equal("No tokens yet. Create one above for each website or tool that calls the API, so each can be revoked on its own.",
            page.Find("[data-testid=tokens-empty]").TextContent.Trim());

        await TypeAsync(page, "#token-name", "Website");
        await TickAsync(page, "[data-scope='leads:write']", false);
        await SubmitAsync(page, "token-form");

        page.WaitForElement("[data-testid=new-token]", Patience);
        var secret = page.Find("#token-secret").GetAttribute("value")!;
        Assert.Matches("^ld_[0-9A-Za-z]{40}$", secret);
        Assert.Contains("copy it now", page.Find("[data-testid=new-token]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Token “Website” created: copy it now."], Snackbars(context, Severity.Success));
        var row = page.Find("[data-testid=token-table] td[data-token-id]").ParentElement!;
        Assert.Contains($"{secret[..11]}…", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("leads:read", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("leads:write", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", row.QuerySelector("[data-testid=token-status]")!.TextContent);
        Assert.Equal("", page.Find("#token-name").GetAttribute("value") ?? ""); // the form starts again
        var identity = await AuthenticateAsync(secret);
        Assert.Equal(acme.WorkspaceId, identity!.WorkspaceId);
        Assert.Equal(["leads:read"], identity.Scopes);

        await page.Find("[data-testid=new-token] button[data-testid=copy]").ClickAsync(new MouseEventArgs());
        Assert.Equal(secret, Assert.Single(context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText").Arguments.Single());
        Assert.Contains("New token copied.", Snackbars(context, Severity.Success));

        var again = context.Render<ApiTokensPage>(); // a later visit
        again.WaitForElement("[data-testid=token-table]", Patience);
        Assert.Empty(again.FindAll("[data-testid=new-token]"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
        Assert.Contains(secret[..11], again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenWithoutANameOrScopesOrWithAPastExpiry_IsRefusedBesideTheField_WithTheInputKept()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<ApiTokensPage>(context);

        await TypeAsync(page, "#token-expires", "2026-01-01");
        await SubmitAsync(page, "token-form");
        page.WaitForAssertion(() => Assert.Equal("Give the token a name of 1 to 100 characters, such as the site or tool that will use it.", FieldError(page, "#token-name")), Patience);
        Assert.Equal("2026-01-01", page.Find("#token-expires").GetAttribute("value"));

        await TypeAsync(page, "#token-name", "Zapier");
        await TickAsync(page, "[data-scope='leads:read']", false);
        await TickAsync(page, "[data-scope='leads:write']", false);
        await SubmitAsync(page, "token-form");
        page.WaitForAssertion(() => Assert.Equal("Choose one or more scopes: leads:read, leads:write, settings:read, settings:write.", page.Find("[data-testid=scopes-error]").TextContent.Trim()), Patience);
        Assert.Null(FieldError(page, "#token-name"));

        await TickAsync(page, "[data-scope='settings:read']", true);
        await SubmitAsync(page, "token-form");
        page.WaitForAssertion(() => Assert.Equal("An expiry date must be in the future.", FieldError(page, "#token-expires")), Patience);
        Assert.Equal("Zapier", page.Find("#token-name").GetAttribute("value"));
        Assert.NotNull(page.Find("input[data-scope='settings:read']").GetAttribute("checked"));
        Assert.Empty(page.FindAll("[data-testid=new-token]"));
        Assert.Equal(0, await TokenCountAsync(acme));

        await TypeAsync(page, "#token-expires", "2027-06-30");
        await SubmitAsync(page, "token-form");
        page.WaitForElement("[data-testid=new-token]", Patience);
        Assert.Equal(new DateTime(2027, 6, 30, 0, 0, 0, DateTimeKind.Utc), await QueryAsync(Fixture, acme.WorkspaceId, db => db.ApiTokens.Select(t => t.ExpiresAt).SingleAsync()));
    }

    [Fact]
    public async Task Revoking_AsksFirst_CancelKeepsTheToken_ConfirmStopsItAtOnce()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var token = await CreateTokenAsync(acme, admin, "Zapier");
        var (page, dialogs, _) = Render<ApiTokensPage>(context);

        await ConfirmAsync(page, dialogs, "Revoke Zapier", "Revoke “Zapier”?", "Cancel");

        Assert.Equal("Active", page.Find("[data-testid=token-status]").TextContent);
        Assert.NotNull(await AuthenticateAsync(token.Secret));
        Assert.Empty(Snackbars(context));

        await ConfirmAsync(page, dialogs, "Revoke Zapier", "Revoke “Zapier”?", "Revoke");

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=token-status]").TextContent), Patience);
        Assert.Equal(["Token “Zapier” revoked."], Snackbars(context, Severity.Success));
        Assert.Null(await AuthenticateAsync(token.Secret));
        Assert.Empty(page.FindAll("button[aria-label='Revoke Zapier']"));
    }

    [Fact]
    public async Task AnotherWorkspacesTokens_AreNotListed_AndOneMovedThereCannotBeRevokedFromHere()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await CreateTokenAsync(elsewhere, await TestData.MemberAsync(Fixture, elsewhere, "them", WorkspaceRole.Admin), "Their site");
        var mine = await CreateTokenAsync(acme, admin, "Mine");
        var (page, dialogs, _) = Render<ApiTokensPage>(context);
        Assert.Equal([mine.Token.Id], page.FindAll("td[data-token-id]").Select(td => Guid.Parse(td.GetAttribute("data-token-id")!)));
        // The row shown now names a token of another workspace (as a tampered circuit message could).
        await QueryAsync(Fixture, acme.WorkspaceId, db => db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == mine.Token.Id)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.WorkspaceId, elsewhere.WorkspaceId)));

        await ConfirmAsync(page, dialogs, "Revoke Mine", "Revoke “Mine”?", "Revoke");

        page.WaitForAssertion(() => Assert.Equal(["API token was not found. It may have been deleted, or it is no longer visible to you."], Snackbars(context, Severity.Error)), Patience);
        Assert.NotNull(await AuthenticateAsync(mine.Secret));
        Assert.NotNull(await AuthenticateAsync(theirs.Secret));
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task SomeoneWhoIsNotAnAdmin_IsToldSo_AndSeesNoTokens(WorkspaceRole role)
    {
        var (acme, _, context) = await SignedInAsync(Fixture, role);
        await using var _ = context;
        await CreateTokenAsync(acme, await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Admin), "Hidden");

        var (page, _, _) = Render<ApiTokensPage>(context);

        Assert.Equal("Only admins, signed in, manage API tokens.", page.Find("[data-testid=settings-problem]").TextContent.Trim());
        Assert.DoesNotContain("Hidden", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_CannotCreateOrRevoke()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var token = await CreateTokenAsync(acme, admin, "Kept");
        var (page, dialogs, _) = Render<ApiTokensPage>(context);
        await DemoteAsync(Fixture, acme, admin);

        await TypeAsync(page, "#token-name", "Sneaky");
        await SubmitAsync(page, "token-form");
        page.WaitForAssertion(() => Assert.Equal(["Only admins, signed in, manage API tokens."], Snackbars(context, Severity.Error)), Patience);
        await ConfirmAsync(page, dialogs, "Revoke Kept", "Revoke “Kept”?", "Revoke");
        // The same refusal again (one snackbar: MudBlazor drops a duplicate on screen); the token stays active.

        Assert.Empty(page.FindAll("[data-testid=new-token]"));
        Assert.Equal("Sneaky", page.Find("#token-name").GetAttribute("value"));
        Assert.Equal(1, await TokenCountAsync(acme));
        Assert.NotNull(await AuthenticateAsync(token.Secret));
    }

    private async Task<NewApiToken> CreateTokenAsync(WorkspaceSeed workspace, Guid admin, string name)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, admin);
        return await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(name, [ApiScopes.LeadsRead], null);
    }

    private async Task<ApiTokenIdentity?> AuthenticateAsync(string secret)
    {
        await using var scope = Fixture.ScopeAs(workspaceId: null);
        return await scope.ServiceProvider.GetRequiredService<ApiTokenService>().AuthenticateAsync(secret);
    }

    private Task<int> TokenCountAsync(WorkspaceSeed workspace) => QueryAsync(Fixture, workspace.WorkspaceId, db => db.ApiTokens.CountAsync());
}
