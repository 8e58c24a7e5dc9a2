using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// Arranging and checking data of the seeded app (workspaces <c>demo</c> and <c>northwind</c>) straight through its
/// services, as the seeder does: a scope whose <see cref="CurrentActor"/> is set for a workspace.
/// </summary>
public static class SeededData
{
    public const string Demo = DemoSeeder.DemoSlug;
    public const string Northwind = DemoSeeder.SecondSlug;

    /// <summary>A name no other test uses, so searches and leak checks find only what this test made.</summary>
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    /// <summary>
    /// A scope acting in <paramref name="slug"/>: as <paramref name="email"/> with their role there, or as an admin
    /// without a user (like the seeder) when no email is given.
    /// </summary>
    public static async Task<AsyncServiceScope> ScopeAsync(this LeadDeskAppFactory app, string slug = Demo, string? email = null)
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.Get<LeadDeskDbContext>();
        var actor = scope.Get<CurrentActor>();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
        actor.Set(null, workspaceId, WorkspaceRole.Admin);
        if (email is not null)
        {
            var userId = await UserIdAsync(app, email);
            var role = await db.WorkspaceMembers.Where(m => m.UserId == userId).Select(m => m.Role).SingleAsync();
            actor.Set(userId, workspaceId, role);
        }
        return scope;
    }

    public static async Task<Guid> UserIdAsync(this LeadDeskAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var normalized = email.ToUpperInvariant();
        return await scope.Get<LeadDeskDbContext>().Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Runs <paramref name="query"/> on the database, scoped to <paramref name="slug"/> (soft-deleted leads hidden as usual).</summary>
    public static async Task<T> QueryAsync<T>(this LeadDeskAppFactory app, Func<LeadDeskDbContext, Task<T>> query, string slug = Demo)
    {
        await using var scope = await app.ScopeAsync(slug);
        return await query(scope.Get<LeadDeskDbContext>());
    }

    /// <summary>The lead as stored (deleted or not), read fresh.</summary>
    public static Task<Lead> LeadAsync(this LeadDeskAppFactory app, Guid id, string slug = Demo) =>
        app.QueryAsync(db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking().SingleAsync(l => l.Id == id), slug);

    /// <summary>The stages of the workspace's default lead pipeline, in order.</summary>
    public static Task<List<Stage>> StagesAsync(this LeadDeskAppFactory app, string slug = Demo) =>
        app.QueryAsync(db => (
                from s in db.Stages
                join p in db.Pipelines on s.PipelineId equals p.Id
                where p.IsDefault && p.Module == PipelineModule.Leads
                orderby s.SortOrder
                select s)
            .AsNoTracking().ToListAsync(), slug);

    public static async Task<Stage> StageAsync(this LeadDeskAppFactory app, string key, string slug = Demo) =>
        (await app.StagesAsync(slug)).Single(s => s.Key == key);

    /// <summary>
    /// A new open lead in <paramref name="slug"/> with a unique first name (its email follows it), in the default pipeline's
    /// stage <paramref name="stageKey"/>, unassigned unless <paramref name="configure"/> says otherwise.
    /// </summary>
    public static async Task<Guid> CreateLeadAsync(this LeadDeskAppFactory app, string slug = Demo, string stageKey = "new", Action<Lead>? configure = null)
    {
        var stage = await app.StageAsync(stageKey, slug);
        await using var scope = await app.ScopeAsync(slug);
        var db = scope.Get<LeadDeskDbContext>();
        var first = Unique("Lead");
        var lead = new Lead
        {
            FirstName = first,
            LastName = "Testcase",
            Email = $"{first.ToLowerInvariant()}@example.com",
            Company = "Test Company",
            Source = "Website",
        };
        lead.MoveTo(stage);
        configure?.Invoke(lead);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary>
    /// A static page with the workspace switcher and sign-out forms (antiforgery tokens in the HTML), for tests of those forms:
    /// the interactive shell keeps them in menus that render when opened.
    /// </summary>
    public const string StaticPage = "/account/access-denied";
}

/// <summary>Reading pages and posting their forms the way a browser does.</summary>
public static class Browser
{
    /// <summary>The form whose Blazor form name (hidden <c>_handler</c>) is <paramref name="handler"/>.</summary>
    public static IHtmlFormElement FormNamed(this IHtmlDocument page, string handler) =>
        page.QuerySelectorAll<IHtmlFormElement>("form").SingleOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == handler)
            ?? throw new InvalidOperationException($"No form named {handler} on the page.");

    public static bool HasFormNamed(this IHtmlDocument page, string handler) =>
        page.QuerySelectorAll<IHtmlFormElement>("form").Any(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == handler);

    /// <summary>What a browser would send for <paramref name="form"/> as it stands: enabled, named controls; checked boxes only.</summary>
    public static List<KeyValuePair<string, string>> Fields(this IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }
                    break;
                case IHtmlInputElement input when input.Type is "file" or "submit" or "button" or "image" or "reset":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    // With no option marked selected a browser sends the first one.
                    var option = select.QuerySelector<IHtmlOptionElement>("option[selected]") ?? select.QuerySelector<IHtmlOptionElement>("option");
                    if (option is not null)
                    {
                        fields.Add(new(name, option.Value));
                    }
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        return fields;
    }

    /// <summary>
    /// Posts <paramref name="form"/> (loaded from <paramref name="pageUrl"/>) with <paramref name="changes"/>: each name given replaces
    /// the form's values of that name (a name given twice sends two values; a null value removes the field).
    /// </summary>
    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, IHtmlFormElement form, string pageUrl, params (string Name, string? Value)[] changes) =>
        client.PostToAsync(string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!, form, changes);

    /// <summary>As <see cref="PostAsync"/>, but to <paramref name="action"/> whatever the form says (a forged or replayed post).</summary>
    public static async Task<HttpResponseMessage> PostToAsync(this HttpClient client, string action, IHtmlFormElement form, params (string Name, string? Value)[] changes)
    {
        var names = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var fields = form.Fields().Where(f => !names.Contains(f.Key)).ToList();
        fields.AddRange(changes.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string>(c.Name, c.Value!)));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Loads <paramref name="pageUrl"/> and posts its form named <paramref name="handler"/> with <paramref name="changes"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, string handler, params (string Name, string? Value)[] changes)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        return await client.PostAsync(page.FormNamed(handler), pageUrl, changes);
    }

    /// <summary>The antiforgery token of the first form on <paramref name="pageUrl"/> that has one.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl, string selector = "input[name=__RequestVerificationToken]")
    {
        var page = await client.GetDocumentAsync(pageUrl);
        return page.QuerySelector<IHtmlInputElement>(selector)?.Value ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
    }

    public static Task<HttpResponseMessage> FetchAsync(this HttpClient client, string url) => client.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>The toast the response leaves for the next page (cookie <c>ld.toast</c>, "s:" or "e:" then the message), or null.</summary>
    public static string? Toast(this HttpResponseMessage response)
    {
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("ld.toast=", StringComparison.Ordinal) && !c.StartsWith("ld.toast=;", StringComparison.Ordinal))
            : null;
        return cookie is null ? null : Uri.UnescapeDataString(cookie["ld.toast=".Length..].Split(';')[0]);
    }

    public static void AssertNotFound(HttpResponseMessage response, string body, params string[] secrets)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
