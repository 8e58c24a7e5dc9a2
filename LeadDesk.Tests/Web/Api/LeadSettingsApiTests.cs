using System.Net;
using System.Text.Json;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using LeadDesk.Web.Api;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// Seed 004's pipeline and stage settings through the HTTP pipeline: the documented paths and shapes, field messages for bad
/// input, and leads that move when their stage or pipeline is deleted. Who may call what is in <see cref="RouteSecurityTests"/>.
/// </summary>
public sealed class LeadSettingsApiTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private const string Pipelines = ApiRoutes.LeadSettings + "/pipelines";
    private const string Stages = ApiRoutes.LeadSettings + "/stages";
    private readonly HttpClient _client = app.ApiClient();

    [Fact]
    public async Task CreateAPipeline_AddStages_ReorderThem_AndReadThemBack()
    {
        var token = await app.DemoTokenAsync();

        var created = (await (await _client.PostAsync(Pipelines, token, new { name = "Partners", module = "leads" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var pipelineId = created.Id();
        created.HasString("name", "Partners");
        created.HasString("module", "leads");
        created.HasBoolean("isDefault", false);
        var first = Assert.Single(created.HasArray("stages"));
        var stage = (await (await _client.PostAsync(Stages, token, new { pipelineId, name = "Proposta enviada", probability = 60, rottingDays = 10 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        await (await _client.PutAsync($"{Stages}/reorder", token, new { pipelineId, stageIds = new[] { stage.Id(), first.Id() } })).ExpectAsync(HttpStatusCode.OK);

        var stages = (await (await _client.GetAsync($"{Stages}?module=leads&pipelineId={pipelineId}", token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        Assert.Equal(["proposta_enviada", "new"], stages.Select(s => s.GetProperty("key").GetString()));
        stages[0].HasId("pipelineId", pipelineId);
        stages[0].HasString("name", "Proposta enviada");
        stages[0].HasString("color");
        stages[0].HasNumber("probability", 60);
        stages[0].HasNumber("sortOrder", 0);
        stages[0].HasNumber("rottingDays", 10);
        stages[0].HasNumber("leads", 0);
    }

    [Fact]
    public async Task UpdateAStage_ChangesOnlyTheFieldsSent()
    {
        var token = await app.DemoTokenAsync();
        var pipelineId = (await (await _client.PostAsync(Pipelines, token, new { name = "Renewals" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var stage = (await (await _client.PostAsync(Stages, token, new { pipelineId, name = "Quote", key = "quote", color = "#123456", rottingDays = 5 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data");

        var updated = (await (await _client.PutAsync($"{Stages}/{stage.Id()}", token, new { probability = 35 })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        var cleared = (await (await _client.PutAsync($"{Stages}/{stage.Id()}", token, new { rottingDays = (int?)null })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");

        updated.HasString("name", "Quote");
        updated.HasString("key", "quote");
        updated.HasString("color", "#123456");
        updated.HasNumber("probability", 35);
        updated.HasNumber("rottingDays", 5);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("rottingDays").ValueKind);
    }

    [Fact]
    public async Task RenameAndMakeDefault_MoveTheDefaultFlag()
    {
        var token = await app.DemoTokenAsync();
        var sales = (await app.StageAsync("new")).PipelineId;
        var id = (await (await _client.PostAsync(Pipelines, token, new { name = "Inbound" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        try
        {
            var updated = (await (await _client.PutAsync($"{Pipelines}/{id}", token, new { name = "Inbound leads", isDefault = true })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
            var refused = await (await _client.DeleteAsync($"{Pipelines}/{id}", token)).ExpectFieldErrorAsync("id");
            var unset = await (await _client.PutAsync($"{Pipelines}/{id}", token, new { isDefault = false })).ExpectFieldErrorAsync("isDefault");

            updated.HasString("name", "Inbound leads");
            updated.HasBoolean("isDefault", true);
            Assert.Contains("default", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var all = (await (await _client.GetAsync(Pipelines, token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");
            Assert.Equal([(id, true), (sales, false)], all.Take(2).Select(p => (p.Id(), p.GetProperty("isDefault").GetBoolean())));
        }
        finally
        {
            await (await _client.PutAsync($"{Pipelines}/{sales}", token, new { isDefault = true })).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task DeleteAPipelineWithLeads_AsksWhereTheyGo_ThenMovesThem()
    {
        var token = await app.DemoTokenAsync();
        var inbound = (await (await _client.PostAsync(Pipelines, token, new { name = "Inbound" + Guid.NewGuid().ToString("N")[..6] })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var outbound = (await (await _client.PostAsync(Pipelines, token, new { name = "Outbound" + Guid.NewGuid().ToString("N")[..6] })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var target = inbound.GetProperty("stages")[0].Id();
        var leaving = outbound.GetProperty("stages")[0].Id();
        var lead = await app.CreateLeadAsync(configure: l => (l.PipelineId, l.StageId) = (outbound.Id(), leaving));

        var refused = await (await _client.DeleteAsync($"{Pipelines}/{outbound.Id()}", token)).ExpectFieldErrorAsync("moveToStageId");
        var deleted = await (await _client.DeleteAsync($"{Pipelines}/{outbound.Id()}?moveToStageId={target}", token)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("1 lead (the trash included) is in it. Choose the stage it moves to.", refused.GetProperty("detail").GetString());
        deleted.GetProperty("data").HasNumber("leadsMoved", 1);
        var moved = await app.LeadAsync(lead);
        Assert.Equal((inbound.Id(), target), (moved.PipelineId, moved.StageId));
        await (await _client.GetAsync($"{Stages}?pipelineId={outbound.Id()}", token)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAStage_ItsLeadsGoToTheChosenStage()
    {
        var token = await app.DemoTokenAsync();
        var pipeline = (await (await _client.PostAsync(Pipelines, token, new { name = "Events" + Guid.NewGuid().ToString("N")[..6] })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var first = pipeline.GetProperty("stages")[0].Id();
        var second = (await (await _client.PostAsync(Stages, token, new { pipelineId = pipeline.Id(), name = "Met" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var lead = await app.CreateLeadAsync(configure: l => (l.PipelineId, l.StageId) = (pipeline.Id(), second));

        await (await _client.DeleteAsync($"{Stages}/{second}?moveToStageId={second}", token)).ExpectFieldErrorAsync("moveToStageId");
        await (await _client.DeleteAsync($"{Stages}/{second}?moveToStageId={first}", token)).ExpectAsync(HttpStatusCode.OK);
        await (await _client.DeleteAsync($"{Stages}/{first}", token)).ExpectFieldErrorAsync("id"); // its pipeline's only stage now

        Assert.Equal(first, (await app.LeadAsync(lead)).StageId);
    }

    [Theory]
    [InlineData("POST", Pipelines, """{ "name": "" }""", "name")]
    [InlineData("POST", Pipelines, """{ "name": "Sales" }""", "name")]
    [InlineData("POST", Pipelines, """{ "name": "X", "module": "widgets" }""", "module")]
    [InlineData("POST", Stages, """{ "name": "No pipeline" }""", "pipelineId")]
    [InlineData("POST", Stages, """{ "pipelineId": "00000000-0000-0000-0000-000000000000", "name": "X" }""", "pipelineId")]
    [InlineData("PUT", Stages + "/reorder", """{ "pipelineId": "00000000-0000-0000-0000-000000000000", "stageIds": "all" }""", "stageIds")]
    public async Task BadBodies_AreFieldErrors(string method, string url, string body, string field)
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.SendAsync(new HttpMethod(method), url, token, body);

        await response.ExpectFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("""{ "name": "", "color": "red", "probability": 120, "rottingDays": 0, "key": "Bad Key" }""", new[] { "name", "color", "probability", "rottingDays", "key" })]
    [InlineData("""{ "probability": "high" }""", new[] { "probability" })]
    [InlineData("""{ "key": "contacted" }""", new[] { "key" })]
    public async Task ABadStageUpdate_NamesEachFieldToFix_AndChangesNothing(string body, string[] fields)
    {
        var token = await app.DemoTokenAsync();
        var stage = await app.StageAsync("new");

        var problem = await (await _client.PutAsync($"{Stages}/{stage.Id}", token, body)).ExpectFieldErrorAsync(fields[0]);

        Assert.Equal(fields.Order(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var after = await app.StageAsync("new");
        Assert.Equal((stage.Name, stage.Color, stage.Probability), (after.Name, after.Color, after.Probability));
    }

    [Fact]
    public async Task AStagesFields_AreAddedChangedAndDeleted()
    {
        var token = await app.DemoTokenAsync();
        var pipeline = (await (await _client.PostAsync(Pipelines, token, new { name = "Fields" + Guid.NewGuid().ToString("N")[..6] })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var stage = pipeline.GetProperty("stages")[0].Id();
        var fields = $"{Stages}/{stage}/fields";

        var created = (await (await _client.PostAsync(fields, token, new { label = "Plan", type = "select", isRequired = true, options = (string[])["Pro", "Team"] }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var renamed = (await (await _client.PutAsync($"{fields}/{created.Id()}", token, new { label = "Plan chosen", options = "Pro\nTeam\nEnterprise" }))
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        await (await _client.PostAsync(fields, token, new { label = "Odd", type = "colour" })).ExpectFieldErrorAsync("type");
        await (await _client.PostAsync(fields, token, new { label = "Plan chosen", type = "text" })).ExpectFieldErrorAsync("label");
        var listed = (await (await _client.GetAsync(fields, token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        var deleted = await (await _client.DeleteAsync($"{fields}/{created.Id()}", token)).ExpectAsync(HttpStatusCode.OK);

        created.HasId("stageId", stage);
        created.HasString("key", "plan");
        created.HasString("type", "select");
        created.HasBoolean("isRequired", true);
        Assert.Equal(["Pro", "Team"], created.HasArray("choices").Select(c => c.GetString()));
        renamed.HasString("label", "Plan chosen");
        renamed.HasString("key", "plan");
        renamed.HasBoolean("isRequired", true);
        Assert.Equal(["Pro", "Team", "Enterprise"], renamed.HasArray("choices").Select(c => c.GetString()));
        Assert.Single(listed);
        deleted.GetProperty("data").HasNumber("valuesKeptInHistory", 0);
        Assert.Empty((await (await _client.GetAsync(fields, token)).ExpectAsync(HttpStatusCode.OK)).HasArray("data"));
    }

    [Fact]
    public async Task StageOwnership_IsReadAndSet_AndAStrangerCannotTakeTheLeads()
    {
        var token = await app.DemoTokenAsync();
        var pipeline = (await (await _client.PostAsync(Pipelines, token, new { name = "Owners" + Guid.NewGuid().ToString("N")[..6] })).ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        var url = $"{ApiRoutes.LeadSettings}/stage-ownership/{pipeline.GetProperty("stages")[0].Id()}";
        var rep = await app.UserIdAsync(LeadDeskAppFactory.Rep);

        var initial = (await (await _client.GetAsync(url, token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        var assigned = (await (await _client.PutAsync(url, token, new { mode = "assign_user", userId = rep })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        await (await _client.PutAsync(url, token, new { mode = "assign_user", userId = Guid.NewGuid() })).ExpectFieldErrorAsync("userId");
        await (await _client.PutAsync(url, token, new { mode = "round_robin" })).ExpectFieldErrorAsync("role");
        await (await _client.PutAsync(url, token, new { mode = "lottery" })).ExpectFieldErrorAsync("mode");
        var turns = (await (await _client.PutAsync(url, token, new { mode = "round_robin", role = "sales_rep" })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");

        initial.HasString("mode", "keep_owner");
        assigned.HasString("mode", "assign_user");
        assigned.HasId("userId", rep);
        turns.HasString("mode", "round_robin");
        turns.HasString("role", "sales_rep");
        Assert.Equal(JsonValueKind.Null, turns.GetProperty("userId").ValueKind);
    }

    [Fact]
    public async Task GeneralSettings_AreReadAndChanged_AllOrNothing()
    {
        var token = await app.DemoTokenAsync();
        var url = $"{ApiRoutes.LeadSettings}/settings";
        var before = (await (await _client.GetAsync(url, token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");

        await (await _client.PutAsync(url, token, new { trashRetentionDays = 45, phoneRegion = "XX" })).ExpectFieldErrorAsync("phoneRegion");
        var unchanged = (await (await _client.GetAsync(url, token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        await (await _client.PutAsync(url, token, new { defaultPipelineId = Guid.NewGuid() })).ExpectFieldErrorAsync("defaultPipelineId");
        var changed = (await (await _client.PutAsync(url, token, new { trashRetentionDays = 45, phoneRegion = "br" })).ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        await (await _client.PutAsync(url, token, new { trashRetentionDays = before.GetProperty("trashRetentionDays").GetInt32(), phoneRegion = before.GetProperty("phoneRegion").GetString() }))
            .ExpectAsync(HttpStatusCode.OK);

        before.HasString("visibility");
        before.HasId("defaultPipelineId", (await app.StageAsync("new")).PipelineId);
        Assert.Equal(before.GetProperty("trashRetentionDays").GetInt32(), unchanged.GetProperty("trashRetentionDays").GetInt32()); // the refused region undid it
        changed.HasNumber("trashRetentionDays", 45);
        changed.HasString("phoneRegion", "BR");
    }

    [Fact]
    public async Task ASettingsReadToken_ReadsButDoesNotWrite()
    {
        var token = await app.TokenAsync(Demo, ApiScopes.SettingsRead);

        await (await _client.GetAsync(Pipelines, token)).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsync(Pipelines, token, new { name = "Sneaky" })).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
