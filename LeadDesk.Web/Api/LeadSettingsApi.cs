using System.Text.Json;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Products;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Api;

/// <summary>
/// <c>/api/v1/lead-settings</c> (seed 004). Reads for members who may view settings and <c>settings:read</c> tokens;
/// writes for admins and <c>settings:write</c> tokens. Pipelines, stages and stage fields are editable; team roles,
/// disqualification reasons and the product catalog are read-only so far.
/// </summary>
internal static class LeadSettingsApi
{
    public static void MapLeadSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/lead-settings").WithTags("Lead settings").RequireAuthorization(Permissions.SettingsView);
        settings.MapGet("/pipelines", async (string? module, PipelineSettingsService pipelines, CancellationToken ct) =>
                Results.Ok(new ApiEnvelope<IReadOnlyList<PipelineSetup>>(true, await pipelines.ListAsync(ModuleOf(module), ct))))
            .WithSummary("Pipelines of a module (leads or opportunities), default first, with their stages and the leads in each");
        settings.MapPost("/pipelines", CreatePipelineAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Create a pipeline (name, module); it starts with one stage, New").Produces<ApiEnvelope<PipelineSetup>>(StatusCodes.Status201Created);
        settings.MapPut("/pipelines/{id:guid}", UpdatePipelineAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Rename a pipeline (name) or make it its module's default (isDefault: true)");
        settings.MapDelete("/pipelines/{id:guid}", async (Guid id, Guid? moveToStageId, PipelineSettingsService pipelines, CancellationToken ct) =>
                Results.Ok(new ApiEnvelope<object>(true, new { leadsMoved = await pipelines.DeletePipelineAsync(id, moveToStageId, ct) })))
            .RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Delete a pipeline that is not the default; ?moveToStageId= (a stage of another pipeline) is required when it has leads");

        settings.MapGet("/stages", StagesAsync).WithSummary("Stages of a pipeline (or of the default one), in order");
        settings.MapPost("/stages", CreateStageAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Add a stage at the end of a pipeline (pipelineId, name, key, color, probability, rottingDays)")
            .Produces<ApiEnvelope<StageSetup>>(StatusCodes.Status201Created);
        settings.MapPut("/stages/reorder", ReorderStagesAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Put a pipeline's stages in a new order (pipelineId, stageIds: every stage once)");
        settings.MapPut("/stages/{id:guid}", UpdateStageAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Change a stage; fields left out keep their values");
        settings.MapDelete("/stages/{id:guid}", async (Guid id, Guid? moveToStageId, PipelineSettingsService pipelines, CancellationToken ct) =>
                Results.Ok(new ApiEnvelope<object>(true, new { leadsMoved = await pipelines.DeleteStageAsync(id, moveToStageId, ct) })))
            .RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Delete a stage that is not its pipeline's only one; ?moveToStageId= is required when it has leads");
        settings.MapGet("/stages/{id:guid}/fields", async (Guid id, PipelineDirectory pipelines, CancellationToken ct) =>
                await pipelines.StageAsync(id, ct) is null
                    ? throw new NotFoundException(Missing.Stage)
                    : Results.Ok(new ApiEnvelope<IReadOnlyList<StageFieldInfo>>(true, await pipelines.FieldsAsync(id, ct))))
            .WithSummary("The fields a stage asks for when a lead enters it");
        settings.MapPost("/stages/{id:guid}/fields", CreateFieldAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Add a field to a stage (label, key, type: text, long_text, number, money, date, select, boolean, user; isRequired; options for a select)")
            .Produces<ApiEnvelope<StageFieldInfo>>(StatusCodes.Status201Created);
        settings.MapPut("/stages/{id:guid}/fields/{fieldId:guid}", UpdateFieldAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Change a stage field; fields left out keep their values, and a change that existing values would not fit is refused");
        settings.MapDelete("/stages/{id:guid}/fields/{fieldId:guid}", async (Guid id, Guid fieldId, StageFieldSettingsService fields, CancellationToken ct) =>
                Results.Ok(new ApiEnvelope<object>(true, new { valuesKeptInHistory = await fields.DeleteAsync(id, fieldId, ct) })))
            .RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Delete a stage field; each lead's value is written into its history first");

        settings.MapGet("/stage-ownership/{stageId:guid}", async (Guid stageId, PipelineSettingsService pipelines, CancellationToken ct) =>
                Results.Ok(new ApiEnvelope<StageOwnershipRule>(true, (await pipelines.StageAsync(stageId, ct)).Ownership)))
            .WithSummary("Who owns a lead that enters the stage: mode keep_owner, assign_user (userId) or round_robin (role)");
        settings.MapPut("/stage-ownership/{stageId:guid}", SetOwnershipAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Set who owns a lead that enters the stage (mode, userId, role: admin, manager or sales_rep)");

        settings.MapGet("/settings", async (HttpContext context, CancellationToken ct) => Results.Ok(new ApiEnvelope<GeneralLeadSettings>(true, await GeneralAsync(context.RequestServices, ct))))
            .WithSummary("The workspace's general lead settings: visibility, trash retention, phone country, default lead pipeline");
        settings.MapPut("/settings", UpdateGeneralAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Change general lead settings; fields left out keep their values; all or nothing");

        settings.MapGet("/team-roles", async (TeamService team, CancellationToken ct) => Results.Ok(new ApiEnvelope<IReadOnlyList<TeamRoleView>>(true, await team.RolesAsync(ct))))
            .WithSummary("Team roles a lead's team members can have");
        settings.MapGet("/disqualification-reasons", () => Results.Ok(new ApiEnvelope<IReadOnlyList<DisqualificationReason>>(true, DisqualificationReasons.All)))
            .WithSummary("Reasons a lead can be disqualified with");
        settings.MapGet("/products", async (ProductService products, CancellationToken ct) => Results.Ok(new ApiEnvelope<IReadOnlyList<ProductView>>(true, await products.CatalogAsync(ct))))
            .WithSummary("The product catalog");
    }

    /// <summary>Seed 004's "all lead settings" that exist so far.</summary>
    public sealed record GeneralLeadSettings(LeadVisibility Visibility, int TrashRetentionDays, string PhoneRegion, Guid? DefaultPipelineId);

    private static async Task<GeneralLeadSettings> GeneralAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var leadSettings = services.GetRequiredService<LeadSettingsService>();
        var pipelines = await services.GetRequiredService<PipelineSettingsService>().ListAsync(PipelineModule.Leads, cancellationToken);
        return new GeneralLeadSettings(
            await leadSettings.VisibilityAsync(cancellationToken),
            await leadSettings.TrashRetentionDaysAsync(cancellationToken),
            await services.GetRequiredService<PhoneRegions>().CurrentAsync(cancellationToken),
            pipelines.FirstOrDefault(p => p.IsDefault)?.Id);
    }

    /// <summary>Each setting the body names, in one transaction: a refusal of one leaves all as they were.</summary>
    private static async Task<IResult> UpdateGeneralAsync(HttpContext context, LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var services = context.RequestServices;
        var visibility = ApiJson.Text(body, "visibility")?.Trim().ToLowerInvariant() switch
        {
            null => (LeadVisibility?)null,
            "all" => LeadVisibility.All,
            "own_and_team" => LeadVisibility.OwnAndTeam,
            _ => throw Validation.Error("visibility", "visibility must be all or own_and_team."),
        };
        var retention = ApiJson.Integer(body, "trashRetentionDays");
        var region = ApiJson.Text(body, "phoneRegion");
        Guid? defaultPipeline = body.TryGetProperty("defaultPipelineId", out _) ? ApiJson.RequiredId(body, "defaultPipelineId") : null;
        if (defaultPipeline is { } wanted
            && !(await services.GetRequiredService<PipelineSettingsService>().ListAsync(PipelineModule.Leads, cancellationToken)).Any(p => p.Id == wanted))
        {
            throw Validation.Error("defaultPipelineId", "defaultPipelineId must be one of this workspace's lead pipelines.");
        }
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            if (visibility is { } chosen)
            {
                await services.GetRequiredService<LeadSettingsService>().SetVisibilityAsync(chosen, cancellationToken);
            }
            if (retention is { } days)
            {
                await services.GetRequiredService<LeadSettingsService>().SetTrashRetentionDaysAsync(days, cancellationToken);
            }
            if (region is not null)
            {
                await services.GetRequiredService<PhoneRegions>().SetAsync(region, cancellationToken);
            }
            if (defaultPipeline is { } pipelineId)
            {
                await services.GetRequiredService<PipelineSettingsService>().SetDefaultPipelineAsync(pipelineId, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return Results.Ok(new ApiEnvelope<GeneralLeadSettings>(true, await GeneralAsync(services, cancellationToken)));
    }

    private static PipelineModule ModuleOf(string? module) => module?.Trim().ToLowerInvariant() switch
    {
        null or "" or "leads" => PipelineModule.Leads,
        "opportunities" => PipelineModule.Opportunities,
        _ => throw Validation.Error("module", "module must be leads or opportunities."),
    };

    private static async Task<IResult> CreatePipelineAsync(HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var module = ModuleOf(ApiJson.Text(body, "module"));
        var id = await pipelines.CreatePipelineAsync(new PipelineInput(ApiJson.Text(body, "name")), module, cancellationToken);
        return Results.Created($"{ApiRoutes.LeadSettings}/pipelines/{id}", new ApiEnvelope<PipelineSetup>(true, await pipelines.PipelineAsync(id, cancellationToken)));
    }

    private static async Task<IResult> UpdatePipelineAsync(Guid id, HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var current = await pipelines.PipelineAsync(id, cancellationToken);
        var isDefault = ApiJson.Flag(body, "isDefault");
        if (isDefault == false && current.IsDefault)
        {
            throw Validation.Error("isDefault", "A module always has a default pipeline: make another pipeline the default instead.");
        }
        if (ApiJson.Text(body, "name") is { } name)
        {
            await pipelines.RenamePipelineAsync(id, new PipelineInput(name), cancellationToken);
        }
        if (isDefault == true)
        {
            await pipelines.SetDefaultPipelineAsync(id, cancellationToken);
        }
        return Results.Ok(new ApiEnvelope<PipelineSetup>(true, await pipelines.PipelineAsync(id, cancellationToken)));
    }

    private static async Task<IResult> StagesAsync(Guid? pipelineId, string? module, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var all = await pipelines.ListAsync(ModuleOf(module), cancellationToken);
        var pipeline = pipelineId is { } id
            ? all.FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException(Missing.Pipeline)
            : all.Count > 0 ? all[0] : null;
        return Results.Ok(new ApiEnvelope<IReadOnlyList<StageSetup>>(true, pipeline?.Stages ?? []));
    }

    private static async Task<IResult> CreateStageAsync(HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var pipelineId = ApiJson.RequiredId(body, "pipelineId");
        var id = await pipelines.CreateStageAsync(pipelineId, StageOf(body, null), cancellationToken);
        return Results.Created($"{ApiRoutes.LeadSettings}/stages/{id}", new ApiEnvelope<StageSetup>(true, await pipelines.StageAsync(id, cancellationToken)));
    }

    private static async Task<IResult> UpdateStageAsync(Guid id, HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        await pipelines.UpdateStageAsync(id, StageOf(body, await pipelines.StageAsync(id, cancellationToken)), cancellationToken);
        return Results.Ok(new ApiEnvelope<StageSetup>(true, await pipelines.StageAsync(id, cancellationToken)));
    }

    private static async Task<IResult> ReorderStagesAsync(HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var pipelineId = ApiJson.RequiredId(body, "pipelineId");
        await pipelines.ReorderStagesAsync(pipelineId, ApiJson.Ids(body, "stageIds"), cancellationToken);
        return Results.Ok(new ApiEnvelope<PipelineSetup>(true, await pipelines.PipelineAsync(pipelineId, cancellationToken)));
    }

    private static async Task<IResult> CreateFieldAsync(Guid id, HttpContext context, StageFieldSettingsService fields, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var fieldId = await fields.CreateAsync(id, FieldOf(body, null), cancellationToken);
        return Results.Created($"{ApiRoutes.LeadSettings}/stages/{id}/fields/{fieldId}",
            new ApiEnvelope<StageFieldInfo>(true, (await fields.ListAsync(id, cancellationToken)).First(f => f.Id == fieldId)));
    }

    private static async Task<IResult> UpdateFieldAsync(Guid id, Guid fieldId, HttpContext context, StageFieldSettingsService fields, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var current = (await fields.ListAsync(id, cancellationToken)).FirstOrDefault(f => f.Id == fieldId) ?? throw new NotFoundException(Missing.StageField);
        await fields.UpdateAsync(id, fieldId, FieldOf(body, current), cancellationToken);
        return Results.Ok(new ApiEnvelope<StageFieldInfo>(true, (await fields.ListAsync(id, cancellationToken)).First(f => f.Id == fieldId)));
    }

    /// <summary>The stage field in the body; a field left out keeps <paramref name="current"/>'s value (a new field's defaults).</summary>
    private static StageFieldInput FieldOf(JsonElement body, StageFieldInfo? current) => new()
    {
        Label = ApiJson.Text(body, "label") ?? current?.Label,
        Key = ApiJson.Text(body, "key") ?? current?.Key,
        Type = ApiJson.Text(body, "type") is { } type ? FieldTypeOf(type) : current?.Type ?? StageFieldType.Text,
        IsRequired = ApiJson.Flag(body, "isRequired") ?? current?.IsRequired ?? false,
        Options = body.TryGetProperty("options", out var options) ? OptionsOf(options) : current?.Choices ?? [],
    };

    private static StageFieldType FieldTypeOf(string type) => type.Trim().ToLowerInvariant() switch
    {
        "text" => StageFieldType.Text,
        "long_text" or "textarea" => StageFieldType.LongText,
        "number" => StageFieldType.Number,
        "money" or "currency" => StageFieldType.Money,
        "date" => StageFieldType.Date,
        "select" => StageFieldType.Select,
        "boolean" or "checkbox" => StageFieldType.Boolean,
        "user" => StageFieldType.User,
        _ => throw Validation.Error("type", "type must be text, long_text, number, money, date, select, boolean or user."),
    };

    /// <summary>A select's choices: an array of strings, or one string with a choice per line.</summary>
    private static string[] OptionsOf(JsonElement options) => options.ValueKind switch
    {
        JsonValueKind.Null => [],
        JsonValueKind.String => options.GetString()!.Split('\n'),
        JsonValueKind.Array => [.. options.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String
            ? o.GetString()!
            : throw Validation.Error("options", "options must be text: an array of choices."))],
        _ => throw Validation.Error("options", "options must be an array of choices."),
    };

    private static async Task<IResult> SetOwnershipAsync(Guid stageId, HttpContext context, PipelineSettingsService pipelines, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var mode = ApiJson.Text(body, "mode")?.Trim().ToLowerInvariant() switch
        {
            "keep_owner" => StageOwnershipMode.KeepOwner,
            "assign_user" => StageOwnershipMode.AssignUser,
            "round_robin" => StageOwnershipMode.RoundRobin,
            _ => throw Validation.Error("mode", "mode must be keep_owner, assign_user or round_robin."),
        };
        Guid? userId = mode == StageOwnershipMode.AssignUser ? ApiJson.RequiredId(body, "userId") : null;
        var role = ApiJson.Text(body, "role")?.Trim().ToLowerInvariant() switch
        {
            null => (WorkspaceRole?)null,
            "admin" => WorkspaceRole.Admin,
            "manager" => WorkspaceRole.Manager,
            "sales_rep" => WorkspaceRole.SalesRep,
            _ => throw Validation.Error("role", "role must be admin, manager or sales_rep."),
        };
        await pipelines.SetOwnershipAsync(stageId, new StageOwnershipRule(mode, userId, role), cancellationToken);
        return Results.Ok(new ApiEnvelope<StageOwnershipRule>(true, (await pipelines.StageAsync(stageId, cancellationToken)).Ownership));
    }

    /// <summary>The stage in the body; a field left out keeps <paramref name="current"/>'s value (a new stage's defaults).</summary>
    private static StageInput StageOf(JsonElement body, StageSetup? current) => new()
    {
        Name = ApiJson.Text(body, "name") ?? current?.Name,
        Key = ApiJson.Text(body, "key") ?? current?.Key,
        Color = ApiJson.Text(body, "color") ?? current?.Color,
        Probability = ApiJson.Integer(body, "probability") ?? current?.Probability ?? 0,
        RottingDays = body.TryGetProperty("rottingDays", out _) ? ApiJson.Integer(body, "rottingDays") : current?.RottingDays,
    };
}
