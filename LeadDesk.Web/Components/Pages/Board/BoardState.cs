using LeadDesk.Core.Board;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Components.Pages.Board;

/// <summary>What the board page reads in one operation; handed from the prerender to the circuit ([PersistentState]).</summary>
public sealed record BoardData(PipelineBoard? Board, IReadOnlyList<PipelineInfo> Pipelines, IReadOnlyList<Member> Members, IReadOnlyList<string> Sources);

/// <summary>A card on the board: the same instance while the lead stays on the board, whatever column it moves to.</summary>
public sealed class BoardCardItem(BoardCard card, Guid stageId)
{
    public BoardCard Card { get; set; } = card;
    public Guid StageId { get; set; } = stageId;
}

/// <summary>A column's figures for all its open leads (not just the cards shown), kept current as cards move.</summary>
public sealed class BoardColumnState(StageInfo stage, int count, decimal value, bool hasRequiredFields)
{
    public StageInfo Stage { get; } = stage;
    public int Count { get; set; } = count;
    public decimal Value { get; set; } = value;
    public bool HasRequiredFields { get; } = hasRequiredFields;
}

/// <summary>The answer of <see cref="MoveLeadDialog"/>: the lead is now in <paramref name="StageId"/>.</summary>
public sealed record LeadMoved(Guid StageId, StageChangeResult Result);
