using System.Text.Json;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Api;

/// <summary>A lead's notes, activities, history, documents, products and team (seed 004).</summary>
internal static class LeadPartsApi
{
    public static void MapLeadPartsApi(this RouteGroupBuilder api)
    {
        var lead = api.MapGroup("/leads/{id:guid}").WithTags("Lead notes, activities and history");
        lead.MapGet("/notes", async (Guid id, NoteService notes, CancellationToken ct) => Ok(await notes.ListAsync(id, ct)))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("A lead's notes, newest first");
        lead.MapPost("/notes", AddNoteAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Add a note").Accepts<NoteDocument>("application/json").Produces<ApiEnvelope<NoteView>>(StatusCodes.Status201Created);
        lead.MapPut("/notes/{noteId:guid}", EditNoteAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Edit a note (its author, or an admin)").Accepts<NoteDocument>("application/json");
        lead.MapDelete("/notes/{noteId:guid}", async (Guid id, Guid noteId, NoteService notes, CancellationToken ct) =>
            {
                await notes.DeleteAsync(id, noteId, ct);
                return Results.Ok(new { success = true });
            })
            .RequireAuthorization(Permissions.LeadsEdit).WithSummary("Delete a note (its author, or an admin)");
        lead.MapGet("/activities", async (Guid id, ActivityService activities, CancellationToken ct) => Ok(await activities.ListAsync(id, 200, ct)))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("A lead's timeline, newest first (200 at most)");
        lead.MapPost("/activities", LogActivityAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Log a call, email or meeting").Accepts<ActivityDocument>("application/json");
        lead.MapGet("/history", async (Guid id, HistoryService history, CancellationToken ct) => Ok(await history.ListAsync(id, 500, ct)))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("Every change to a lead, newest first (500 at most)");

        var documents = api.MapGroup("/leads/{id:guid}/documents").WithTags("Lead documents");
        documents.MapGet("", async (Guid id, DocumentService docs, CancellationToken ct) => Ok(await docs.ListAsync(id, ct)))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("A lead's documents");
        documents.MapPost("", UploadAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Upload a document (multipart/form-data, field 'file', up to 10 MB)")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(LeadDocument.MaxSizeBytes + 64 * 1024));
        documents.MapGet("/{documentId:guid}", async (Guid id, Guid documentId, DocumentService docs, CancellationToken ct) =>
            {
                var download = await docs.OpenAsync(id, documentId, ct);
                return Results.Stream(download.Content, download.ContentType, download.FileName);
            })
            .RequireAuthorization(Permissions.LeadsView).WithSummary("Download a document (as an attachment)");
        documents.MapDelete("/{documentId:guid}", async (Guid id, Guid documentId, DocumentService docs, CancellationToken ct) =>
            {
                await docs.DeleteAsync(id, documentId, ct);
                return Results.Ok(new { success = true });
            })
            .RequireAuthorization(Permissions.LeadsEdit).WithSummary("Delete a document");

        var products = api.MapGroup("/leads/{id:guid}/products").WithTags("Lead products");
        products.MapGet("", async (Guid id, ProductService service, CancellationToken ct) => Ok((await service.ListAsync(id, ct)).Select(LeadProductLine.From).ToList()))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("A lead's product lines");
        products.MapPost("", AddProductAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Add a product line (unit price defaults to the catalog's)").Accepts<ProductLineDocument>("application/json");
        products.MapPut("/{productId:guid}", UpdateProductAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Change a product line (productId is the line's id)").Accepts<ProductLineDocument>("application/json");
        products.MapDelete("/{productId:guid}", async (Guid id, Guid productId, ProductService service, CancellationToken ct) =>
            {
                await service.RemoveAsync(id, productId, ct);
                return Results.Ok(new { success = true });
            })
            .RequireAuthorization(Permissions.LeadsEdit).WithSummary("Remove a product line");

        var team = api.MapGroup("/leads/{id:guid}/team").WithTags("Lead team");
        team.MapGet("", async (Guid id, TeamService service, CancellationToken ct) => Ok(await service.ListAsync(id, ct)))
            .RequireAuthorization(Permissions.LeadsView).WithSummary("Who works the lead, in which team role");
        team.MapPost("", AddTeamMemberAsync).RequireAuthorization(Permissions.LeadsEdit)
            .WithSummary("Add a workspace member to the lead's team").Accepts<TeamMemberDocument>("application/json");
        team.MapDelete("/{userId:guid}", async (Guid id, Guid userId, TeamService service, CancellationToken ct) =>
            {
                await service.RemoveAsync(id, userId, ct);
                return Results.Ok(new { success = true });
            })
            .RequireAuthorization(Permissions.LeadsEdit).WithSummary("Remove someone from the lead's team");
    }

    private static IResult Ok<T>(IReadOnlyList<T> items) => Results.Ok(new ApiEnvelope<IReadOnlyList<T>>(true, items));

    private static async Task<IResult> AddNoteAsync(Guid id, HttpContext context, NoteService notes, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var noteId = await notes.AddAsync(id, ApiJson.Text(body, "body") ?? ApiJson.Text(body, "content") ?? ApiJson.Text(body, "text"), cancellationToken);
        var note = (await notes.ListAsync(id, cancellationToken)).First(n => n.Id == noteId);
        return Results.Created($"{ApiRoutes.Lead(id)}/notes/{noteId}", new ApiEnvelope<NoteView>(true, note));
    }

    private static async Task<IResult> EditNoteAsync(Guid id, Guid noteId, HttpContext context, NoteService notes, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        await notes.EditAsync(id, noteId, ApiJson.Text(body, "body"), cancellationToken);
        return Results.Ok(new ApiEnvelope<NoteView>(true, (await notes.ListAsync(id, cancellationToken)).First(n => n.Id == noteId)));
    }

    private static async Task<IResult> LogActivityAsync(Guid id, HttpContext context, ActivityService activities, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var type = ApiJson.Text(body, "type") is { } text && Enum.TryParse<ActivityType>(text, ignoreCase: true, out var parsed) ? parsed : (ActivityType)(-1);
        var activityId = await activities.LogAsync(id, new LogActivity(type, ApiJson.Text(body, "title"), ApiJson.Text(body, "details"), ApiJson.Time(body, "occurredAt")), cancellationToken);
        var logged = (await activities.ListAsync(id, 1000, cancellationToken)).First(a => a.Id == activityId);
        return Results.Created($"{ApiRoutes.Lead(id)}/activities", new ApiEnvelope<ActivityView>(true, logged));
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext context, DocumentService documents, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            throw Validation.Error("file", "Upload as multipart/form-data with the file in a field named 'file'.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw Validation.Error("file", "Upload the file in a field named 'file'.");
        await using var content = file.OpenReadStream();
        var documentId = await documents.UploadAsync(id, file.FileName, file.ContentType, content, cancellationToken);
        var document = (await documents.ListAsync(id, cancellationToken)).First(d => d.Id == documentId);
        return Results.Created($"{ApiRoutes.Lead(id)}/documents/{documentId}", new ApiEnvelope<DocumentView>(true, document));
    }

    private static async Task<IResult> AddProductAsync(Guid id, HttpContext context, ProductService products, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var lineId = await products.AddAsync(id, LineOf(body, ApiJson.RequiredId(body, "productId")), cancellationToken);
        var line = (await products.ListAsync(id, cancellationToken)).First(l => l.Id == lineId);
        return Results.Created($"{ApiRoutes.Lead(id)}/products/{lineId}", new ApiEnvelope<LeadProductLine>(true, LeadProductLine.From(line)));
    }

    private static async Task<IResult> UpdateProductAsync(Guid id, Guid productId, HttpContext context, ProductService products, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        await products.UpdateAsync(id, productId, LineOf(body, Guid.Empty), cancellationToken);
        return Results.Ok(new ApiEnvelope<LeadProductLine>(true, LeadProductLine.From((await products.ListAsync(id, cancellationToken)).First(l => l.Id == productId))));
    }

    private static ProductLineInput LineOf(JsonElement body, Guid productId) => new(
        productId,
        ApiJson.Number(body, "quantity") ?? 1,
        ApiJson.Number(body, "unitPrice"),
        ApiJson.Number(body, "discount") ?? ApiJson.Number(body, "discountPercent") ?? 0);

    private static async Task<IResult> AddTeamMemberAsync(Guid id, HttpContext context, TeamService team, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var userId = ApiJson.RequiredId(body, "userId");
        await team.AddAsync(id, userId, ApiJson.Text(body, "role") ?? ApiJson.Text(body, "roleId"), cancellationToken);
        var member = (await team.ListAsync(id, cancellationToken)).First(m => m.UserId == userId);
        return Results.Created($"{ApiRoutes.Lead(id)}/team/{userId}", new ApiEnvelope<TeamMemberView>(true, member));
    }
}
