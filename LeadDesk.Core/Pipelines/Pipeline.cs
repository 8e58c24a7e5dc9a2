using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Pipelines;

public enum StageOwnershipMode
{
    KeepOwner = 0,
    AssignUser = 1,
    RoundRobin = 2,
}

public enum PipelineModule
{
    Leads = 0,
    Opportunities = 1,
}

/// <summary>An ordered set of stages that leads (or opportunities) move through.</summary>
public class Pipeline : WorkspaceEntity
{
    public const int NameMaxLength = 120;

    private readonly List<Stage> _stages = [];

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; set; }
    public PipelineModule Module { get; private set; }
    public bool IsDefault { get; set; }
    public int SortOrder { get; set; }

    public IReadOnlyList<Stage> Stages => _stages;

    public Pipeline(string name, PipelineModule module)
    {
        Name = name;
        Module = module;
    }

    public Stage AddStage(string key, string name, string color, int probability)
    {
        var stage = new Stage(Id, key, name, color, probability) { SortOrder = _stages.Count };
        _stages.Add(stage);
        return stage;
    }
}

public class Stage : WorkspaceEntity
{
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 120;
    public const int ColorMaxLength = 16;

    public const int MaxRottingDays = 3650;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid PipelineId { get; private set; }
    /// <summary>Stable machine name, unique in its pipeline; also the "simple status" of an open lead in this stage (seeds 000–002).</summary>
    public string Key { get; set; }
    public string Name { get; set; }
    /// <summary>CSS colour, <c>#rrggbb</c>.</summary>
    public string Color { get; set; }
    /// <summary>Win probability in percent, 0–100.</summary>
    public int Probability { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Days without activity after which an open lead in this stage is rotting; null: it never rots.</summary>
    public int? RottingDays { get; set; }

    /// <summary>What happens to the owner when a lead enters this stage.</summary>
    public StageOwnershipMode OwnershipMode { get; set; }
    /// <summary>The user every entering lead is given, with <see cref="StageOwnershipMode.AssignUser"/>.</summary>
    public Guid? OwnershipUserId { get; set; }
    /// <summary>The role whose members take turns, with <see cref="StageOwnershipMode.RoundRobin"/>.</summary>
    public WorkspaceRole? OwnershipRole { get; set; }
    /// <summary>Round-robin state: who was given the last lead.</summary>
    public Guid? LastAssignedUserId { get; set; }

    public Stage(Guid pipelineId, string key, string name, string color, int probability)
    {
        PipelineId = pipelineId;
        Key = key;
        Name = name;
        Color = color;
        Probability = probability;
    }
}
