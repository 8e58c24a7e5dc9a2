using System.Text.Json;
using FluentValidation;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Api;

/// <summary>
/// A lead in seed 000's shape (<c>_id</c>, <c>name</c>, <c>status</c>, <c>tenant</c>, <c>createdBy</c>…), carrying
/// seed 001's names too (<c>id</c>, <c>phone_number</c>, <c>type</c>, <c>agent_id</c>, <c>custom_fields</c>, <c>created_at</c>)
/// so a client of either reads what it expects.
/// </summary>
public sealed class ExternalLead
{
    [System.Text.Json.Serialization.JsonPropertyName("_id")] public Guid UnderscoreId { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("phone_number")] public string? PhoneNumber { get; init; }
    public string? Source { get; init; }
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public int Score { get; init; }
    public DateTime LastContact { get; init; }
    public string? Notes { get; init; }
    public string Tenant { get; init; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("agent_id")] public Guid? AgentId { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("custom_fields")] public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = Core.Leads.CustomFields.Empty;
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("created_at")] public DateTime CreatedAtSnake => CreatedAt;
    [System.Text.Json.Serialization.JsonPropertyName("updated_at")] public DateTime UpdatedAtSnake => UpdatedAt;

    public static ExternalLead From(LeadDetails lead, string tenant) => new()
    {
        UnderscoreId = lead.Id,
        Id = lead.Id,
        Name = lead.FullName,
        Email = lead.Email,
        Phone = lead.Phone,
        PhoneNumber = lead.Phone?.TrimStart('+'),
        Source = lead.Source,
        Type = lead.Channel.ToString().ToLowerInvariant(),
        Status = SimpleStatus.Of(lead.Status, lead.StageKey),
        Score = lead.Score,
        // Seed 000 always has a date here: a lead nobody has contacted yet was last in touch when it was captured.
        LastContact = lead.LastContactAt ?? lead.CreatedAt,
        Notes = lead.Description,
        Tenant = tenant,
        AgentId = lead.OwnerId,
        CustomFields = lead.CustomFields,
        CreatedBy = lead.CreatedByName ?? "api-token",
        CreatedAt = lead.CreatedAt,
        UpdatedAt = lead.UpdatedAt,
    };
}

/// <summary>
/// <c>/api/external/v1/leads</c>: seed 000's capture contract exactly (a JSON array, 201/200, <c>{ "success": true }</c>,
/// errors as <c>{ "success": false, "error": … }</c> with 400/403/404), plus seed 001's fields and duplicate rule
/// and <c>Idempotency-Key</c> for safe retries. Tokens only: the sign-in cookie does not reach it.
/// </summary>
internal static class ExternalLeadsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static void MapExternalLeadsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup(ApiRoutes.ExternalLeads).WithTags("External capture API").DisableAntiforgery()
            .RequireRateLimiting(ApiRateLimiting.Policy);
        leads.MapGet("", ListAsync).RequireAuthorization(ApiSetup.TokenPolicy(Permissions.LeadsView))
            .WithSummary("Leads, newest first, as a JSON array (limit 1–500, default 100; offset; X-Total-Count header)")
            .Produces<List<ExternalLead>>();
        leads.MapPost("", CreateAsync).RequireAuthorization(ApiSetup.TokenPolicy(Permissions.LeadsCreate))
            .WithSummary("Capture a lead: 201 with the new lead, or 200 with the existing one when its email or phone is known")
            .Accepts<ExternalLeadDocument>("application/json").Produces<ExternalLead>(StatusCodes.Status201Created).Produces<ExternalLead>();
        leads.MapPut("/{id:guid}/status", SetStatusAsync).RequireAuthorization(ApiSetup.TokenPolicy(Permissions.LeadsEdit))
            .WithSummary("Set the status (a stage key, converted or lost)").Accepts<StatusDocument>("application/json").Produces<ExternalLead>();
        leads.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(ApiSetup.TokenPolicy(Permissions.LeadsEdit))
            .WithSummary("Update a lead (full or partial fields)").Accepts<ExternalLeadDocument>("application/json").Produces<ExternalLead>();
        leads.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(ApiSetup.TokenPolicy(Permissions.LeadsDelete))
            .WithSummary("Delete a lead (it goes to the trash)");
    }

    private static async Task<IResult> ListAsync(HttpContext context, LeadListService list, LeadService leads, CancellationToken cancellationToken)
    {
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? Math.Clamp(l, 1, MaxLimit) : DefaultLimit;
        var offset = int.TryParse(context.Request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        var slice = await list.SliceAsync(new LeadListQuery(), offset, limit, null, cancellationToken);
        context.Response.Headers["X-Total-Count"] = slice.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tenant = Tenant(context);
        var details = await leads.GetManyAsync([.. slice.Rows.Select(r => r.Id)], cancellationToken);
        return Results.Ok(details.Select(lead => ExternalLead.From(lead, tenant)).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpContext context, LeadCapture capture, ICurrentActor actor, LeadIntake intake, LeadService leads,
        SimpleStatus status, IdempotencyStore idempotency, IValidator<NewLead> validator, CancellationToken cancellationToken)
    {
        var json = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var body = LeadBody.Read(json);
        // Seed 000: a name, and an email or phone, or 400 — checked before the duplicate rule, so an invalid
        // payload is refused even when it names a known lead.
        await validator.ValidateAndThrowAsync(body.ToNewLead(LeadChannel.Api), cancellationToken);

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        Guid? recordId = null;
        if (key.Length > 0)
        {
            var begun = await idempotency.BeginAsync(key, context.Request.Method, context.Request.Path, json.GetRawText(), cancellationToken);
            if (begun is IdempotencyOutcome.Replay replay)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(replay.Body, "application/json", statusCode: replay.StatusCode);
            }
            recordId = ((IdempotencyOutcome.Proceed)begun).RecordId;
        }
        var render = Renderer(context);
        try
        {
            var result = body.Status.Value is not { } simple
                // The common case goes through the batched writer (group commit), the fast path for bulk capture.
                ? await capture.CaptureAsync(actor.WorkspaceId!.Value, actor.TokenId, body.ToNewLead(LeadChannel.Api),
                    recordId is { } id ? new IdempotentAnswer(id, render) : null, cancellationToken)
                : await CaptureWithStatusAsync(context, body, simple, recordId, intake, leads, status, idempotency, render, cancellationToken);
            if (result.Created)
            {
                context.Response.Headers.Location = $"{ApiRoutes.ExternalLeads}/{result.Lead.Id}";
            }
            var (code, answer) = render(result);
            return Results.Content(answer, "application/json", statusCode: code);
        }
        catch when (recordId is { } id)
        {
            await idempotency.AbandonAsync(id, CancellationToken.None);
            throw;
        }
    }

    // With a status, the lead is created and moved in one transaction (a status it cannot take creates nothing), under the
    // same duplicate rule as the batched writer; a known email or phone answers with that lead, its status unchanged.
    private static Task<CaptureResult> CaptureWithStatusAsync(HttpContext context, LeadBody body, string simple, Guid? recordId, LeadIntake intake,
        LeadService leads, SimpleStatus status, IdempotencyStore idempotency, Func<CaptureResult, (int, string)> render, CancellationToken cancellationToken) =>
        ApiTransaction.RunAsync(context, async () =>
        {
            var added = await intake.AddAsync(body.ToNewLead(LeadChannel.Api), DuplicateRule.UseExisting, cancellationToken);
            if (added.Created)
            {
                await status.SetAsync(added.LeadId, simple, cancellationToken);
            }
            var result = new CaptureResult(await leads.GetAsync(added.LeadId, cancellationToken: cancellationToken), added.Created);
            if (recordId is { } id)
            {
                var (code, answer) = render(result);
                await idempotency.CompleteAsync(id, code, answer, cancellationToken);
            }
            return result;
        });

    /// <summary>Seed 001: 201 with a new lead, 200 with the existing one; the body in seed 000's shape.</summary>
    private static Func<CaptureResult, (int, string)> Renderer(HttpContext context)
    {
        var tenant = Tenant(context);
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return result => (result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            JsonSerializer.Serialize(ExternalLead.From(result.Lead, tenant), options));
    }

    /// <summary>The token's workspace slug (this API takes tokens only).</summary>
    private static string Tenant(HttpContext context) => context.User.FindFirst(ApiTokenAuthenticationHandler.WorkspaceSlugClaim)?.Value ?? "";

    private static async Task<IResult> SetStatusAsync(Guid id, HttpContext context, SimpleStatus status, LeadService leads, CancellationToken cancellationToken)
    {
        var json = await ApiJson.ReadObjectAsync(context.Request, cancellationToken);
        var wanted = ApiJson.Text(json, "status") ?? throw LeadDesk.Core.Common.Validation.Error("status", "status is required.");
        await ApiTransaction.RunAsync(context, async () =>
        {
            await status.SetAsync(id, wanted, cancellationToken); // reopening a lost lead and moving it are two saves
            return id;
        });
        return Results.Ok(ExternalLead.From(await leads.GetAsync(id, cancellationToken: cancellationToken), Tenant(context)));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext context, LeadService leads, SimpleStatus status, CancellationToken cancellationToken)
    {
        var body = LeadBody.Read(await ApiJson.ReadObjectAsync(context.Request, cancellationToken));
        var current = await leads.GetAsync(id, cancellationToken: cancellationToken);
        // The merge is onto what was read: if another integration saved in between, this one is refused (409), not
        // silently written over it. If-Match (the version a client read earlier) is honoured too.
        var expected = IfMatch.Version(context.Request) ?? current.Version;
        await ApiTransaction.RunAsync(context, async () =>
        {
            await leads.UpdateAsync(id, body.Merge(current.ToInput()), expected, cancellationToken);
            if (body.Status.Value is { } simple)
            {
                await status.SetAsync(id, simple, cancellationToken); // a status the lead cannot take undoes the update
            }
            return id;
        });
        return Results.Ok(ExternalLead.From(await leads.GetAsync(id, cancellationToken: cancellationToken), Tenant(context)));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, LeadService leads, CancellationToken cancellationToken)
    {
        await leads.DeleteAsync(id, IfMatch.Version(context.Request), cancellationToken);
        return Results.Ok(new { success = true });
    }
}
