using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Api;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// Each documented example of the five reference APIs that LeadDesk implements, sent as documented (only the base URL,
/// the token and placeholder ids adjusted), checking the status and the shape of the answer: field names and JSON types.
/// Conversion and SLA (seed 004) are not implemented yet, so they have no test here.
/// </summary>
public sealed class ContractTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% proposal\n%%EOF\n");
    private readonly HttpClient _client = app.ApiClient();

    // ---- Seed 000: the external capture API --------------------------------------------------------------------

    [Fact]
    public async Task Seed000_ListLeads_ReturnsAJsonArrayOfLeads()
    {
        var token = await app.DemoTokenAsync();
        await app.CreateLeadAsync();

        var response = await _client.GetAsync(ApiRoutes.ExternalLeads, token);

        var leads = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, leads.ValueKind);
        Assert.NotEmpty(leads.EnumerateArray());
        foreach (var lead in leads.EnumerateArray())
        {
            lead.HasId("_id");
            lead.HasString("name");
            lead.HasNullableString("email");
            lead.HasString("status");
            lead.HasNumber("score");
            lead.HasDateTime("lastContact");
            lead.HasNullableString("source");
            lead.HasDateTime("createdAt");
            lead.HasDateTime("updatedAt");
        }
        Assert.True(int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture) >= leads.GetArrayLength());
    }

    [Fact]
    public async Task Seed000_CreateLead_AsDocumented_Returns201WithTheFullLead()
    {
        var token = await app.DemoTokenAsync();
        const string body = """
            { "name": "Jane Smith", "email": "jane@example.com", "phone": "+1 (800) 123-4567", "source": "Landing Page", "status": "new", "score": 80, "notes": "Requested a pricing callback" }
            """;

        var response = await _client.PostAsync(ApiRoutes.ExternalLeads, token, body);

        var lead = await response.ExpectAsync(HttpStatusCode.Created);
        try
        {
            AssertExternalLead(lead);
            Assert.Equal("Jane Smith", lead.GetProperty("name").GetString());
            Assert.Equal("jane@example.com", lead.GetProperty("email").GetString());
            Assert.Equal("+18001234567", lead.GetProperty("phone").GetString());
            Assert.Equal("Landing Page", lead.GetProperty("source").GetString());
            Assert.Equal("new", lead.GetProperty("status").GetString());
            Assert.Equal(80, lead.GetProperty("score").GetInt32());
            Assert.Equal("Requested a pricing callback", lead.GetProperty("notes").GetString());
            Assert.Equal(Demo, lead.GetProperty("tenant").GetString());
            Assert.Equal("api-token", lead.GetProperty("createdBy").GetString());
            Assert.Equal($"{ApiRoutes.ExternalLeads}/{lead.Id("_id")}", response.Headers.Location?.OriginalString);
        }
        finally
        {
            await DeleteAsync(lead.Id("_id")); // frees jane@example.com and the phone for the other examples
        }
    }

    [Theory]
    [InlineData("pt-BR", "Nome é obrigatório. Email ou Telefone também são necessários.")]
    [InlineData("pt-BR,pt;q=0.9,en;q=0.8", "Nome é obrigatório. Email ou Telefone também são necessários.")]
    [InlineData("en-US", "Name is required. Email or phone is also required.")]
    [InlineData(null, "Name is required. Email or phone is also required.")]
    public async Task Seed000_CreateLead_WithoutNameOrContact_Is400WithTheDocumentedError(string? language, string expected)
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, """{ "source": "Landing Page", "score": 80 }""",
            request => { if (language is not null) { request.Headers.Add("Accept-Language", language); } });

        Assert.Equal(expected, await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task Seed000_CreateLead_WithoutName_ButWithAKnownEmail_IsStill400()
    {
        var token = await app.DemoTokenAsync();
        var known = await app.LeadAsync(await app.CreateLeadAsync());
        var before = await app.LeadCountAsync();

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, Json(new { email = known.Email }),
            request => request.Headers.Add("Accept-Language", "pt-BR"));

        Assert.Equal("Nome é obrigatório. Email ou Telefone também são necessários.", await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task Seed000_UpdateLeadStatus_AsDocumented_Returns200WithTheFullLead()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var response = await _client.PutAsync($"{ApiRoutes.ExternalLeads}/{id}/status", token, """{ "status": "qualified" }""");

        var lead = await response.ExpectAsync(HttpStatusCode.OK);
        AssertExternalLead(lead);
        Assert.Equal(id, lead.Id("_id"));
        Assert.Equal("qualified", lead.GetProperty("status").GetString());
        Assert.Equal((await app.StageAsync("qualified")).Id, (await app.LeadAsync(id)).StageId);
    }

    [Fact]
    public async Task Seed000_UpdateLead_AsDocumented_Returns200WithTheUpdatedLead()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        // The demo pipeline's Proposal stage asks for a proposal amount; this lead has one from an earlier visit there.
        await StoreProposalAmountAsync(token, id);
        const string body = """
            { "name": "Jane Smith", "email": "jane.smith@example.com", "phone": "+1 (800) 123-4567", "source": "Partner Referral", "status": "proposal", "score": 92, "notes": "Decision expected this week" }
            """;

        var response = await _client.PutAsync($"{ApiRoutes.ExternalLeads}/{id}", token, body);

        var lead = await response.ExpectAsync(HttpStatusCode.OK);
        try
        {
            AssertExternalLead(lead);
            Assert.Equal(id, lead.Id("_id"));
            Assert.Equal("Jane Smith", lead.GetProperty("name").GetString());
            Assert.Equal("jane.smith@example.com", lead.GetProperty("email").GetString());
            Assert.Equal("Partner Referral", lead.GetProperty("source").GetString());
            Assert.Equal("proposal", lead.GetProperty("status").GetString());
            Assert.Equal(92, lead.GetProperty("score").GetInt32());
            Assert.Equal("Decision expected this week", lead.GetProperty("notes").GetString());
        }
        finally
        {
            await DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Seed000_UpdateLead_ToAStageMissingItsRequiredField_Is400_AndChangesNothing()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var before = await app.LeadAsync(id);

        var response = await _client.PutAsync($"{ApiRoutes.ExternalLeads}/{id}", token, """{ "name": "Changed Name", "source": "Partner Referral", "status": "proposal" }""");

        await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
        var after = await app.LeadAsync(id);
        Assert.Equal((before.FirstName, before.Source, before.StageId, before.Version), (after.FirstName, after.Source, after.StageId, after.Version));
    }

    [Fact]
    public async Task Seed000_DeleteLead_AsDocumented_ReturnsSuccessTrue()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var response = await _client.DeleteAsync($"{ApiRoutes.ExternalLeads}/{id}", token);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"success":true}""", body.GetRawText());
        Assert.True((await app.LeadAsync(id)).IsDeleted);
        await (await _client.DeleteAsync($"{ApiRoutes.ExternalLeads}/{id}", token)).ExpectExternalErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Seed000_UnknownLead_Is404WithTheErrorBody()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.PutAsync($"{ApiRoutes.ExternalLeads}/{Guid.NewGuid()}/status", token, """{ "status": "qualified" }""");

        Assert.Equal("Lead not found in your tenant.", await response.ExpectExternalErrorAsync(HttpStatusCode.NotFound));
    }

    // ---- Seed 001: capture with type, phone_number, agent_id, custom_fields; a known lead is returned, not duplicated ----

    [Fact]
    public async Task Seed001_CreateLead_ThenTheSameAgain_Returns201Then200WithTheSameLead()
    {
        var token = await app.DemoTokenAsync();
        var agent = await app.UserIdAsync(LeadDeskAppFactory.Rep); // the documented agent id is a placeholder: a real member here
        var body = $$"""
            {
              "name": "Maria Silva",
              "type": "web",
              "phone_number": "5511999998888",
              "email": "maria@exemplo.com",
              "agent_id": "{{agent}}",
              "custom_fields": {
                "empresa": "Acme Ltda",
                "cidade": "São Paulo"
              }
            }
            """;

        var first = await _client.PostAsync(ApiRoutes.ExternalLeads, token, body);
        var second = await _client.PostAsync(ApiRoutes.ExternalLeads, token, body);

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var existing = await second.ExpectAsync(HttpStatusCode.OK);
        foreach (var lead in new[] { created, existing })
        {
            lead.HasId("id");
            lead.HasString("name", "Maria Silva");
            lead.HasString("type", "web");
            lead.HasString("phone_number", "5511999998888");
            lead.HasString("email", "maria@exemplo.com");
            lead.HasString("status", "new");
            lead.HasId("agent_id", agent);
            var fields = lead.HasObject("custom_fields");
            Assert.Equal("Acme Ltda", fields.GetProperty("empresa").GetString());
            Assert.Equal("São Paulo", fields.GetProperty("cidade").GetString());
            lead.HasDateTime("created_at");
            lead.HasDateTime("updated_at");
        }
        Assert.Equal(created.Id(), existing.Id());
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == "maria@exemplo.com")));
        var stored = await app.LeadAsync(created.Id());
        Assert.Equal((LeadChannel.Web, "+5511999998888", (Guid?)agent), (stored.Channel, stored.Phone, stored.OwnerId));
    }

    // ---- Seed 002: list filters, cursor paging, PATCH status and notes, own leads only ------------------------------

    [Fact]
    public async Task Seed002_ListLeads_FiltersByStatusScoreAndCreationDate()
    {
        var token = await app.DemoTokenAsync();
        var hit = await app.CreateLeadAsync(stageKey: "qualified", configure: l => l.Score = 93);
        var lowScore = await app.CreateLeadAsync(stageKey: "qualified", configure: l => l.Score = 12);
        var otherStage = await app.CreateLeadAsync(stageKey: "contacted", configure: l => l.Score = 93);
        var today = DateTime.UtcNow.Date;
        var url = $"{ApiRoutes.Leads}?status=qualified&min_score=90&max_score=96"
            + $"&created_after={today.AddDays(-1):yyyy-MM-dd}&created_before={today.AddDays(1):yyyy-MM-dd}&limit=200";

        var list = await (await _client.GetAsync(url, token)).ExpectAsync(HttpStatusCode.OK);

        var rows = list.HasArray("data");
        var ids = rows.Select(r => r.Id()).ToList();
        Assert.Contains(hit, ids);
        Assert.DoesNotContain(lowScore, ids);
        Assert.DoesNotContain(otherStage, ids);
        foreach (var row in rows)
        {
            Assert.Equal("qualified", row.GetProperty("simpleStatus").GetString());
            Assert.InRange(row.GetProperty("score").GetInt32(), 90, 96);
            Assert.InRange(row.HasDateTime("createdAt"), today.AddDays(-1), today.AddDays(2));
        }
        Assert.Equal(rows.Count, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Seed002_ListLeads_ByCompanyId_ReturnsTheLinkedLeadsOnly()
    {
        var token = await app.DemoTokenAsync();

        var list = await (await _client.GetAsync($"{ApiRoutes.Leads}?company_id={Guid.NewGuid()}", token)).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(list.HasArray("data"));
        Assert.Equal(0, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Seed002_CursorPaging_WalksAllLeadsWithoutOverlap()
    {
        var token = await app.DemoTokenAsync();
        var all = (await (await _client.GetAsync($"{ApiRoutes.Leads}?limit=200", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data")
            .Select(r => r.Id()).ToList();

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"{ApiRoutes.Leads}?limit=7" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await _client.GetAsync(url, token)).ExpectAsync(HttpStatusCode.OK);
            var rows = page.HasArray("data");
            Assert.InRange(rows.Count, 1, 7);
            seen.AddRange(rows.Select(r => r.Id()));
            var pagination = page.GetProperty("pagination");
            cursor = pagination.GetProperty("nextCursor").GetString();
            Assert.Equal(cursor is not null, pagination.GetProperty("hasMore").GetBoolean());
            Assert.True(++pages < 100);
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Seed002_UpdateLead_StatusAndNotes()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var response = await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, """{ "status": "contacted", "notes": "Called; wants a demo next week." }""");

        var lead = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("contacted", lead.GetProperty("simpleStatus").GetString());
        Assert.Equal("Called; wants a demo next week.", lead.GetProperty("description").GetString());
        var stored = await app.LeadAsync(id);
        Assert.Equal(((await app.StageAsync("contacted")).Id, "Called; wants a demo next week."), (stored.StageId, stored.Description));
    }

    [Fact]
    public async Task Seed002_EachSalesRepSeesOnlyTheirOwnLeads_WhenVisibilityIsOwnAndTeam()
    {
        var rep = await app.UserIdAsync(LeadDeskAppFactory.Rep);
        var mine = await app.CreateLeadAsync(configure: l => l.OwnerId = rep);
        var theirs = await app.CreateLeadAsync(configure: l => l.OwnerId = null);
        await SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        try
        {
            var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

            var list = await (await client.GetAsync($"{ApiRoutes.Leads}?limit=200", null)).ExpectAsync(HttpStatusCode.OK);
            var other = await client.GetAsync($"{ApiRoutes.Leads}/{theirs}", null);

            var rows = list.HasArray("data");
            Assert.Contains(mine, rows.Select(r => r.Id()));
            Assert.All(rows, r => Assert.Equal(rep, r.Id("assignedTo")));
            await other.ExpectAsync(HttpStatusCode.NotFound);
        }
        finally
        {
            await SetVisibilityAsync(LeadVisibility.All);
        }
    }

    // ---- Seed 003: workspace-scoped list with offset paging, details with attributes and activity, PATCH attributes ----

    [Fact]
    public async Task Seed003_ListLeads_ByWorkspaceStatusSearchWithOffset_ReturnsTheEnvelope()
    {
        var token = await app.DemoTokenAsync();
        var company = Unique("Example Inc ");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.CreateLeadAsync(configure: l => l.Company = company));
        }
        var search = Uri.EscapeDataString(company.ToLowerInvariant());

        var first = await (await _client.GetAsync($"{ApiRoutes.Leads}?workspace={Demo}&status=new&search={search}&limit=2&offset=0", token))
            .ExpectAsync(HttpStatusCode.OK);
        var second = await (await _client.GetAsync($"{ApiRoutes.Leads}?workspace={Demo}&status=new&search={search}&limit=2&offset=2", token))
            .ExpectAsync(HttpStatusCode.OK);

        first.HasBoolean("success", true);
        var rows = first.HasArray("data");
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            row.HasId("id");
            row.HasNullableString("email");
            row.HasString("firstName");
            row.HasString("lastName");
            row.HasString("company", company);
            row.HasString("status", "open");
            row.HasString("simpleStatus", "new");
            row.HasDateTime("createdAt");
        }
        var pagination = first.HasObject("pagination");
        pagination.HasNumber("total", 3);
        pagination.HasNumber("limit", 2);
        pagination.HasNumber("offset", 0);
        pagination.HasBoolean("hasMore", true);
        Assert.Single(second.HasArray("data"));
        second.GetProperty("pagination").HasNumber("offset", 2);
        second.GetProperty("pagination").HasBoolean("hasMore", false);
        Assert.Equal(ids.Order(), rows.Concat(second.HasArray("data")).Select(r => r.Id()).Order());
    }

    [Fact]
    public async Task Seed003_ListLeads_OfAnotherWorkspace_Is400()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.GetAsync($"{ApiRoutes.Leads}?workspace={Northwind}", token);

        await response.ExpectFieldErrorAsync("workspace");
    }

    [Fact]
    public async Task Seed003_CreateLead_AsDocumented_Returns201()
    {
        var token = await app.DemoTokenAsync();
        // The documented workspace_slug ("acme-corp") is the caller's workspace; here that is the token's.
        const string body = """
            {
              "workspace_slug": "demo",
              "email": "jane@techcorp.example",
              "first_name": "Jane",
              "last_name": "Smith",
              "company": "Tech Corp"
            }
            """;

        var response = await _client.PostAsync(ApiRoutes.Leads, token, body);

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        created.HasBoolean("success", true);
        var lead = created.HasObject("data");
        lead.HasId("id");
        lead.HasString("email", "jane@techcorp.example");
        lead.HasString("firstName", "Jane");
        lead.HasString("lastName", "Smith");
        lead.HasString("company", "Tech Corp");
        lead.HasString("simpleStatus", "new");
        lead.HasDateTime("createdAt");
    }

    [Fact]
    public async Task Seed003_GetLeadDetails_ReturnsAttributesAndActivity()
    {
        var token = await app.DemoTokenAsync();
        var id = await CreateNativeAsync(token, new { firstName = "John", lastName = "Doe", email = $"{Unique("john")}@example.com",
            customFields = new { title = "CEO", location = "New York" } });
        await (await _client.PostAsync($"{ApiRoutes.Leads}/{id}/activities", token,
            new { type = "email", title = "Sent the campaign", occurredAt = DateTime.UtcNow.AddMinutes(-5) })).ExpectAsync(HttpStatusCode.Created);

        var response = await _client.GetAsync($"{ApiRoutes.Leads}/{id}", token);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        body.HasBoolean("success", true);
        var lead = body.HasObject("data");
        lead.HasId("id", id);
        lead.HasString("email");
        var attributes = lead.HasObject("attributes");
        Assert.Equal("CEO", attributes.GetProperty("title").GetString());
        Assert.Equal("New York", attributes.GetProperty("location").GetString());
        var activity = lead.HasArray("activity");
        foreach (var item in activity)
        {
            item.HasString("type");
            item.HasDateTime("timestamp");
        }
        string[] types = ["created", "email"];
        Assert.Equal(types, activity.Select(a => a.GetProperty("type").GetString()).Order());
        Assert.Matches("^\"v[0-9]+\"$", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Seed003_UpdateLead_StatusAndAttributes_MergesTheAttributes()
    {
        var token = await app.DemoTokenAsync();
        var id = await CreateNativeAsync(token, new { firstName = "John", lastName = "Doe", email = $"{Unique("john")}@example.com",
            attributes = new { title = "CEO", location = "New York" } });

        var response = await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, """{ "status": "contacted", "attributes": { "phone": "+15551234567" } }""");

        var lead = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("contacted", lead.GetProperty("simpleStatus").GetString());
        var attributes = lead.HasObject("attributes");
        string[] names = ["location", "phone", "title"];
        Assert.Equal(names, attributes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("+15551234567", attributes.GetProperty("phone").GetString());
        Assert.Equal("CEO", attributes.GetProperty("title").GetString());
    }

    // ---- Seed 004: the native lead endpoints and lead settings ----------------------------------------------------

    [Fact]
    public async Task Seed004_CreateLead_AsDocumented_Returns201WithTheDocumentedFields()
    {
        var token = await app.DemoTokenAsync();
        var stage = await app.StageAsync("new");
        var body = $$"""
            {
            "firstName": "Alice",
            "lastName": "Johnson",
            "email": "alice@startup.io",
            "phone": "+1234567890",
            "company": "StartupIO",
            "title": "Founder",
            "source": "website",
            "pipelineId": "{{stage.PipelineId}}",
            "stageId": "{{stage.Id}}",
            "priority": "high",
            "estimatedValue": 50000,
            "description": "Inbound from pricing page",
            "customFields": {
            "utm_source": "google",
            "company_size": "50-100"
            }
            }
            """;

        var response = await _client.PostAsync(ApiRoutes.Leads, token, body);

        var lead = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        lead.HasId("id");
        lead.HasString("firstName", "Alice");
        lead.HasString("lastName", "Johnson");
        lead.HasString("email", "alice@startup.io");
        lead.HasString("company", "StartupIO");
        lead.HasString("source", "website");
        lead.HasString("stageName", "New");
        lead.HasString("priority", "high");
        lead.HasNumber("estimatedValue", 50000);
        lead.HasNumber("score", 0);
        lead.HasNullableString("createdBy"); // a user's id; null when an API token (no user) created it
        lead.HasDateTime("createdAt");
        Assert.Equal("google", lead.GetProperty("customFields").GetProperty("utm_source").GetString());
        Assert.Equal($"{ApiRoutes.Leads}/{lead.Id()}", response.Headers.Location?.OriginalString);
        var stored = await app.LeadAsync(lead.Id());
        Assert.Equal((stage.Id, LeadChannel.Api, "Founder", "+1234567890"), (stored.StageId, stored.Channel, stored.Title, stored.Phone));
    }

    [Fact]
    public async Task Seed004_ListLeads_WithTheDocumentedFilters()
    {
        var token = await app.DemoTokenAsync();
        var stage = await app.StageAsync("contacted");
        var rep = await app.UserIdAsync(LeadDeskAppFactory.Rep);
        var source = Unique("website");
        var hit = await app.CreateLeadAsync(stageKey: "contacted", configure: l => { l.FirstName = "Alice"; l.Priority = LeadPriority.High; l.Source = source; l.OwnerId = rep; });
        await app.CreateLeadAsync(stageKey: "contacted", configure: l => { l.FirstName = "Alice"; l.Priority = LeadPriority.Low; l.Source = source; l.OwnerId = rep; });

        var response = await _client.GetAsync(
            $"{ApiRoutes.Leads}?page=1&limit=25&search=alice&stageId={stage.Id}&priority=high&source={source}&pipelineId={stage.PipelineId}&assignedTo={rep}", token);

        var list = await response.ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(list.HasArray("data"));
        Assert.Equal(hit, row.Id());
        row.HasString("priority", "high");
        row.HasString("source", source);
        row.HasId("stageId", stage.Id);
        row.HasId("assignedTo", rep);
        var pagination = list.GetProperty("pagination");
        pagination.HasNumber("page", 1);
        pagination.HasNumber("limit", 25);
        pagination.HasNumber("total", 1); // the low-priority Alice is filtered out
    }

    [Fact]
    public async Task Seed004_CheckDuplicates_AsDocumented_ListsTheMatch()
    {
        var token = await app.DemoTokenAsync();
        var existing = await app.CreateLeadAsync(configure: l => { l.FirstName = "Alice"; l.LastName = "Johnson"; l.Email = "alice@startup.io"; });

        var response = await _client.PostAsync($"{ApiRoutes.Leads}/check-duplicates", token, """{ "email": "alice@startup.io", "phone": "+1234567890" }""");

        var duplicates = (await response.ExpectAsync(HttpStatusCode.OK)).HasArray("duplicates");
        var match = Assert.Single(duplicates, d => d.Id() == existing);
        match.HasId("id");
        match.HasString("firstName", "Alice");
        match.HasString("lastName", "Johnson");
        match.HasString("email", "alice@startup.io");
        match.HasString("matchField", "email");
    }

    [Fact]
    public async Task Seed004_BulkUpdate_AsDocumented_ChangesEveryLead()
    {
        var token = await app.DemoTokenAsync();
        var rep = await app.UserIdAsync(LeadDeskAppFactory.Rep);
        var ids = new[] { await app.CreateLeadAsync(), await app.CreateLeadAsync(), await app.CreateLeadAsync() };

        var response = await _client.PutAsync($"{ApiRoutes.Leads}/bulk-update", token,
            $$"""{ "ids": ["{{ids[0]}}", "{{ids[1]}}", "{{ids[2]}}"], "changes": { "assignedTo": "{{rep}}", "priority": "high" } }""");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        body.HasBoolean("success", true);
        body.GetProperty("data").HasNumber("requested", 3);
        body.GetProperty("data").HasNumber("updated", 3);
        foreach (var id in ids)
        {
            var lead = await app.LeadAsync(id);
            Assert.Equal(((Guid?)rep, LeadPriority.High), (lead.OwnerId, lead.Priority));
        }
    }

    [Fact]
    public async Task Seed004_BulkDelete_AsDocumented_MovesTheLeadsToTheTrash()
    {
        var token = await app.DemoTokenAsync();
        var ids = new[] { await app.CreateLeadAsync(), await app.CreateLeadAsync() };

        var response = await _client.DeleteAsync($"{ApiRoutes.Leads}/bulk-delete", token, $$"""{ "ids": ["{{ids[0]}}", "{{ids[1]}}"] }""");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        body.GetProperty("data").HasNumber("deleted", 2);
        Assert.True((await app.LeadAsync(ids[0])).IsDeleted);
        Assert.True((await app.LeadAsync(ids[1])).IsDeleted);
    }

    [Fact]
    public async Task Seed004_ChangeStage_WithStageFieldValues_MovesTheLead()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var negotiation = await app.StageAsync("negotiation");

        var missing = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/change-stage", token, $$"""{ "stageId": "{{negotiation.Id}}", "stageFieldValues": { "amount": 50000 } }""");
        var response = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/change-stage", token,
            $$"""{ "stageId": "{{negotiation.Id}}", "stageFieldValues": { "amount": 50000, "close_date": "2025-03-01" } }""");

        await missing.ExpectFieldErrorAsync("stageFieldValues.close_date");
        var lead = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        lead.HasId("stageId", negotiation.Id);
        lead.HasString("stageName", "Negotiation");
        lead.HasString("simpleStatus", "negotiation");
        Assert.Equal(negotiation.Id, (await app.LeadAsync(id)).StageId);
    }

    [Fact]
    public async Task Seed004_Disqualify_AsDocumented_RecordsTheReason()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var response = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/disqualify", token,
            """{ "reason": "no_budget", "notes": "Company confirmed no budget until next fiscal year" }""");

        var lead = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        lead.HasString("status", "disqualified");
        lead.HasString("simpleStatus", "lost");
        lead.HasString("disqualificationReason", "no_budget");
        lead.HasString("disqualificationNotes", "Company confirmed no budget until next fiscal year");
    }

    [Fact]
    public async Task Seed004_Products_AddListChangeAndRemove_WithTheDiscountInTheTotal()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var product = await app.QueryAsync(db => db.Products.Where(p => p.Sku == "PLAN-ENT").Select(p => p.Id).SingleAsync());

        var added = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/products", token, $$"""{ "productId": "{{product}}", "quantity": 2, "unitPrice": 5000, "discount": 0 }""");
        var discounted = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/products", token, $$"""{ "productId": "{{product}}", "quantity": 1, "unitPrice": 5000, "discount": 10 }""");
        var list = await _client.GetAsync($"{ApiRoutes.Leads}/{id}/products", token);

        (await added.ExpectAsync(HttpStatusCode.Created)).GetProperty("data").HasNumber("total", 10000);
        var line = (await discounted.ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        line.HasNumber("total", 4500);
        var lines = (await list.ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        Assert.Equal(2, lines.Count);
        foreach (var item in lines)
        {
            item.HasId("id");
            item.HasId("productId", product);
            item.HasString("productName", "Enterprise plan (annual)");
            item.HasNumber("quantity");
            item.HasNumber("unitPrice", 5000);
            item.HasNumber("discount");
            item.HasNumber("total");
        }
        Assert.Equal(10, lines.Single(l => l.Id() == line.Id()).GetProperty("discount").GetDecimal());

        var changed = await _client.PutAsync($"{ApiRoutes.Leads}/{id}/products/{line.Id()}", token, """{ "quantity": 3, "discount": 10 }""");
        (await changed.ExpectAsync(HttpStatusCode.OK)).GetProperty("data").HasNumber("total", 13500);
        var removed = await _client.DeleteAsync($"{ApiRoutes.Leads}/{id}/products/{line.Id()}", token);
        (await removed.ExpectAsync(HttpStatusCode.OK)).HasBoolean("success", true);
        Assert.Single((await (await _client.GetAsync($"{ApiRoutes.Leads}/{id}/products", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data"));
    }

    [Fact]
    public async Task Seed004_Team_AddListAndRemove()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var user = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);

        var added = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/team", token, $$"""{ "userId": "{{user}}", "role": "sales_rep" }""");
        var list = await _client.GetAsync($"{ApiRoutes.Leads}/{id}/team", token);
        var removed = await _client.DeleteAsync($"{ApiRoutes.Leads}/{id}/team/{user}", token);

        (await added.ExpectAsync(HttpStatusCode.Created)).GetProperty("data").HasId("userId", user);
        var member = Assert.Single((await list.ExpectAsync(HttpStatusCode.OK)).HasArray("data"));
        member.HasId("userId", user);
        member.HasString("roleKey", "sales_rep");
        member.HasString("displayName", "Sam Seller");
        (await removed.ExpectAsync(HttpStatusCode.OK)).HasBoolean("success", true);
        Assert.Empty((await (await _client.GetAsync($"{ApiRoutes.Leads}/{id}/team", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data"));
    }

    [Fact]
    public async Task Seed004_Notes_AddAndList()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var added = await _client.PostAsync($"{ApiRoutes.Leads}/{id}/notes", token, """{ "body": "Asked for a call back on Monday." }""");
        var list = await _client.GetAsync($"{ApiRoutes.Leads}/{id}/notes", token);

        var note = (await added.ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        note.HasId("id");
        note.HasString("body", "Asked for a call back on Monday.");
        note.HasDateTime("createdAt");
        Assert.Equal(note.Id(), Assert.Single((await list.ExpectAsync(HttpStatusCode.OK)).HasArray("data")).Id());
    }

    [Fact]
    public async Task Seed004_ActivitiesAndHistory_RecordWhatHappened()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        await (await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, """{ "priority": "critical" }""")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PutAsync($"{ApiRoutes.Leads}/{id}/status", token, """{ "status": "contacted" }""")).ExpectAsync(HttpStatusCode.OK);

        var activities = (await (await _client.GetAsync($"{ApiRoutes.Leads}/{id}/activities", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        var history = (await (await _client.GetAsync($"{ApiRoutes.Leads}/{id}/history", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");

        foreach (var activity in activities)
        {
            activity.HasId("id");
            activity.HasString("type");
            activity.HasString("title");
            activity.HasDateTime("occurredAt");
        }
        Assert.Contains(activities, a => a.GetProperty("type").GetString() == "stage_changed");
        foreach (var change in history)
        {
            change.HasId("id");
            change.HasString("field");
            change.HasNullableString("oldValue");
            change.HasNullableString("newValue");
            change.HasDateTime("changedAt");
        }
        var priority = Assert.Single(history, h => h.GetProperty("field").GetString() == "Priority");
        Assert.Equal(("Medium", "Critical"), (priority.GetProperty("oldValue").GetString(), priority.GetProperty("newValue").GetString()));
        Assert.Contains(history, h => h.GetProperty("field").GetString() == "Stage" && h.GetProperty("newValue").GetString() == "Contacted");
    }

    [Fact]
    public async Task Seed004_Documents_UploadListAndDownload()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();

        var uploaded = await _client.SendAsync(HttpMethod.Post, $"{ApiRoutes.Leads}/{id}/documents", token, ApiKit.FileUpload("proposal.pdf", Pdf));
        var document = (await uploaded.ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var list = await _client.GetAsync($"{ApiRoutes.Leads}/{id}/documents", token);
        var download = await _client.GetAsync($"{ApiRoutes.Leads}/{id}/documents/{document.Id()}", token);

        document.HasId("id");
        document.HasString("fileName", "proposal.pdf");
        document.HasString("contentType", "application/pdf");
        document.HasNumber("sizeBytes", Pdf.Length);
        Assert.Equal(document.Id(), Assert.Single((await list.ExpectAsync(HttpStatusCode.OK)).HasArray("data")).Id());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Seed004_LeadSettings_PipelinesAndStagesOfTheLeadsModule()
    {
        var token = await app.DemoTokenAsync();

        var pipelines = (await (await _client.GetAsync($"{ApiRoutes.Native}/lead-settings/pipelines?module=leads", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        var pipeline = Assert.Single(pipelines);
        pipeline.HasId("id");
        pipeline.HasString("name", "Sales");
        pipeline.HasBoolean("isDefault", true);
        var stages = (await (await _client.GetAsync($"{ApiRoutes.Native}/lead-settings/stages?module=leads&pipelineId={pipeline.Id()}", token))
            .ExpectAsync(HttpStatusCode.OK)).HasArray("data");

        string[] keys = ["new", "contacted", "qualified", "proposal", "negotiation"];
        Assert.Equal(keys, stages.Select(s => s.GetProperty("key").GetString()));
        foreach (var stage in stages)
        {
            stage.HasId("id");
            stage.HasId("pipelineId", pipeline.Id());
            stage.HasString("name");
            stage.HasString("color");
            stage.HasNumber("probability");
            stage.HasNumber("sortOrder");
        }
        Assert.Equal(stages.Select(s => s.Id()), pipeline.HasArray("stages").Select(s => s.Id()));
    }

    [Fact]
    public async Task Seed004_ALeadReadFromTheApi_CanBeWrittenBackAsItIs()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync(stageKey: "contacted", configure: l => l.CustomFieldsJson = """{"utm_source":"google"}""");
        var read = (await (await _client.GetAsync($"{ApiRoutes.Leads}/{id}", token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        var before = await app.LeadAsync(id);

        var response = await _client.PutAsync($"{ApiRoutes.Leads}/{id}", token, read.GetRawText());

        var written = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        foreach (var field in new[] { "firstName", "lastName", "email", "company", "source", "stageId", "status", "simpleStatus", "priority" })
        {
            Assert.Equal(read.GetProperty(field).GetRawText(), written.GetProperty(field).GetRawText());
        }
        Assert.Equal("google", written.GetProperty("customFields").GetProperty("utm_source").GetString());
        var after = await app.LeadAsync(id);
        Assert.Equal((before.StageId, before.Status, before.Email), (after.StageId, after.Status, after.Email));
    }

    [Fact]
    public async Task Status_AcceptsSeed004sLifecycleWords_DisqualifiedAndOpen()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync(stageKey: "qualified");

        var disqualified = await _client.PutAsync($"{ApiRoutes.Leads}/{id}/status", token, """{ "status": "disqualified" }""");
        var reopened = await _client.PutAsync($"{ApiRoutes.Leads}/{id}/status", token, """{ "status": "open" }""");

        (await disqualified.ExpectAsync(HttpStatusCode.OK)).GetProperty("data").HasString("status", "disqualified");
        var lead = (await reopened.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        lead.HasString("status", "open");
        lead.HasString("simpleStatus", "qualified");
    }

    // ---- Beyond the seeds: safe retries, stale writes, the OpenAPI document ----------------------------------------

    [Fact]
    public async Task IdempotencyKey_RetriedCapture_ReturnsTheFirstResponse_AndCreatesOneLead()
    {
        var token = await app.DemoTokenAsync();
        var email = $"{Unique("retry")}@example.com";
        var body = Json(new { name = "Retry Person", email });
        var key = Guid.NewGuid().ToString();
        void WithKey(HttpRequestMessage request) => request.Headers.Add("Idempotency-Key", key);

        var first = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, body, WithKey);
        var retry = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, body, WithKey);
        var reused = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, Json(new { name = "Someone Else", email = "else@example.com" }), WithKey);

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var replayed = await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(created.GetRawText(), replayed.GetRawText());
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == email)));
        await reused.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task IfMatch_WithAStaleETag_Is409_AndChangesNothing()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var read = await _client.GetAsync($"{ApiRoutes.Leads}/{id}", token);
        var etag = read.Headers.ETag!.ToString();

        var fresh = await _client.SendAsync(Patch, $"{ApiRoutes.Leads}/{id}", token, """{ "priority": "high" }""", r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        var stale = await _client.SendAsync(Patch, $"{ApiRoutes.Leads}/{id}", token, """{ "priority": "low" }""", r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        var staleDelete = await _client.SendAsync(HttpMethod.Delete, $"{ApiRoutes.Leads}/{id}", token, null, r => r.Headers.TryAddWithoutValidation("If-Match", etag));

        await fresh.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, fresh.Headers.ETag?.ToString());
        var conflict = await stale.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(ApiKit.ProblemJson, stale.Content.Headers.ContentType?.MediaType);
        conflict.HasNumber("currentVersion");
        await staleDelete.ExpectAsync(HttpStatusCode.Conflict);
        var lead = await app.LeadAsync(id);
        Assert.Equal((LeadPriority.High, false), (lead.Priority, lead.IsDeleted));
    }

    [Fact]
    public async Task OpenApiDocument_AndSwaggerUi_AreServedAnonymously_AndDescribeTheBearerScheme()
    {
        var client = app.ApiClient();

        var document = await (await client.GetAsync("/openapi/v1.json", null)).ExpectAsync(HttpStatusCode.OK);
        var ui = await client.GetAsync(new Uri("/api/docs/index.html", UriKind.Relative));

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/leads", paths);
        Assert.Contains("/api/v1/leads/{id}", paths);
        Assert.Contains("/api/external/v1/leads", paths);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Seed 000's lead response shape: every field present, with its JSON type.</summary>
    private static void AssertExternalLead(JsonElement lead)
    {
        lead.HasId("_id");
        lead.HasString("name");
        lead.HasNullableString("email");
        lead.HasNullableString("phone");
        lead.HasNullableString("source");
        lead.HasString("status");
        lead.HasNumber("score");
        lead.HasDateTime("lastContact");
        lead.HasNullableString("notes");
        lead.HasString("tenant");
        lead.HasString("createdBy");
        lead.HasDateTime("createdAt");
        lead.HasDateTime("updatedAt");
    }

    private async Task<Guid> CreateNativeAsync(string token, object body) =>
        (await (await _client.PostAsync(ApiRoutes.Leads, token, body)).ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();

    /// <summary>Moves the lead through Proposal (giving the amount it asks for) and back to New.</summary>
    private async Task StoreProposalAmountAsync(string token, Guid id)
    {
        var proposal = await app.StageAsync("proposal");
        await (await _client.PostAsync($"{ApiRoutes.Leads}/{id}/change-stage", token, $$"""{ "stageId": "{{proposal.Id}}", "stageFieldValues": { "proposal_amount": 12000 } }"""))
            .ExpectAsync(HttpStatusCode.OK);
        await (await _client.PutAsync($"{ApiRoutes.Leads}/{id}/status", token, """{ "status": "new" }""")).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task DeleteAsync(Guid id)
    {
        await using var scope = await app.ScopeAsync();
        await scope.Get<LeadService>().DeleteAsync(id);
    }

    private async Task SetVisibilityAsync(LeadVisibility visibility)
    {
        await using var scope = await app.ScopeAsync();
        await scope.Get<LeadDeskDbContext>().LeadSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Visibility, visibility));
    }
}
