using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Api;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// Whatever a client sends, the API answers 4xx with a message naming the field (problem+json <c>errors</c> on /api/v1,
/// <c>{ success: false, error }</c> on the external API), never a 500, and writes nothing. Fields a client may not set
/// (id, workspace, authors, version) are ignored.
/// </summary>
public sealed class BadInputTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private static readonly string TooLong = new('a', 300 * 1024);
    private readonly HttpClient _client = app.ApiClient();

    public static TheoryData<string, string, bool> BadLeadBodies => new()
    {
        { """{ "firstName": "Ann", "email": "ann@example.com", """, "body", true },
        { """{ "firstName": "Ann" "email": "ann@example.com" }""", "body", true },
        { """[ { "firstName": "Ann", "email": "ann@example.com" } ]""", "body", true },
        { "\"just a string\"", "body", true },
        { "null", "body", true },
        { "", "body", true },
        { $$"""{ "firstName": "{{TooLong}}", "email": "ann@example.com" }""", "body", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "score": "x" }""", "score", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "score": 7.5 }""", "score", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "score": 101 }""", "score", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "estimatedValue": "abc" }""", "estimatedValue", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "estimatedValue": -5 }""", "estimatedValue", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "estimatedValue": 1e400 }""", "estimatedValue", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "assignedTo": 12 }""", "assignedTo", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "assignedTo": "not-a-user" }""", "assignedTo", true },
        { $$"""{ "firstName": "Ann", "email": "ann@example.com", "assignedTo": "{{Guid.NewGuid()}}" }""", "assignedTo", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "priority": "urgent" }""", "priority", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "priority": 2 }""", "priority", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "priority": "2" }""", "priority", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "customFields": [1, 2] }""", "customFields", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "customFields": { "nested": { "a": 1 } } }""", "customFields", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "type": "fax" }""", "type", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "status": "replied" }""", "status", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "stageId": "nope" }""", "stageId", true },
        { $$"""{ "firstName": "Ann", "email": "ann@example.com", "stageId": "{{Guid.NewGuid()}}" }""", "stageId", false },
        { $$"""{ "firstName": "{{new string('a', 101)}}", "email": "ann@example.com" }""", "firstName", true },
        { $$"""{ "firstName": "Ann", "lastName": "{{new string('b', 101)}}", "email": "ann@example.com" }""", "lastName", true },
        { $$"""{ "firstName": "Ann", "email": "{{new string('a', 243)}}@example.com" }""", "email", true },
        { """{ "firstName": "Ann", "email": "not-an-email" }""", "email", true },
        { """{ "firstName": "Ann", "email": "ann@@example.com" }""", "email", true },
        { """{ "firstName": "Ann", "email": "ann@example" }""", "email", true },
        { """{ "firstName": "Ann", "email": 42 }""", "email", true },
        { """{ "firstName": "Ann", "phone": "call me" }""", "phone", true },
        { """{ "firstName": "Ann", "phone": "123" }""", "phone", true },
        { """{ "firstName": "Ann", "phone": "+1 555 0100 0100 0100 0100" }""", "phone", true },
        { """{ "firstName": "Ann" }""", "email", false },
        { """{ "firstName": "   ", "email": "ann@example.com" }""", "firstName", false },
        { """{ "firstName": "Ann", "email": "ann@example.com", "company": 5 }""", "company", true },
        { """{ "firstName": "Ann", "email": "ann@example.com", "valueFromProducts": "yes" }""", "valueFromProducts", true },
        { """{ "workspace_slug": "acme-corp", "email": "jane@example.com", "first_name": "Jane" }""", "workspace_slug", false },
        { """{ "workspace_slug": 7, "email": "jane@example.com", "first_name": "Jane" }""", "workspace_slug", false },
    };

    [Theory]
    [MemberData(nameof(BadLeadBodies))]
    public async Task CreateLead_WithABadBody_Is400NamingTheField_AndWritesNothing(string body, string field, bool badOnPatchToo)
    {
        _ = badOnPatchToo;
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.PostAsync(ApiRoutes.Leads, token, body);

        await response.ExpectFieldErrorAsync(field);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [MemberData(nameof(BadLeadBodies))]
    public async Task PatchLead_WithABadBody_Is400NamingTheField_AndChangesNothing(string body, string field, bool badOnPatchToo)
    {
        if (!badOnPatchToo)
        {
            return; // fine on a PATCH: the lead keeps its email and last name, and a PATCH does not move it (change-stage does)
        }
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var before = await app.LeadAsync(id);

        var response = await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, body);

        await response.ExpectFieldErrorAsync(field);
        var after = await app.LeadAsync(id);
        Assert.Equal((before.Version, before.StageId, before.FirstName, before.Email), (after.Version, after.StageId, after.FirstName, after.Email));
    }

    [Theory]
    [InlineData("""{ "name": "Ann Lee", "email": "ann@example.com", "score": "x" }""")]
    [InlineData("""{ "name": "Ann Lee", "email": "not-an-email" }""")]
    [InlineData("""{ "name": "Ann Lee", "phone": "call me" }""")]
    [InlineData("""{ "name": "Ann Lee", "email": "ann@example.com", "type": "fax" }""")]
    [InlineData("""{ "name": "Ann Lee", "email": "ann@example.com", "status": "replied" }""")]
    [InlineData("""{ "name": "Ann Lee", "email": "ann@example.com", "custom_fields": [1, 2] }""")]
    [InlineData("""{ "name": "Ann Lee", "email": "ann@example.com", "agent_id": 12 }""")]
    [InlineData("""[ { "name": "Ann Lee" } ]""")]
    [InlineData("""{ "name": "Ann Lee", """)]
    public async Task ExternalCapture_WithABadBody_Is400WithTheErrorBody_AndWritesNothing(string body)
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.PostAsync(ApiRoutes.ExternalLeads, token, body);

        await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [InlineData("""{ "status": "replied" }""")]
    [InlineData("""{ "status": 3 }""")]
    [InlineData("""{ }""")]
    public async Task ExternalStatus_UnknownOrMissing_Is400_AndChangesNothing(string body)
    {
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var before = await app.LeadAsync(id);

        var response = await _client.PutAsync($"{ApiRoutes.ExternalLeads}/{id}/status", token, body);

        var error = await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("status", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before.Version, (await app.LeadAsync(id)).Version);
    }

    [Fact]
    public async Task Status_Unknown_OnTheNativeApi_Is400ListingTheValidOnes_AndChangesNothing()
    {
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var before = await app.LeadAsync(id);

        var put = await _client.PutAsync($"{ApiRoutes.Leads}/{id}/status", token, """{ "status": "replied" }""");
        var patch = await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, """{ "firstName": "Changed", "status": "replied" }""");
        var replace = await _client.PutAsync($"{ApiRoutes.Leads}/{id}", token, $$"""{ "firstName": "Changed", "email": "{{before.Email}}", "status": "replied" }""");

        foreach (var response in new[] { put, patch, replace })
        {
            var problem = await response.ExpectFieldErrorAsync("status");
            Assert.Contains("contacted", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        }
        var after = await app.LeadAsync(id);
        Assert.Equal((before.Version, before.FirstName), (after.Version, after.FirstName));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("offset=-1", "offset")]
    [InlineData("sortBy=foo", "sortBy")]
    [InlineData("sortBy=createdAt&sortDir=sideways", "sortDir")]
    [InlineData("created_after=notadate", "created_after")]
    [InlineData("created_before=2025-13-45", "created_before")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=%00%FF", "cursor")]
    [InlineData("cursor=OXwxfDk5OTk5OTk5OTk5OTk5OTk5OTk5fDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw", "cursor")]
    [InlineData("cursor=MHwxfDUwMDAwMDAwMDAwMDAwMDAwMDB8MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA", "cursor")]
    [InlineData("cursor=MHwxfC0xfDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw", "cursor")]
    [InlineData("cursor=abc&page=2", "cursor")]
    [InlineData("sortBy=name&cursor=MHwwfDB8MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA", "cursor")]
    [InlineData("status=replied", "status")]
    [InlineData("priority=urgent", "priority")]
    [InlineData("stageId=abc", "stageId")]
    [InlineData("pipelineId=42", "pipelineId")]
    [InlineData("assignedTo=bob", "assignedTo")]
    [InlineData("min_score=high", "min_score")]
    [InlineData("max_score=1.5", "max_score")]
    [InlineData("company_id=7", "company_id")]
    [InlineData("workspace=someone-else", "workspace")]
    public async Task ListLeads_WithABadQuery_Is400NamingTheParameter(string query, string field)
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.GetAsync($"{ApiRoutes.Leads}?{query}", token);

        await response.ExpectFieldErrorAsync(field);
    }

    // Seed 000's list takes no paging parameters, so odd ones fall back to the defaults and bounds instead of failing.
    [Theory]
    [InlineData("limit=abc", ExternalLeadsApi.DefaultLimit, 0)]
    [InlineData("limit=0", 1, 0)]
    [InlineData("limit=100000", ExternalLeadsApi.MaxLimit, 0)]
    [InlineData("offset=-5", ExternalLeadsApi.DefaultLimit, 0)]
    public async Task ExternalList_WithAnOddQuery_AnswersTheDefaultOrBoundedPage(string query, int limit, int offset)
    {
        var token = await app.DemoTokenAsync();
        var all = (await (await _client.GetAsync($"{ApiRoutes.ExternalLeads}?limit={ExternalLeadsApi.MaxLimit}", token)).ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();

        var response = await _client.GetAsync($"{ApiRoutes.ExternalLeads}?{query}", token);

        var page = (await response.ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(all.Skip(offset).Take(limit), page);
    }

    public static TheoryData<string, string, string, string> BadPartBodies => new()
    {
        { "POST", "change-stage", """{ "stageId": 5 }""", "stageId" },
        { "POST", "change-stage", $$"""{ "stageId": "{{Guid.NewGuid()}}" }""", "stageId" },
        { "POST", "change-stage", """{ "stageId": "{stage}", "stageFieldValues": [1] }""", "stageFieldValues" },
        { "POST", "change-stage", """{ "stageId": "{stage}", "stageFieldValues": { "close_date": "someday" } }""", "stageFieldValues.close_date" },
        { "POST", "change-stage", """{ "stageId": "{stage}", "stageFieldValues": { "close_date": { "y": 2025 } } }""", "stageFieldValues.close_date" },
        { "POST", "disqualify", """{ "reason": 5 }""", "reason" },
        { "POST", "disqualify", """{ "reason": "bored" }""", "reason" },
        { "POST", "disqualify", $$"""{ "reason": "no_budget", "notes": "{{new string('n', 2001)}}" }""", "notes" },
        { "PUT", "status", """{ "status": "replied" }""", "status" },
        { "PUT", "status", """{ "status": ["new"] }""", "status" },
        { "POST", "notes", """{ "body": 5 }""", "body" },
        { "POST", "notes", """{ "body": "   " }""", "body" },
        { "POST", "notes", """{ }""", "body" },
        { "POST", "activities", """{ "type": "smoke-signal", "title": "Hi", "occurredAt": "2025-01-01T10:00:00Z" }""", "type" },
        { "POST", "activities", """{ "type": "call", "title": "Hi", "occurredAt": "yesterday" }""", "occurredAt" },
        { "POST", "activities", """{ "type": "call", "title": "", "occurredAt": "2025-01-01T10:00:00Z" }""", "title" },
        { "POST", "activities", """{ "type": "call", "title": "Hi", "occurredAt": "1900-01-01T10:00:00Z" }""", "occurredAt" },
        { "POST", "products", """{ "productId": "x" }""", "productId" },
        { "POST", "products", $$"""{ "productId": "{{Guid.NewGuid()}}" }""", "productId" },
        { "POST", "products", """{ "productId": "{product}", "quantity": "two" }""", "quantity" },
        { "POST", "products", """{ "productId": "{product}", "quantity": 0 }""", "quantity" },
        { "POST", "products", """{ "productId": "{product}", "discount": 150 }""", "discount" },
        { "POST", "products", """{ "productId": "{product}", "unitPrice": -1 }""", "unitPrice" },
        { "POST", "products", """{ "productId": "{product}", "quantity": 1e300 }""", "quantity" },
        { "POST", "team", """{ "userId": 12, "role": "sales_rep" }""", "userId" },
        { "POST", "team", $$"""{ "userId": "{{Guid.NewGuid()}}", "role": "sales_rep" }""", "userId" },
        { "POST", "team", """{ "userId": "{user}", "role": "janitor" }""", "role" },
        { "POST", "documents", """{ "file": "not multipart" }""", "file" },
    };

    [Theory]
    [MemberData(nameof(BadPartBodies))]
    public async Task LeadParts_WithABadBody_Are400NamingTheField_AndWriteNothing(string method, string part, string body, string field)
    {
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var negotiation = await app.OnceAsync("negotiation", () => app.StageAsync("negotiation"));
        var product = await app.OnceAsync("product", () => app.QueryAsync(db => db.Products.Select(p => p.Id).FirstAsync()));
        var user = await app.OnceAsync("rep2", () => app.UserIdAsync(LeadDeskAppFactory.OtherRep));
        var before = await PartsAsync(id);
        body = body.Replace("{stage}", negotiation.Id.ToString(), StringComparison.Ordinal)
            .Replace("{product}", product.ToString(), StringComparison.Ordinal)
            .Replace("{user}", user.ToString(), StringComparison.Ordinal);

        var response = await _client.SendAsync(new HttpMethod(method), $"{ApiRoutes.Leads}/{id}/{part}", token, body);

        await response.ExpectFieldErrorAsync(field);
        Assert.Equal(before, await PartsAsync(id));
    }

    [Theory]
    [InlineData("""{ "ids": "x", "changes": { "priority": "high" } }""", "ids")]
    [InlineData("""{ "ids": ["x"], "changes": { "priority": "high" } }""", "ids")]
    [InlineData("""{ "ids": [], "changes": { "priority": "high" } }""", "ids")]
    [InlineData("""{ "ids": ["{lead}"] }""", "changes")]
    [InlineData("""{ "ids": ["{lead}"], "changes": [] }""", "changes")]
    [InlineData("""{ "ids": ["{lead}"], "changes": { } }""", "changes")]
    [InlineData("""{ "ids": ["{lead}"], "changes": { "priority": "urgent" } }""", "priority")]
    [InlineData("""{ "ids": ["{lead}"], "changes": { "assignedTo": 12 } }""", "assignedTo")]
    [InlineData("""{ "ids": ["{lead}"], "changes": { "assignedTo": "{stranger}" } }""", "assignedTo")]
    [InlineData("""{ "ids": ["{lead}"], "changes": { "stageId": "{stranger}" } }""", "stageId")]
    public async Task BulkUpdate_WithABadBody_Is400NamingTheField_AndChangesNothing(string body, string field)
    {
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var before = await app.LeadAsync(id);
        body = body.Replace("{lead}", id.ToString(), StringComparison.Ordinal).Replace("{stranger}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var response = await _client.PutAsync($"{ApiRoutes.Leads}/bulk-update", token, body);

        await response.ExpectFieldErrorAsync(field);
        Assert.Equal(before.Version, (await app.LeadAsync(id)).Version);
    }

    [Fact]
    public async Task BulkDelete_WithoutIds_Is400()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.DeleteAsync($"{ApiRoutes.Leads}/bulk-delete", token, """{ "ids": [1, 2] }""");

        await response.ExpectFieldErrorAsync("ids");
    }

    [Fact]
    public async Task Body_Over256KB_WithoutAContentLength_Is400_AndWritesNothing()
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();
        var bytes = Encoding.UTF8.GetBytes($$"""{ "firstName": "Ann", "email": "ann@example.com", "description": "{{TooLong}}" }""");
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var native = await _client.SendAsync(HttpMethod.Post, ApiRoutes.Leads, token, content, r => r.Headers.TransferEncodingChunked = true);

        await native.ExpectFieldErrorAsync("body");
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task Body_Over256KB_OnTheExternalApi_Is400()
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.PostAsync(ApiRoutes.ExternalLeads, token, $$"""{ "name": "Ann Lee", "email": "ann@example.com", "notes": "{{TooLong}}" }""");

        await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Body_ThatIsNotJson_Is415Problem_AndWritesNothing(string contentType)
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();
        using var content = new StringContent("firstName=Ann&email=ann%40example.com", Encoding.UTF8, contentType);

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.Leads, token, content);

        var problem = await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/api/v1/leads/bulk-update", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/lead-settings/stages?pipelineId=abc", HttpStatusCode.BadRequest)]
    public async Task ErrorsBeforeAnyHandler_AreProblemJson_NotTheHtmlStatusPage(string method, string url, HttpStatusCode status)
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.SendAsync(new HttpMethod(method), url, token, method == "GET" ? null : "{}");

        var problem = await response.ExpectAsync(status);
        Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ErrorsBeforeAnyHandler_OnTheExternalApi_HaveItsErrorBody()
    {
        var token = await app.DemoTokenAsync();

        var missing = await _client.GetAsync($"{ApiRoutes.ExternalLeads}/{Guid.NewGuid()}", token);
        var wrongType = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, new StringContent("name=Ann", Encoding.UTF8, "text/plain"));

        await missing.ExpectExternalErrorAsync(HttpStatusCode.MethodNotAllowed);
        await wrongType.ExpectExternalErrorAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Body_NestedTooDeeply_OrWithInvalidUtf8_Is400()
    {
        var token = await app.DemoTokenAsync();
        var deep = "{ \"firstName\": \"Ann\", \"email\": \"ann@example.com\", \"customFields\": " + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1"
            + new string('}', 100) + " }";
        using var invalid = new ByteArrayContent([.. Encoding.ASCII.GetBytes("{ \"firstName\": \""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\", \"email\": \"ann@example.com\" }")]);
        invalid.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var tooDeep = await _client.PostAsync(ApiRoutes.Leads, token, deep);
        var badBytes = await _client.SendAsync(HttpMethod.Post, ApiRoutes.Leads, token, invalid);

        await tooDeep.ExpectFieldErrorAsync("body");
        await badBytes.ExpectFieldErrorAsync("body");
    }

    [Theory]
    [InlineData("not-a-tag")]
    [InlineData("\"v\"")]
    [InlineData("\"v99999999999999\"")]
    public async Task IfMatch_Malformed_Is400(string ifMatch)
    {
        var token = await app.DemoTokenAsync();
        var id = await UntouchedLeadAsync();
        var before = await app.LeadAsync(id);

        var response = await _client.SendAsync(HttpMethod.Patch, $"{ApiRoutes.Leads}/{id}", token, """{ "priority": "high" }""",
            r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.Version, (await app.LeadAsync(id)).Version);
    }

    [Fact]
    public async Task IdempotencyKey_TooLong_Is400_AndWritesNothing()
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, """{ "name": "Ann Lee", "email": "ann.key@example.com" }""",
            r => r.Headers.Add("Idempotency-Key", new string('k', 201)));

        await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [InlineData("/api/v1/leads/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/leads/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/lead-settings/stages?pipelineId=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/lead-settings/stages?module=widgets", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/lead-settings/pipelines?module=widgets", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/lead-settings/stages/00000000-0000-0000-0000-000000000000/fields", HttpStatusCode.NotFound)]
    public async Task OddUrls_AreClientErrors_InTheApiFormat(string url, HttpStatusCode status)
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.GetAsync(url, token);

        var problem = await response.ExpectAsync(status);
        Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    // ---- mass assignment -----------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateLead_IgnoresServerOwnedFields()
    {
        var token = await app.DemoTokenAsync();
        var northwindId = await app.WorkspaceIdAsync(Northwind);
        var someone = await app.UserIdAsync(LeadDeskAppFactory.Manager);
        var planted = Guid.NewGuid();
        var email = $"{Unique("mass")}@example.com";
        var body = Json(new
        {
            id = planted, workspaceId = northwindId, createdBy = someone, createdById = someone, version = 99, createdAt = "2001-01-01T00:00:00Z",
            isDeleted = true, firstName = "Mass", lastName = "Assignment", email,
        });

        var lead = (await (await _client.PostAsync(ApiRoutes.Leads, token, body)).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");

        Assert.NotEqual(planted, lead.Id());
        var stored = await app.QueryAsync(db => db.Leads.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Email == email));
        Assert.Equal(lead.Id(), stored.Id);
        Assert.Equal(await app.WorkspaceIdAsync(Demo), stored.WorkspaceId);
        Assert.Null(stored.CreatedById);
        Assert.False(stored.IsDeleted);
        Assert.True(stored.Version < 10);
        Assert.True(stored.CreatedAt > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == email), Northwind));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task UpdateLead_IgnoresServerOwnedFields(string method)
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync();
        var before = await app.LeadAsync(id);
        var body = Json(new
        {
            id = Guid.NewGuid(), workspaceId = await app.WorkspaceIdAsync(Northwind), createdBy = await app.UserIdAsync(LeadDeskAppFactory.Manager),
            createdById = await app.UserIdAsync(LeadDeskAppFactory.Manager), version = 99, createdAt = "2001-01-01T00:00:00Z", isDeleted = true,
            firstName = "Renamed", lastName = before.LastName, email = before.Email,
        });

        var lead = (await (await _client.SendAsync(new HttpMethod(method), $"{ApiRoutes.Leads}/{id}", token, body)).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(id, lead.Id());
        var after = await app.LeadAsync(id);
        Assert.Equal("Renamed", after.FirstName);
        Assert.Equal((before.WorkspaceId, before.CreatedById, before.CreatedAt, false, before.Version + 1),
            (after.WorkspaceId, after.CreatedById, after.CreatedAt, after.IsDeleted, after.Version));
    }

    [Fact]
    public async Task ExternalCapture_IgnoresServerOwnedFields()
    {
        var token = await app.DemoTokenAsync();
        var planted = Guid.NewGuid();
        var email = $"{Unique("mass")}@example.com";
        var body = Json(new { _id = planted, id = planted, tenant = Northwind, createdBy = "someone-else", createdAt = "2001-01-01T00:00:00Z", name = "Mass Capture", email });

        var lead = await (await _client.PostAsync(ApiRoutes.ExternalLeads, token, body)).ExpectAsync(HttpStatusCode.Created);

        Assert.NotEqual(planted, lead.Id("_id"));
        Assert.Equal((Demo, "api-token"), (lead.GetProperty("tenant").GetString(), lead.GetProperty("createdBy").GetString()));
        Assert.True(lead.HasDateTime("createdAt") > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(await app.WorkspaceIdAsync(Demo), (await app.LeadAsync(lead.Id("_id"))).WorkspaceId);
    }

    [Fact]
    public async Task CreateLead_WithAnOwnerOrStageOfAnotherWorkspace_Is400()
    {
        var token = await app.TokenAsync(Northwind);
        var before = await app.LeadCountAsync(Northwind);
        var demoStage = await app.StageAsync("new");
        var demoOnlyUser = await app.UserIdAsync(LeadDeskAppFactory.Rep);

        var owner = await _client.PostAsync(ApiRoutes.Leads, token, new { firstName = "Cross", email = "cross@example.com", assignedTo = demoOnlyUser });
        var stage = await _client.PostAsync(ApiRoutes.Leads, token, new { firstName = "Cross", email = "cross@example.com", stageId = demoStage.Id });

        await owner.ExpectFieldErrorAsync("assignedTo");
        await stage.ExpectFieldErrorAsync("stageId");
        Assert.Equal(before, await app.LeadCountAsync(Northwind));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A lead the bad requests must leave as it is: shared by the tests that check so, each reading it before and after.</summary>
    private Task<Guid> UntouchedLeadAsync() => app.OnceAsync("untouched lead", () => app.CreateLeadAsync());

    /// <summary>What a lead-part request could change: the lead's version and stage, and how many parts it has.</summary>
    private Task<(int Version, Guid Stage, int Notes, int Activities, int Products, int Team, int Documents)> PartsAsync(Guid id) =>
        app.QueryAsync(async db =>
        {
            var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id);
            return (lead.Version, lead.StageId,
                await db.LeadNotes.CountAsync(n => n.LeadId == id),
                await db.LeadActivities.CountAsync(a => a.LeadId == id),
                await db.LeadProducts.CountAsync(p => p.LeadId == id),
                await db.LeadTeamMembers.CountAsync(t => t.LeadId == id),
                await db.LeadDocuments.CountAsync(d => d.LeadId == id));
        });

    /// <summary>A body whose length the client cannot know up front (sent chunked).</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
