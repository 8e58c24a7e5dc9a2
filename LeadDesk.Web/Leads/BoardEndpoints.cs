using FluentValidation;
using LeadDesk.Core.Board;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Components.Pages.Board;
using LeadDesk.Web.Components.Pages.Leads;
using LeadDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Leads;

/// <summary>The board's htmx and drag-and-drop endpoints.</summary>
internal static class BoardEndpoints
{
    public static void MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/board/cards", MoreCardsAsync).RequireAuthorization(Permissions.LeadsView);
        app.MapPost("/board/move", MoveAsync).RequireAuthorization(Permissions.LeadsEdit);
    }

    private static async Task<IResult> MoreCardsAsync(HttpContext context, BoardService boards, PipelineDirectory pipelines, CancellationToken cancellationToken)
    {
        var query = LeadQueryString.Parse(context.Request.Query);
        if (query.StageId is not { } stageId || await pipelines.StageAsync(stageId, cancellationToken) is not { } stage)
        {
            throw new NotFoundException("Stage");
        }
        var skip = int.TryParse(context.Request.Query["skip"], out var s) ? Math.Max(0, s) : 0;
        var total = int.TryParse(context.Request.Query["total"], out var t) ? Math.Max(0, t) : 0;
        var filter = query with { Status = null };
        var cards = await boards.MoreCardsAsync(stageId, filter, skip, cancellationToken);
        return new RazorComponentResult<BoardCards>(new
        {
            Cards = cards,
            StageId = stageId,
            StageName = stage.Name,
            Total = total,
            Shown = skip + cards.Count,
            Filter = (LeadFilter)(filter with { StageId = null }),
        });
    }

    /// <summary>
    /// A card dropped on another column: 200 with a message when moved; 422 with the dialog when the stage
    /// asks for details; 400 with the reason when the move is refused (the card then goes back).
    /// </summary>
    private static async Task<IResult> MoveAsync([FromForm] Guid leadId, [FromForm] Guid stageId, HttpContext context,
        LeadStageService stages, LeadService leads, PipelineDirectory pipelines, CancellationToken cancellationToken)
    {
        var values = StageFieldInputs.Read(context.Request.Form);
        try
        {
            var result = await stages.ChangeStageAsync(leadId, stageId, values, cancellationToken);
            var lead = await leads.GetAsync(leadId, cancellationToken: cancellationToken);
            return Results.Text(result.Moved ? $"{lead.FullName} moved to {result.ToStage}." : $"{lead.FullName} is already in {result.ToStage}.");
        }
        catch (ValidationException ex) when (ex.Errors.All(e => e.PropertyName.StartsWith("stageFieldValues.", StringComparison.Ordinal)))
        {
            var lead = await leads.GetAsync(leadId, cancellationToken: cancellationToken);
            var stage = await pipelines.StageAsync(stageId, cancellationToken);
            var fields = await stages.FieldValuesAsync(leadId, stageId, cancellationToken);
            // First time round the dialog just asks; after a submit it also says what is wrong.
            var asked = values.Count > 0;
            var dialog = new RazorComponentResult<StageMoveDialog>(new
            {
                LeadId = leadId,
                LeadName = lead.FullName,
                StageId = stageId,
                StageName = stage?.Name ?? "",
                Fields = fields.Select(f => f.Field).ToList(),
                Values = (IReadOnlyDictionary<string, string?>)fields.ToDictionary(f => f.Field.Key, f => values.GetValueOrDefault(f.Field.Key) ?? f.Value),
                Errors = asked ? ex.ByField() : new Dictionary<string, string[]>(),
            })
            { StatusCode = StatusCodes.Status422UnprocessableEntity };
            return dialog;
        }
        catch (ValidationException ex)
        {
            return Results.Text(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()), statusCode: StatusCodes.Status400BadRequest);
        }
        catch (ConflictException ex)
        {
            // The card goes back; the toast says someone else moved or changed the lead at the same moment.
            return Results.Text(UserProblem.Message(ex), statusCode: StatusCodes.Status409Conflict);
        }
    }
}
