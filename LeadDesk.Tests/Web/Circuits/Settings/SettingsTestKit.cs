using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>What the settings page tests share: a signed-in page with Mud's providers, its buttons, fields, snackbars and confirmations.</summary>
internal static class SettingsTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>An admin (or <paramref name="role"/>) of a new workspace, signed in to a component context.</summary>
    public static async Task<(WorkspaceSeed Workspace, Guid UserId, ComponentContext Context)> SignedInAsync(CoreFixture fixture,
        WorkspaceRole role = WorkspaceRole.Admin)
    {
        var workspace = await TestData.NewWorkspaceAsync(fixture);
        var user = await TestData.MemberAsync(fixture, workspace, role.ToString().ToLowerInvariant(), role);
        return (workspace, user, await ComponentContext.SignedInAsync(fixture, user, workspace.WorkspaceId));
    }

    /// <summary>Renders a settings page once it has read its data, with the dialog and popover providers beside it.</summary>
    public static (IRenderedComponent<TPage> Page, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudPopoverProvider> Popovers)
        Render<TPage>(ComponentContext context) where TPage : IComponent
    {
        var dialogs = context.Render<MudDialogProvider>();
        var popovers = context.Render<MudPopoverProvider>();
        var page = context.Render<TPage>();
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=settings-problem]").Count > 0 || page.FindAll(".ld-settings-card").Count > 0), Patience);
        return (page, dialogs, popovers);
    }

    public static IElement Button<T>(IRenderedComponent<T> scope, string text) where T : IComponent =>
        scope.FindAll("button").Single(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text);

    public static Task ClickAsync<T>(IRenderedComponent<T> scope, string text) where T : IComponent => Button(scope, text).ClickAsync(new MouseEventArgs());

    public static Task SubmitAsync<T>(IRenderedComponent<T> page, string formTestId) where T : IComponent => page.Find($"form[data-testid={formTestId}]").SubmitAsync();

    public static Task TypeAsync<T>(IRenderedComponent<T> page, string selector, string value) where T : IComponent =>
        page.Find(selector).ChangeAsync(new ChangeEventArgs { Value = value });

    /// <summary>The error text under the Mud input that holds <paramref name="inputSelector"/>.</summary>
    public static string? FieldError<T>(IRenderedComponent<T> page, string inputSelector) where T : IComponent =>
        page.Find(inputSelector).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    public static Task TickAsync<T>(IRenderedComponent<T> page, string checkBoxSelector, bool on) where T : IComponent =>
        page.Find($"input{checkBoxSelector}").ChangeAsync(new ChangeEventArgs { Value = on });

    public static List<string> Snackbars(ComponentContext context, Severity? severity = null) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Where(s => severity is null || s.Severity == severity).Select(s => s.Message ?? "").ToList();

    /// <summary>
    /// Clicks <paramref name="button"/>, which asks for a confirmation titled <paramref name="title"/>, answers it with
    /// <paramref name="answer"/>, then waits for the click's work to end (the click awaits the answer, so it is not awaited first).
    /// </summary>
    public static async Task ConfirmAsync<T>(IRenderedComponent<T> page, IRenderedComponent<MudDialogProvider> dialogs, string button, string title, string answer)
        where T : IComponent
    {
        var clicked = Button(page, button).ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains(title, dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        await Button(dialogs, answer).ClickAsync(new MouseEventArgs());
        await clicked.WaitAsync(Patience);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Patience);
    }

    /// <summary>Opens a MudSelect and chooses the item reading <paramref name="text"/>.</summary>
    public static async Task ChooseAsync<T>(IRenderedComponent<T> page, IRenderedComponent<MudPopoverProvider> popovers, string selectTestId, string text) where T : IComponent
    {
        await page.Find($"input[data-testid={selectTestId}]").Closest(".mud-input-control")!.MouseDownAsync(new MouseEventArgs());
        IElement Item() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == text);
        popovers.WaitForAssertion(() => Item(), Patience);
        await Item().ClickAsync(new MouseEventArgs());
    }

    public static async Task<T> QueryAsync<T>(CoreFixture fixture, Guid workspaceId, Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var scope = fixture.ScopeAs(workspaceId);
        return await query(scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>());
    }

    /// <summary>The member loses the admin role while their page is open (another admin changed it).</summary>
    public static async Task DemoteAsync(CoreFixture fixture, WorkspaceSeed workspace, Guid userId, WorkspaceRole role = WorkspaceRole.Manager)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        await db.WorkspaceMembers.Where(m => m.UserId == userId).ExecuteUpdateAsync(m => m.SetProperty(x => x.Role, role));
    }
}
