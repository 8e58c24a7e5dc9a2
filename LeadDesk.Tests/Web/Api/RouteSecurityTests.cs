using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using LeadDesk.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>The app for <see cref="RouteSecurityTests"/>: a lead of the demo workspace with one of each part, made once for the class.</summary>
public sealed class RouteSecurityApp : ApiAppFactory
{
    public Task<RouteWorld> WorldAsync() => OnceAsync("world", () => RouteWorld.CreateAsync(this));
}

/// <summary>
/// Real ids to fill route parameters with: a demo lead and its note, product line, document and team member, a stage with
/// fields, a second lead for the erase route (which leaves no lead for the routes after it), and a pipeline of its own with
/// one stage for the settings routes to change and delete.
/// </summary>
public sealed record RouteWorld(
    Guid LeadId, string FirstName, string Email, Guid NoteId, string NoteBody, Guid LineId, Guid DocumentId, string FileName,
    Guid TeamUserId, Guid StageId, Guid ContactedStageId, Guid ProductId, Guid ErasableLeadId, Guid PipelineId, Guid PipelineStageId, Guid FieldId)
{
    public static async Task<RouteWorld> CreateAsync(ApiAppFactory app)
    {
        var token = await app.TokenAsync(Demo);
        var client = app.ApiClient();
        var firstName = Unique("Secretive");
        var email = $"{firstName.ToLowerInvariant()}@hidden.example";
        var lead = (await (await client.PostAsync(ApiRoutes.Leads, token, new { firstName, lastName = "Prospect", email }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var noteBody = Unique("Confidential note ");
        var note = (await (await client.PostAsync($"{ApiRoutes.Leads}/{lead}/notes", token, new { body = noteBody }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var product = await app.QueryAsync(db => db.Products.OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        var line = (await (await client.PostAsync($"{ApiRoutes.Leads}/{lead}/products", token, new { productId = product, quantity = 1 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var fileName = $"{Unique("secret-plan-")}.pdf";
        var document = (await (await client.SendAsync(HttpMethod.Post, $"{ApiRoutes.Leads}/{lead}/documents", token,
            ApiKit.FileUpload(fileName, Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")))).ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var user = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        await (await client.PostAsync($"{ApiRoutes.Leads}/{lead}/team", token, new { userId = user, role = "sales_rep" })).ExpectAsync(HttpStatusCode.Created);
        var erasable = (await (await client.PostAsync(ApiRoutes.Leads, token, new { firstName = Unique("Erasable"), lastName = "Prospect", email = $"{Unique("erasable")}@hidden.example" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var pipeline = (await (await client.PostAsync($"{ApiRoutes.LeadSettings}/pipelines", token, new { name = Unique("Route pipeline ") }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var pipelineStage = pipeline.GetProperty("stages")[0].Id();
        var field = (await (await client.PostAsync($"{ApiRoutes.LeadSettings}/stages/{pipelineStage}/fields", token, new { label = "Budget", type = "money" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        return new RouteWorld(lead, firstName, email, note, noteBody, line, document, fileName, user,
            (await app.StageAsync("proposal")).Id, (await app.StageAsync("contacted")).Id, product, erasable,
            pipeline.Id(), pipelineStage, field);
    }

    /// <summary>What must never appear in another workspace's answer.</summary>
    public string[] Secrets => [FirstName, Email, NoteBody, FileName];
}

/// <summary>
/// Every route under <c>/api</c>, read from the app's endpoints (so a new route is covered the day it is mapped), against
/// missing, bad and under-scoped tokens, another workspace's token, and sign-in cookies with and without antiforgery.
/// </summary>
public sealed partial class RouteSecurityTests(RouteSecurityApp app) : IClassFixture<RouteSecurityApp>
{
    private const string AntiforgeryTitle = "Missing or invalid antiforgery token.";
    private const string EraseRoute = "POST /api/v1/leads/{id}/erase";

    public sealed record ApiRoute(string Method, string Pattern, string Permission)
    {
        /// <summary>"PUT /api/v1/leads/{id}/notes/{noteId}": the pattern without route constraints.</summary>
        public string Key => $"{Method} {Constraint().Replace(Pattern, "}")}";
        public bool IsExternal => Pattern.StartsWith(ApiRoutes.External + "/", StringComparison.Ordinal) || Pattern == ApiRoutes.External;
        public bool ChangesState => Method is not ("GET" or "HEAD" or "OPTIONS");
        public bool HasIds => Pattern.Contains('{', StringComparison.Ordinal);
        public override string ToString() => Key;
    }

    /// <summary>
    /// A request that passes validation for each route, in an order in which all of them succeed one after another on one lead
    /// (the team member leaves before being added back; the lead is deleted and restored last). A route missing here fails
    /// <see cref="EveryApiRoute_IsKnownToThisTest"/>.
    /// </summary>
    private static readonly (string Key, Func<RouteWorld, object?> Body)[] Samples =
    [
        ("GET /api/v1/leads", _ => null),
        ("GET /api/v1/leads/{id}", _ => null),
        ("GET /api/v1/leads/{id}/notes", _ => null),
        ("GET /api/v1/leads/{id}/activities", _ => null),
        ("GET /api/v1/leads/{id}/history", _ => null),
        ("GET /api/v1/leads/{id}/documents", _ => null),
        ("GET /api/v1/leads/{id}/documents/{documentId}", _ => null),
        ("GET /api/v1/leads/{id}/products", _ => null),
        ("GET /api/v1/leads/{id}/team", _ => null),
        ("GET /api/v1/lead-settings/pipelines", _ => null),
        ("GET /api/v1/lead-settings/stages", _ => null),
        ("GET /api/v1/lead-settings/stages/{id}/fields", _ => null),
        ("GET /api/v1/lead-settings/stage-ownership/{stageId}", _ => null),
        ("GET /api/v1/lead-settings/settings", _ => null),
        ("GET /api/v1/lead-settings/team-roles", _ => null),
        ("GET /api/v1/lead-settings/disqualification-reasons", _ => null),
        ("GET /api/v1/lead-settings/products", _ => null),
        ("POST /api/v1/leads", _ => new { firstName = "Route", lastName = "Check", email = $"{Unique("route")}@example.com" }),
        ("POST /api/v1/leads/check-duplicates", w => new { email = w.Email }),
        ("PUT /api/v1/leads/bulk-update", w => new { ids = new[] { w.LeadId }, changes = new { priority = "high" } }),
        ("PUT /api/v1/leads/{id}", w => new { firstName = w.FirstName, lastName = "Prospect", email = w.Email }),
        ("PATCH /api/v1/leads/{id}", _ => new { priority = "critical" }),
        ("POST /api/v1/leads/{id}/change-stage", w => new { stageId = w.ContactedStageId }),
        ("PUT /api/v1/leads/{id}/status", _ => new { status = "qualified" }),
        ("POST /api/v1/leads/{id}/notes", _ => new { body = "Another note" }),
        ("PUT /api/v1/leads/{id}/notes/{noteId}", _ => new { body = "Edited note" }),
        ("DELETE /api/v1/leads/{id}/notes/{noteId}", _ => null),
        ("POST /api/v1/leads/{id}/activities", _ => new { type = "call", title = "Discovery call", occurredAt = DateTime.UtcNow.AddMinutes(-10) }),
        ("POST /api/v1/leads/{id}/documents", _ => ApiKit.FileUpload("another.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"))),
        ("DELETE /api/v1/leads/{id}/documents/{documentId}", _ => null),
        ("POST /api/v1/leads/{id}/products", w => new { productId = w.ProductId, quantity = 2 }),
        ("PUT /api/v1/leads/{id}/products/{productId}", _ => new { quantity = 3 }),
        ("DELETE /api/v1/leads/{id}/products/{productId}", _ => null),
        ("DELETE /api/v1/leads/{id}/team/{userId}", _ => null),
        ("POST /api/v1/leads/{id}/team", w => new { userId = w.TeamUserId, role = "sales_rep" }),
        ("POST /api/v1/leads/{id}/disqualify", _ => new { reason = "no_budget" }),
        ("DELETE /api/v1/leads/{id}", _ => null),
        ("POST /api/v1/leads/{id}/restore", _ => null),
        (EraseRoute, _ => null),
        ("DELETE /api/v1/leads/bulk-delete", w => new { ids = new[] { w.LeadId } }),
        ("POST /api/v1/lead-settings/pipelines", _ => new { name = Unique("Another pipeline ") }),
        ("PUT /api/v1/lead-settings/settings", _ => new { trashRetentionDays = 30 }),
        ("PUT /api/v1/lead-settings/stages/reorder", w => new { pipelineId = w.PipelineId, stageIds = new[] { w.PipelineStageId } }),
        ("POST /api/v1/lead-settings/stages", w => new { pipelineId = w.PipelineId, name = "Second" }),
        ("PUT /api/v1/lead-settings/stages/{id}", _ => new { probability = 40 }),
        ("PUT /api/v1/lead-settings/stage-ownership/{stageId}", _ => new { mode = "round_robin", role = "sales_rep" }),
        ("POST /api/v1/lead-settings/stages/{id}/fields", _ => new { label = Unique("Route field "), type = "select", options = new[] { "A", "B" } }),
        ("PUT /api/v1/lead-settings/stages/{id}/fields/{fieldId}", _ => new { isRequired = true }),
        ("DELETE /api/v1/lead-settings/stages/{id}/fields/{fieldId}", _ => null),
        ("DELETE /api/v1/lead-settings/stages/{id}", _ => null),
        ("PUT /api/v1/lead-settings/pipelines/{id}", _ => new { name = Unique("Renamed pipeline ") }),
        ("DELETE /api/v1/lead-settings/pipelines/{id}", _ => null),
        ("GET /api/external/v1/leads", _ => null),
        ("POST /api/external/v1/leads", _ => new { name = "Route Check", email = $"{Unique("route")}@example.com" }),
        ("PUT /api/external/v1/leads/{id}/status", _ => new { status = "contacted" }),
        ("PUT /api/external/v1/leads/{id}", _ => new { notes = "Updated by the route check" }),
        ("DELETE /api/external/v1/leads/{id}", _ => null),
    ];

    private readonly HttpClient _client = app.ApiClient();

    [Fact]
    public void EveryApiRoute_IsKnownToThisTest()
    {
        var routes = Routes();

        Assert.True(routes.Count >= 40, $"only {routes.Count} API routes found");
        var known = Samples.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(routes.Where(r => !known.Contains(r.Key)).Select(r => r.Key));
        Assert.Empty(known.Except(routes.Select(r => r.Key)));
        Assert.All(routes, r => Assert.NotEqual("", r.Permission));
    }

    [Fact]
    public async Task NoToken_Is401ProblemOnTheNativeApi_And403ErrorOnTheExternalApi()
    {
        var world = await app.WorldAsync();
        foreach (var route in Routes())
        {
            await AssertUnauthenticatedAsync(route, await SendAsync(route, world, token: null));
        }
    }

    [Fact]
    public async Task UnknownRevokedOrExpiredTokens_AreTreatedAsNoToken()
    {
        var world = await app.WorldAsync();
        string[] tokens = [ApiKit.UnknownToken(), "not-a-token", await app.RevokedTokenAsync(), await app.ExpiredTokenAsync()];
        foreach (var route in Routes())
        {
            foreach (var token in tokens)
            {
                await AssertUnauthenticatedAsync(route, await SendAsync(route, world, token));
            }
        }
        Assert.False((await app.LeadAsync(world.LeadId)).IsDeleted);
        Assert.False((await app.LeadAsync(world.ErasableLeadId)).IsDeleted);
    }

    [Fact]
    public async Task ATokenInUse_IsRefusedTheMomentItIsRevoked()
    {
        // Recognised tokens are remembered for a few seconds; revoking must not wait for that to pass.
        var token = await app.NewTokenAsync(Demo, ApiScopes.All);
        var client = app.ApiClient();
        await (await client.SendAsync(HttpMethod.Get, ApiRoutes.Leads, token.Secret)).ExpectAsync(HttpStatusCode.OK);
        await using (var scope = await app.ScopeAsync(Demo, LeadDeskAppFactory.Admin))
        {
            await scope.Get<ApiTokenService>().RevokeAsync(token.Token.Id);
        }
        await (await client.SendAsync(HttpMethod.Get, ApiRoutes.Leads, token.Secret)).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/leads")]
    [InlineData("/board")]
    [InlineData("/settings/api-tokens")]
    public async Task ATokenOpensTheApiOnly_NotPagesOrFragments(string page)
    {
        var token = await app.TokenAsync(Demo);
        var response = await app.ApiClient().SendAsync(HttpMethod.Get, page, token);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized,
            $"GET {page} with a bearer token answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/signin", response.Headers.Location?.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TokensWithoutTheNeededScope_Are403()
    {
        var world = await app.WorldAsync();
        var single = new Dictionary<string, string>();
        foreach (var scope in ApiScopes.All)
        {
            single[scope] = await app.TokenAsync(Demo, scope);
        }
        foreach (var route in Routes())
        {
            var lacking = ApiScopes.All.Where(s => !ApiScopes.PermissionsOf([s]).Contains(route.Permission)).ToList();
            Assert.NotEmpty(lacking);
            foreach (var scope in lacking)
            {
                var response = await SendAsync(route, world, single[scope]);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} with only {scope}: {(int)response.StatusCode} {text}");
                AssertErrorFormat(route, response, text);
            }
        }
        Assert.False((await app.LeadAsync(world.LeadId)).IsDeleted);
        Assert.False((await app.LeadAsync(world.ErasableLeadId)).IsDeleted);
    }

    [Fact]
    public async Task TokensWithTheNeededScope_ReadEveryRouteOfTheirOwnWorkspace()
    {
        var world = await app.WorldAsync();
        var tokens = new Dictionary<string, string>();
        foreach (var route in Routes().Where(r => !r.ChangesState))
        {
            var scope = ApiScopes.All.First(s => ApiScopes.PermissionsOf([s]).Contains(route.Permission));
            if (!tokens.TryGetValue(scope, out var token))
            {
                tokens[scope] = token = await app.TokenAsync(Demo, scope);
            }
            var response = await SendAsync(route, world, token);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} with {scope}: {(int)response.StatusCode} {text}");
        }
    }

    [Fact]
    public async Task AnotherWorkspacesToken_OnThisWorkspacesIds_Is404_AndRevealsNothing()
    {
        var world = await app.WorldAsync();
        var northwind = await app.TokenAsync(Northwind);
        var before = await app.LeadAsync(world.LeadId);
        foreach (var route in Routes().Where(r => r.HasIds))
        {
            var response = await SendAsync(route, world, northwind);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route} with a northwind token: {(int)response.StatusCode} {text}");
            AssertErrorFormat(route, response, text);
            foreach (var secret in world.Secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        var after = await app.LeadAsync(world.LeadId);
        Assert.Equal((before.Version, before.IsDeleted, before.StageId), (after.Version, after.IsDeleted, after.StageId));
        Assert.Equal(1, await app.QueryAsync(db => db.LeadNotes.CountAsync(n => n.LeadId == world.LeadId)));
        Assert.Equal(1, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == world.LeadId)));
        Assert.Equal(1, await app.QueryAsync(db => db.LeadProducts.CountAsync(p => p.LeadId == world.LeadId)));
        Assert.Equal(1, await app.QueryAsync(db => db.LeadTeamMembers.CountAsync(t => t.LeadId == world.LeadId)));
        Assert.False((await app.LeadAsync(world.ErasableLeadId)).IsDeleted);
        Assert.Equal(0, await app.QueryAsync(db => db.LeadErasures.CountAsync(e => e.LeadId == world.ErasableLeadId)));
    }

    [Fact]
    public async Task AnotherWorkspacesToken_DoesNotSeeThisWorkspacesLeads_InListsOrDuplicateChecks()
    {
        var world = await app.WorldAsync();
        var northwind = await app.TokenAsync(Northwind);

        var native = await (await _client.GetAsync($"{ApiRoutes.Leads}?limit=200&search={Uri.EscapeDataString(world.FirstName)}", northwind)).ExpectAsync(HttpStatusCode.OK);
        var external = await (await _client.GetAsync($"{ApiRoutes.ExternalLeads}?limit=500", northwind)).ExpectAsync(HttpStatusCode.OK);
        var duplicates = await (await _client.PostAsync($"{ApiRoutes.Leads}/check-duplicates", northwind, new { email = world.Email })).ExpectAsync(HttpStatusCode.OK);
        var bulkUpdate = await (await _client.PutAsync($"{ApiRoutes.Leads}/bulk-update", northwind, new { ids = new[] { world.LeadId }, changes = new { priority = "low" } }))
            .ExpectAsync(HttpStatusCode.OK);
        var bulkDelete = await (await _client.DeleteAsync($"{ApiRoutes.Leads}/bulk-delete", northwind, new { ids = new[] { world.LeadId } })).ExpectAsync(HttpStatusCode.OK);
        var capture = await (await _client.PostAsync(ApiRoutes.ExternalLeads, northwind, new { name = "Same Person", email = world.Email })).ExpectAsync(HttpStatusCode.Created);

        Assert.Empty(native.HasArray("data"));
        Assert.DoesNotContain(world.Email, external.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(duplicates.HasArray("duplicates"));
        bulkUpdate.GetProperty("data").HasNumber("updated", 0);
        bulkDelete.GetProperty("data").HasNumber("deleted", 0);
        Assert.NotEqual(world.LeadId, capture.Id("_id")); // the same email in another workspace is another lead
        var lead = await app.LeadAsync(world.LeadId);
        Assert.Equal((false, LeadDesk.Core.Leads.LeadPriority.Medium), (lead.IsDeleted, lead.Priority));
    }

    [Fact]
    public async Task SignInCookie_OnTheExternalApi_Is403()
    {
        var world = await app.WorldAsync();
        var browser = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        foreach (var route in Routes().Where(r => r.IsExternal))
        {
            var response = await SendAsync(route, world, token: null, browser);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} with a cookie: {(int)response.StatusCode} {text}");
            AssertErrorFormat(route, response, text);
        }
        Assert.False((await app.LeadAsync(world.LeadId)).IsDeleted);
    }

    [Fact]
    public async Task SignInCookie_OnAStateChangingNativeRoute_WithoutTheAntiforgeryHeader_Is400()
    {
        var world = await app.WorldAsync();
        var browser = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var count = await app.LeadCountAsync();
        foreach (var route in Routes().Where(r => !r.IsExternal && r.ChangesState))
        {
            var response = await SendAsync(route, world, token: null, browser);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} with a cookie and no antiforgery token: {(int)response.StatusCode} {text}");
            Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(AntiforgeryTitle, ApiKit.ProblemTitle(JsonDocument.Parse(text).RootElement));
        }
        Assert.Equal(count, await app.LeadCountAsync());
        Assert.False((await app.LeadAsync(world.LeadId)).IsDeleted);
    }

    [Fact]
    public async Task SignInCookie_WithThePagesAntiforgeryToken_IsAllowedOnEveryRoute()
    {
        var world = await RouteWorld.CreateAsync(app); // these calls change and delete the lead: a world of its own
        var browser = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var antiforgery = await browser.AntiforgeryTokenAsync(SeededData.StaticPage);
        var routes = Routes().Where(r => !r.IsExternal).ToDictionary(r => r.Key);
        foreach (var (key, _) in Samples.Where(s => routes.ContainsKey(s.Key)))
        {
            var route = routes[key];
            var response = await SendAsync(route, world, token: null, browser, antiforgery);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccess(), $"{route} with a cookie and its antiforgery token: {(int)response.StatusCode} {text}");
        }
        var lead = await app.LeadAsync(world.LeadId);
        Assert.Equal((LeadDesk.Core.Leads.LeadStatus.Disqualified, true), (lead.Status, lead.IsDeleted)); // disqualified, then bulk-deleted last
        Assert.Equal(1, await app.QueryAsync(db => db.LeadErasures.CountAsync(e => e.LeadId == world.ErasableLeadId)));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary>Every API route the app maps, with the permission its authorization policy demands.</summary>
    private List<ApiRoute> Routes()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<ApiRoute>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            Assert.True(methods is { Count: > 0 }, $"{pattern} answers every method");
            var permission = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy?.Replace("token:", "", StringComparison.Ordinal))
                .LastOrDefault(p => p is not null && Permissions.All.Contains(p)) ?? "";
            routes.AddRange(methods!.Select(m => new ApiRoute(m, pattern.TrimEnd('/'), permission)));
        }
        return routes;
    }

    private async Task<HttpResponseMessage> SendAsync(ApiRoute route, RouteWorld world, string? token, HttpClient? client = null, string? antiforgery = null)
    {
        var body = Samples.Single(s => s.Key == route.Key).Body(world);
        var url = Parameter().Replace(route.Pattern, match => match.Groups[1].Value switch
        {
            "id" when route.Key == "GET /api/v1/lead-settings/stages/{id}/fields" => world.StageId.ToString(),
            "id" when route.Pattern.StartsWith($"{ApiRoutes.LeadSettings}/stages/", StringComparison.Ordinal) => world.PipelineStageId.ToString(),
            "id" when route.Pattern.StartsWith($"{ApiRoutes.LeadSettings}/pipelines/", StringComparison.Ordinal) => world.PipelineId.ToString(),
            "id" when route.Key == EraseRoute => world.ErasableLeadId.ToString(),
            "id" => world.LeadId.ToString(),
            "noteId" => world.NoteId.ToString(),
            "documentId" => world.DocumentId.ToString(),
            "productId" => world.LineId.ToString(),
            "userId" => world.TeamUserId.ToString(),
            "fieldId" => world.FieldId.ToString(),
            "stageId" => world.PipelineStageId.ToString(),
            var name => throw new InvalidOperationException($"{route}: no value for the route parameter {name}; add one to this test."),
        });
        return await (client ?? _client).SendAsync(new HttpMethod(route.Method), url, token, body,
            request => { if (antiforgery is not null) { request.WithAntiforgery(antiforgery); } });
    }

    private static async Task AssertUnauthenticatedAsync(ApiRoute route, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var expected = route.IsExternal ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
        Assert.True(response.StatusCode == expected, $"{route}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        AssertErrorFormat(route, response, text);
        if (!route.IsExternal)
        {
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>problem+json with the status on <c>/api/v1</c>; <c>{ "success": false, "error": … }</c> on the external API.</summary>
    private static void AssertErrorFormat(ApiRoute route, HttpResponseMessage response, string text)
    {
        var body = JsonDocument.Parse(text).RootElement;
        if (route.IsExternal)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(body.GetProperty("success").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        }
        else
        {
            Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)response.StatusCode, body.GetProperty("status").GetInt32());
        }
    }

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex Constraint();

    [GeneratedRegex("{([A-Za-z]+)(?::[^}]*)?}")]
    private static partial Regex Parameter();
}
