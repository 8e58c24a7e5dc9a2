using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>/leads/new: creating, what bad input gets back, the duplicate warning, and /leads/duplicates.</summary>
public sealed class NewLeadPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private const string Url = "/leads/new";
    private const string Form = "new-lead";

    [Fact]
    public async Task NewLead_WithValidInput_CreatesTheLead_AndRedirectsToIt()
    {
        var first = Unique("Ada");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var managerId = await app.UserIdAsync(LeadDeskAppFactory.Manager);

        var response = await client.SubmitAsync(Url, Form,
            ("Input.FirstName", first), ("Input.LastName", "Lovelace"), ("Input.Email", $"  {first}@Example.COM "),
            ("Input.Company", "Analytical Engines"), ("Input.EstimatedValue", "$25,000.50"), ("Input.Priority", "High"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.RedirectPath();
        Assert.StartsWith("/leads/", path, StringComparison.Ordinal);
        var lead = await app.LeadAsync(Guid.Parse(path["/leads/".Length..]));
        Assert.Equal((first, "Lovelace", $"{first.ToLowerInvariant()}@example.com", "Analytical Engines"), (lead.FirstName, lead.LastName, lead.Email, lead.Company));
        Assert.Equal(25_000.50m, lead.EstimatedValue);
        Assert.Equal(LeadPriority.High, lead.Priority);
        Assert.Equal(managerId, lead.OwnerId); // the owner select starts on the person creating it
        Assert.Equal((await app.StageAsync("new")).Id, lead.StageId);
        Assert.Equal($"s:Lead {first} Lovelace created.", response.Toast());
        Assert.Equal($"{first} Lovelace", (await client.GetDocumentAsync(path)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task NewLead_InAChosenStage_StartsThere()
    {
        var first = Unique("Staged");
        var contacted = await app.StageAsync("contacted");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync(Url, Form, ("Input.FirstName", first), ("Input.Phone", "(555) 010-2030"), ("Input.StageId", $"{contacted.Id}"));

        var lead = await app.LeadAsync(Guid.Parse(response.RedirectPath()["/leads/".Length..]));
        Assert.Equal(contacted.Id, lead.StageId);
        Assert.Equal("+15550102030", lead.Phone); // the demo workspace's numbers are from the US
    }

    [Theory]
    [InlineData("name", "", "lead-first", "Enter the lead's name.")]
    [InlineData("Input.Email", "ana@", "lead-email", "Enter a valid email address, like name@example.com.")]
    [InlineData("Input.EstimatedValue", "lots", "lead-value", "Enter an amount, like 25000 or 25,000.50.")]
    [InlineData("Input.FirstName", "101", "lead-first", "100 characters")]
    public async Task NewLead_WithBadInput_ReRendersWithMessages_KeepsWhatWasTyped_AndWritesNothing(string field, string value, string inputId, string message)
    {
        var email = $"{Unique("typed")}@example.com";
        var typed = field == "Input.FirstName" ? new string('a', 101) : value;
        (string, string?)[] changes = field == "name"
            ? [("Input.FirstName", ""), ("Input.LastName", ""), ("Input.Email", email), ("Input.Company", "Kept Co")]
            : [.. new Dictionary<string, string?> { ["Input.FirstName"] = "Typed", ["Input.LastName"] = "Person", ["Input.Email"] = email, ["Input.Company"] = "Kept Co", [field] = typed }
                .Select(f => (f.Key, f.Value))];
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var before = await app.QueryAsync(db => db.Leads.CountAsync());

        var response = await client.SubmitAsync(Url, Form, changes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        var input = page.QuerySelector($"#{inputId}")!;
        Assert.Contains("is-invalid", input.ClassList);
        Assert.Contains(message, input.ParentElement?.QuerySelector(".invalid-feedback")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(field == "name" ? "" : typed, input.GetAttribute("value") ?? "");
        Assert.Equal("Kept Co", page.QuerySelector("#lead-company")?.GetAttribute("value"));
        Assert.Equal(before, await app.QueryAsync(db => db.Leads.CountAsync()));
        Assert.Null(response.Toast());
    }

    [Fact]
    public async Task NewLead_WithSeveralMistakes_ListsThemAll()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.SubmitAsync(Url, Form, ("Input.FirstName", ""), ("Input.LastName", ""), ("Input.Email", "ana@"), ("Input.EstimatedValue", "lots"));

        var errors = (await response.ParseAsync()).QuerySelectorAll("[data-testid=form-errors] li").Select(li => li.TextContent).ToList();
        Assert.Contains("Enter the lead's name.", errors);
        Assert.Contains("Enter a valid email address, like name@example.com.", errors);
        Assert.Contains("Enter an amount, like 25000 or 25,000.50.", errors);
    }

    [Fact]
    public async Task NewLead_InAnotherWorkspacesStage_IsRefused_AndWritesNothing()
    {
        var theirStage = await app.StageAsync("contacted", Northwind);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var before = await app.QueryAsync(db => db.Leads.CountAsync());

        var response = await client.SubmitAsync(Url, Form, ("Input.FirstName", "Stray"), ("Input.Email", $"{Unique("stray")}@example.com"), ("Input.StageId", $"{theirStage.Id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That stage does not exist in this workspace.", (await response.ParseAsync()).QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryAsync(db => db.Leads.CountAsync()));
    }

    [Fact]
    public async Task NewLead_WithAnExistingEmailInAnotherCase_WarnsAndNeedsCreateItAnyway()
    {
        var existing = await app.CreateLeadAsync();
        var email = (await app.LeadAsync(existing)).Email!;
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        Task<int> CountAsync() => app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == email));

        var warned = await client.SubmitAsync(Url, Form, ("Input.FirstName", "Second"), ("Input.LastName", "Copy"), ("Input.Email", email.ToUpperInvariant()));
        var page = await warned.ParseAsync();
        var countAfterWarning = await CountAsync();
        var created = await client.PostAsync(page.FormNamed(Form), Url, ("Input.CreateDuplicate", "true"));

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.NotNull(page.QuerySelector($"[data-testid=duplicate-warning] a[href='/leads/{existing}']"));
        Assert.Contains("already exists", page.QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input#create-duplicate[type=checkbox]"));
        Assert.Equal(email.ToUpperInvariant(), page.QuerySelector("#lead-email")?.GetAttribute("value"));
        Assert.Equal(1, countAfterWarning);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task NewLead_WithoutAntiforgeryToken_IsRefused_AndWritesNothing()
    {
        var email = $"{Unique("forged")}@example.com";
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.SubmitAsync(Url, Form, ("__RequestVerificationToken", null), ("Input.FirstName", "Forged"), ("Input.Email", email));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == email)));
    }

    [Fact]
    public async Task DuplicatesFragment_ListsLeadsWithTheSameEmail_InAnyCase()
    {
        var existing = await app.CreateLeadAsync();
        var email = (await app.LeadAsync(existing)).Email!;
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/duplicates?Input.Email={Uri.EscapeDataString(email.ToUpperInvariant())}", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await response.ParseAsync();
        Assert.Equal(["duplicate-warning"], fragment.Body!.Children.Select(c => c.Id));
        var link = fragment.QuerySelector("[data-testid=duplicate-warning] a")!;
        Assert.Equal($"/leads/{existing}", link.GetAttribute("href"));
        Assert.Contains("same email", fragment.QuerySelector("[data-testid=duplicate-warning]")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Email=nobody-at-all%40example.com")]
    [InlineData("Input.Email=not-an-email&Input.Phone=12")]
    [InlineData("")]
    public async Task DuplicatesFragment_WithoutMatches_IsEmpty(string query)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/duplicates?{query}", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await response.ParseAsync();
        Assert.NotNull(fragment.QuerySelector("#duplicate-warning"));
        Assert.Null(fragment.QuerySelector("[data-testid=duplicate-warning]"));
    }

    [Fact]
    public async Task DuplicatesFragment_DoesNotFindAnotherWorkspacesLeads()
    {
        var theirs = await app.CreateLeadAsync(Northwind);
        var lead = await app.LeadAsync(theirs, Northwind);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await client.FetchAsync($"/leads/duplicates?Input.Email={Uri.EscapeDataString(lead.Email!)}&Input.FirstName={lead.FirstName}&Input.LastName={lead.LastName}&Input.Company={Uri.EscapeDataString(lead.Company!)}", htmx: true);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(lead.FirstName, html, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await response.ParseAsync()).QuerySelector("[data-testid=duplicate-warning]"));
    }
}
