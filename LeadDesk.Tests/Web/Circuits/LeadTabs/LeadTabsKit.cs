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

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>Rendering one tab of the lead page alone, clicking its buttons and answering its confirmations.</summary>
internal static class LeadTabsKit
{
    /// <summary>The tab for <paramref name="leadId"/>, once it has read its data (or been refused).</summary>
    public static IRenderedComponent<T> RenderTab<T>(this ComponentContext context, Guid leadId, bool readOnly = false) where T : IComponent
    {
        var tab = context.Render<T>(builder =>
        {
            builder.OpenComponent<T>(0);
            builder.AddAttribute(1, "LeadId", leadId);
            builder.AddAttribute(2, "ReadOnly", readOnly);
            builder.CloseComponent();
        });
        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll(".mud-progress-linear")));
        return tab;
    }

    /// <summary>Renders the tab again with <c>Revision</c> bumped, as the page does when the lead changed.</summary>
    public static void Bump<T>(this IRenderedComponent<T> tab, int revision) where T : IComponent =>
        tab.Render(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Revision"] = revision }));

    public static IElement Button<T>(this IRenderedComponent<T> rendered, string text) where T : IComponent =>
        rendered.FindAll("button").Single(b => b.TextContent.Trim() == text);

    public static bool HasButton<T>(this IRenderedComponent<T> rendered, string text) where T : IComponent =>
        rendered.FindAll("button").Any(b => b.TextContent.Trim() == text);

    public static Task ClickAsync(this IElement element) => element.ClickAsync(new MouseEventArgs());

    /// <summary>Clicks <paramref name="button"/>, which asks first, and answers <paramref name="answer"/> in the message box.</summary>
    public static async Task ClickAndAnswerAsync(IElement button, IRenderedComponent<MudDialogProvider> dialogs, string answer)
    {
        var click = button.ClickAsync();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        await dialogs.Button(answer).ClickAsync();
        await click;
    }

    /// <summary>Opens the MudSelect marked <paramref name="testId"/> and clicks its item <paramref name="text"/> in the popover.</summary>
    public static async Task ChooseAsync<T>(this IRenderedComponent<T> rendered, IRenderedComponent<MudPopoverProvider> popovers, string testId, string text)
        where T : IComponent
    {
        await rendered.Find($"[data-testid={testId}]").Closest(".mud-select")!.MouseDownAsync(new MouseEventArgs());
        IElement Item() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == text);
        popovers.WaitForAssertion(() => Item());
        await Item().ClickAsync();
    }

    public static List<string> Snackbars(this ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    /// <summary>The helper text of the Mud input in error (the message beside the field).</summary>
    public static List<string> FieldErrors<T>(this IRenderedComponent<T> rendered) where T : IComponent =>
        rendered.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    public static async Task<T> QueryAsync<T>(this CoreFixture fixture, WorkspaceSeed workspace, Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        return await query(scope.Get<LeadDeskDbContext>());
    }

    /// <summary>Changes a member's role, as an admin does in Settings while the tab is open.</summary>
    public static Task SetRoleAsync(this CoreFixture fixture, WorkspaceSeed workspace, Guid userId, WorkspaceRole role) =>
        fixture.QueryAsync(workspace, async db =>
        {
            var member = await db.WorkspaceMembers.SingleAsync(m => m.UserId == userId);
            member.Role = role;
            return await db.SaveChangesAsync();
        });

    /// <summary>Removes a member from the workspace while the tab is open.</summary>
    public static Task RemoveMemberAsync(this CoreFixture fixture, WorkspaceSeed workspace, Guid userId) =>
        fixture.QueryAsync(workspace, db => db.WorkspaceMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync());
}
