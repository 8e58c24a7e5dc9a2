using System.Text.Json;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Api;

/// <summary>
/// <c>/api/v1/leads</c> (seed 004's endpoints with seeds 002 and 003's query features). Handlers only
/// translate HTTP to a Core service call and back; every rule lives in the services.
/// </summary>
internal static class LeadsApi
{
    public static void MapLeadsApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapGet("", ListAsync).RequireAuthorization(Permissions.LeadsView)
            .WithSummary("List leads").WithDescription("Filters: search, stageId, pipelineId, priority, source, assignedTo (id, me, none), status (open, converted, disqualified, or a simple status such as new or lost), company_id/accountId, min_score, max_score, created_after, created_before, workspace; order: sortBy (createdAt, updatedAt, name, company, estimatedValue, score) and sortDir; paging: page+limit, offset+limit or cursor+limit (limit 1–200, default 50).")
            .Produces<ApiListEnvelope<LeadSummary>>();
        leads.MapPost("", CreateAsync).RequireAuthorization(Permissions.LeadsCreate)
            .WithSummary("Create a lead").Accepts<LeadWriteDocument>("application/json").Produces<ApiEnvelope<LeadResource>>(StatusCodes.Status201Created);
        leads.MapPost("/check-duplicates", CheckDuplicatesAsync).RequireAuthorization(Permissions.LeadsView)
            .WithSummary("Find leads with the same email or phone (and possible matches by name and company)").Accepts<DuplicateCheckDocument>("application/json");
        leads.MapPut("/bulk-update", BulkUpdateAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Change owner, priority, stage or source of many leads").Accepts<BulkUpdateDocument>("application/json");
        leads.MapDelete("/bulk-delete", BulkDeleteAsync).RequireAuthorization(Permissions.LeadsDelete)
            .WithSummary("Move many leads to the trash").Accepts<BulkIdsDocument>("application/json");
        leads.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permissions.LeadsView)
            .WithSummary("Get a lead with its custom attributes and recent activity").Produces<ApiEnvelope<LeadResource>>();
        leads.MapPut("/{id:guid}", ReplaceAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Replace a lead's editable fields (fields left out are cleared)").Accepts<LeadWriteDocument>("application/json");
        leads.MapPatch("/{id:guid}", PatchAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Change some of a lead's fields (custom fields are merged; status moves the lead)").Accepts<LeadWriteDocument>("application/json");
        leads.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permissions.LeadsDelete).WithSummary("Move a lead to the trash");
        leads.MapPost("/{id:guid}/restore", RestoreAsync).RequireAuthorization(Permissions.LeadsDelete).WithSummary("Bring a lead back from the trash");
        leads.MapPost("/{id:guid}/erase", EraseAsync).RequireAuthorization(Permissions.SettingsAdmin)
            .WithSummary("Erase a person (admins, or tokens with settings:write)")
            .WithDescription("A data-subject request: deletes the lead for good (in the trash or not) with its notes, activities, history, documents and files, products and team, and blanks the person's email, phone and name in other leads' texts. Logged as an erasure that holds nothing about the person. Other leads with the same email or phone are listed, not erased.")
            .Produces<ApiEnvelope<ErasureResource>>();
        leads.MapPost("/{id:guid}/change-stage", ChangeStageAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Move a lead to another stage of its pipeline").Accepts<ChangeStageDocument>("application/json");
        leads.MapPost("/{id:guid}/disqualify", DisqualifyAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Disqualify a lead with a reason").Accepts<DisqualifyDocument>("application/json");
        leads.MapPut("/{id:guid}/status", SetStatusAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Set a simple status: a stage key, converted or lost").Accepts<StatusDocument>("application/json");
    }

    private static async Task<IResult> ListAsync(HttpContext context, LeadListService list, WorkspaceDirectory workspaces, PipelineDirectory pipelines,
        CancellationToken cancellationToken)
    {
        var parameters = LeadListParameters.Parse(context.Request.Query, await workspaces.CurrentSlugAsync(cancellationToken) ?? "");
        if (parameters.Query.StageKey is { } stageKey)
        {
            // A simple status is a stage key; one no lead pipeline has is a mistake (seed 003's "replied"), not an empty list.
            var keys = (await pipelines.LeadPipelinesAsync(cancellationToken)).SelectMany(p => p.Stages).Select(s => s.Key).Distinct().ToList();
            if (!keys.Contains(stageKey, StringComparer.Ordinal))
            {
                throw Validation.Error("status", $"Unknown status '{stageKey}'. Use one of: {string.Join(", ", keys.Append(SimpleStatus.Converted).Append(SimpleStatus.Lost).Append(SimpleStatus.Open).Append(SimpleStatus.Disqualified))}.");
            }
        }
        var slice = await list.SliceAsync(parameters.Query, parameters.Offset, parameters.Limit, parameters.Cursor, cancellationToken);
        return Results.Ok(new ApiListEnvelope<LeadSummary>(
            true,
            slice.Rows.Select(LeadSummary.From).ToList(),
            new ApiPagination(slice.Total, slice.Limit, parameters.Cursor is null ? slice.Offset : null,
                parameters.Cursor is null && slice.Offset % slice.Limit == 0 ? slice.Offset / slice.Limit + 1 : null, slice.HasMore, slice.NextCursor)));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, LeadService leads, ActivityService activities, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(id, cancellationToken: cancellationToken);
        var recent = await activities.ListAsync(id, 20, cancellationToken);
        context.Response.Headers.ETag = LeadResource.ETagOf(lead.Version);
        return Results.Ok(new ApiEnvelope<LeadResource>(true, LeadResource.From(lead, recent)));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, LeadService leads, SimpleStatus status, WorkspaceDirectory workspaces,
        CancellationToken cancellationToken)
    {
        var json = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        // Seed 003 names the workspace in the body; the lead goes to the token's (or user's) workspace, so another one is a mistake.
        if (ApiJson.TryGet(json, out var workspace, out var workspaceField, "workspace_slug", "workspace") && workspace.ValueKind != JsonValueKind.Null
            && !(workspace.ValueKind == JsonValueKind.String
                && string.Equals(workspace.GetString()?.Trim(), await workspaces.CurrentSlugAsync(cancellationToken), StringComparison.OrdinalIgnoreCase)))
        {
            throw Validation.Error(workspaceField, $"{workspaceField} must be the slug of the workspace you are working in.");
        }
        var body = LeadBody.Read(json);
        var id = await ApiTransaction.RunAsync(context, async () =>
        {
            var created = await leads.CreateAsync(body.ToNewLead(LeadChannel.Api), cancellationToken);
            if (body.Status.Value is { } simple)
            {
                await status.SetAsync(created, simple, cancellationToken);
            }
            return created;
        });
        var lead = await leads.GetAsync(id, cancellationToken: cancellationToken);
        context.Response.Headers.ETag = LeadResource.ETagOf(lead.Version);
        return Results.Created(ApiRoutes.Lead(id), new ApiEnvelope<LeadResource>(true, LeadResource.From(lead)));
    }

    private static Task<IResult> ReplaceAsync(Guid id, HttpContext context, LeadService leads, SimpleStatus status, CancellationToken cancellationToken) =>
        WriteAsync(id, context, leads, status, (body, current) => body.Replace(current), cancellationToken);

    private static Task<IResult> PatchAsync(Guid id, HttpContext context, LeadService leads, SimpleStatus status, CancellationToken cancellationToken) =>
        WriteAsync(id, context, leads, status, (body, current) => body.Merge(current), cancellationToken);

    private static async Task<IResult> WriteAsync(Guid id, HttpContext context, LeadService leads, SimpleStatus status,
        Func<LeadBody, LeadInput, LeadInput> change, CancellationToken cancellationToken)
    {
        var body = LeadBody.Read(await ApiJson.ReadObjectAsync(context.Request, cancellationToken));
        var current = await leads.GetAsync(id, cancellationToken: cancellationToken);
        var expected = IfMatch.Version(context.Request) ?? current.Version;
        await ApiTransaction.RunAsync(context, async () =>
        {
            await leads.UpdateAsync(id, change(body, current.ToInput()), expected, cancellationToken);
            if (body.Status.Value is { } simple)
            {
                await status.SetAsync(id, simple, cancellationToken);
            }
            return id;
        });
        return await CurrentAsync(id, context, leads, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, LeadService leads, CancellationToken cancellationToken)
    {
        await leads.DeleteAsync(id, IfMatch.Version(context.Request), cancellationToken);
        return Results.Ok(new { success = true });
    }

    private static async Task<IResult> RestoreAsync(Guid id, HttpContext context, LeadService leads, CancellationToken cancellationToken)
    {
        await leads.RestoreAsync(id, cancellationToken);
        return await CurrentAsync(id, context, leads, cancellationToken);
    }

    private static async Task<IResult> EraseAsync(Guid id, LeadErasureService erasure, CancellationToken cancellationToken)
    {
        var erased = await erasure.EraseAsync(id, cancellationToken: cancellationToken);
        return Results.Ok(new ApiEnvelope<ErasureResource>(true, new ErasureResource(erased.ErasureId, id, erased.ErasedAt, erased.MentionsErased, erased.SameContactLeadIds)));
    }

    private static async Task<IResult> ChangeStageAsync(Guid id, HttpContext context, LeadStageService stages, LeadService leads, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var stageId = ApiJson.RequiredId(body, "stageId");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (body.TryGetProperty("stageFieldValues", out var fields))
        {
            if (fields.ValueKind != JsonValueKind.Object)
            {
                throw Validation.Error("stageFieldValues", "stageFieldValues must be an object of field key: value.");
            }
            foreach (var field in fields.EnumerateObject())
            {
                values[field.Name] = field.Value.ValueKind switch
                {
                    JsonValueKind.String => field.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => field.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw Validation.Error(LeadStageService.ValueKey(field.Name), $"{field.Name} must be text, a number, a date or true/false."),
                };
            }
        }
        await stages.ChangeStageAsync(id, stageId, values, cancellationToken);
        return await CurrentAsync(id, context, leads, cancellationToken);
    }

    private static async Task<IResult> DisqualifyAsync(Guid id, HttpContext context, LeadService leads, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        await leads.DisqualifyAsync(id, ApiJson.Text(body, "reason"), ApiJson.Text(body, "notes"), cancellationToken);
        return await CurrentAsync(id, context, leads, cancellationToken);
    }

    private static async Task<IResult> SetStatusAsync(Guid id, HttpContext context, SimpleStatus status, LeadService leads, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var wanted = ApiJson.Text(body, "status") ?? throw Validation.Error("status", "Send the status, such as qualified or lost.");
        await ApiTransaction.RunAsync(context, async () =>
        {
            await status.SetAsync(id, wanted, cancellationToken); // reopening a lost lead and moving it are two saves
            return id;
        });
        return await CurrentAsync(id, context, leads, cancellationToken);
    }

    private static async Task<IResult> CheckDuplicatesAsync(HttpContext context, DuplicateFinder finder, CancellationToken cancellationToken)
    {
        var body = LeadBody.Read(await ApiJson.ReadObjectAsync(context.Request, cancellationToken));
        var matches = await finder.FindAsync(new DuplicateQuery(body.Email.Value, body.Phone.Value, body.FirstName.Value, body.LastName.Value, body.Company.Value), cancellationToken);
        return Results.Ok(new
        {
            duplicates = matches.Select(m => new
            {
                id = m.Id,
                firstName = m.Visible ? m.FirstName : null,
                lastName = m.Visible ? m.LastName : null,
                email = m.Visible ? m.Email : null,
                matchField = m.Match switch { DuplicateMatch.Email => "email", DuplicateMatch.Phone => "phone", _ => "name_company" },
                certain = m.IsCertain,
            }),
        });
    }

    private static async Task<IResult> BulkUpdateAsync(HttpContext context, BulkLeadService bulk, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var ids = ApiJson.Ids(body);
        if (!body.TryGetProperty("changes", out var changesJson) || changesJson.ValueKind != JsonValueKind.Object)
        {
            throw Validation.Error("changes", "Send changes: an object with assignedTo, priority, stageId or source.");
        }
        var changes = LeadBody.Read(changesJson);
        var result = await bulk.UpdateAsync(ids, new BulkChanges
        {
            OwnerId = changes.OwnerId.Value,
            Unassign = changes.OwnerId is { IsPresent: true, Value: null },
            Priority = changes.Priority.IsPresent ? changes.Priority.Value : null,
            StageId = changes.StageId.Value,
            Source = changes.Source.IsPresent ? changes.Source.Value ?? "" : null,
        }, cancellationToken);
        return Results.Ok(new { success = true, data = new { requested = result.Requested, updated = result.Affected } });
    }

    private static async Task<IResult> BulkDeleteAsync(HttpContext context, BulkLeadService bulk, CancellationToken cancellationToken)
    {
        var result = await bulk.DeleteAsync(ApiJson.Ids(await ApiJson.ReadObjectAsync(context.Request, cancellationToken)), cancellationToken);
        return Results.Ok(new { success = true, data = new { requested = result.Requested, deleted = result.Affected } });
    }

    private static async Task<IResult> CurrentAsync(Guid id, HttpContext context, LeadService leads, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(id, includeDeleted: true, cancellationToken);
        context.Response.Headers.ETag = LeadResource.ETagOf(lead.Version);
        return Results.Ok(new ApiEnvelope<LeadResource>(true, LeadResource.From(lead)));
    }
}
