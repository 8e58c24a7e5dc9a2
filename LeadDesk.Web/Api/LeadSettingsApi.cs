using LeadDesk.Core.Common;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Products;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Api;

/// <summary>
/// <c>/api/v1/lead-settings</c> (seed 004), the parts that exist today: pipelines, stages and their fields,
/// team roles, disqualification reasons and the product catalog, read-only. Editing arrives with the settings issue.
/// </summary>
internal static class LeadSettingsApi
{
    public static void MapLeadSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/lead-settings").WithTags("Lead settings").RequireAuthorization(Permissions.SettingsView);
        settings.MapGet("/pipelines", PipelinesAsync).WithSummary("Pipelines of a module (leads), default first, with their stages");
        settings.MapGet("/stages", StagesAsync).WithSummary("Stages of a pipeline (or of the default one), in order");
        settings.MapGet("/stages/{id:guid}/fields", async (Guid id, PipelineDirectory pipelines, CancellationToken ct) =>
                await pipelines.StageAsync(id, ct) is null
                    ? throw new NotFoundException(Missing.Stage)
                    : Results.Ok(new ApiEnvelope<IReadOnlyList<StageFieldInfo>>(true, await pipelines.FieldsAsync(id, ct))))
            .WithSummary("The fields a stage asks for when a lead enters it");
        settings.MapGet("/team-roles", async (TeamService team, CancellationToken ct) => Results.Ok(new ApiEnvelope<IReadOnlyList<TeamRoleView>>(true, await team.RolesAsync(ct))))
            .WithSummary("Team roles a lead's team members can have");
        settings.MapGet("/disqualification-reasons", () => Results.Ok(new ApiEnvelope<IReadOnlyList<DisqualificationReason>>(true, DisqualificationReasons.All)))
            .WithSummary("Reasons a lead can be disqualified with");
        settings.MapGet("/products", async (ProductService products, CancellationToken ct) => Results.Ok(new ApiEnvelope<IReadOnlyList<ProductView>>(true, await products.CatalogAsync(ct))))
            .WithSummary("The product catalog");
    }

    private static async Task<IResult> PipelinesAsync(string? module, PipelineDirectory pipelines, CancellationToken cancellationToken)
    {
        if (module is not null && !module.Equals("leads", StringComparison.OrdinalIgnoreCase))
        {
            return module.Equals("opportunities", StringComparison.OrdinalIgnoreCase)
                ? Results.Ok(new ApiEnvelope<IReadOnlyList<PipelineInfo>>(true, []))
                : throw Validation.Error("module", "module must be leads or opportunities.");
        }
        return Results.Ok(new ApiEnvelope<IReadOnlyList<PipelineInfo>>(true, await pipelines.LeadPipelinesAsync(cancellationToken)));
    }

    private static async Task<IResult> StagesAsync(Guid? pipelineId, string? module, PipelineDirectory pipelines, CancellationToken cancellationToken)
    {
        if (module is not null && !module.Equals("leads", StringComparison.OrdinalIgnoreCase))
        {
            throw Validation.Error("module", "Only the leads module has pipelines so far.");
        }
        var pipeline = pipelineId is { } id
            ? (await pipelines.LeadPipelinesAsync(cancellationToken)).FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException(Missing.Pipeline)
            : await pipelines.LeadPipelineAsync(null, cancellationToken);
        return Results.Ok(new ApiEnvelope<IReadOnlyList<StageInfo>>(true, pipeline?.Stages ?? []));
    }
}
