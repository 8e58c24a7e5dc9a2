using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Infrastructure;

public sealed record WorkspaceSeed(Guid WorkspaceId, Guid PipelineId, Guid FirstStageId, Guid SecondStageId);

/// <summary>Small, explicit test data: a workspace with a two-stage pipeline, and leads in it.</summary>
public static class TestData
{
    public static async Task<WorkspaceSeed> WorkspaceAsync(CoreFixture fixture, string slug)
    {
        var workspace = new Workspace(slug, $"Workspace {slug}");
        await using var scope = fixture.ScopeAs(workspace.Id);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        db.Workspaces.Add(workspace);
        var pipeline = new Pipeline("Sales", PipelineModule.Leads) { IsDefault = true };
        var first = pipeline.AddStage("new", "New", "#6c8ebf", 10);
        var second = pipeline.AddStage("qualified", "Qualified", "#7a9a3c", 50);
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync();
        return new WorkspaceSeed(workspace.Id, pipeline.Id, first.Id, second.Id);
    }

    public static async Task<Guid> LeadAsync(CoreFixture fixture, WorkspaceSeed workspace, string firstName,
        LeadStatus status = LeadStatus.Open, decimal? value = null, bool secondStage = false, Guid? ownerId = null)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var lead = new Lead
        {
            FirstName = firstName,
            LastName = "Tester",
            Email = $"{firstName.ToLowerInvariant()}@example.com",
            PipelineId = workspace.PipelineId,
            StageId = secondStage ? workspace.SecondStageId : workspace.FirstStageId,
            Status = status,
            EstimatedValue = value,
            OwnerId = ownerId,
        };
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }
}
