using System.Globalization;
using System.Text;
using FluentValidation;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Pipelines;

/// <summary>A pipeline as an admin names it.</summary>
public sealed record PipelineInput(string? Name);

/// <summary>A stage as an admin sets it up. A new stage without a key gets one made from its name.</summary>
public sealed record StageInput
{
    public string? Name { get; init; }
    public string? Key { get; init; }
    /// <summary><c>#rrggbb</c>; a new stage without one takes the next colour of the palette.</summary>
    public string? Color { get; init; }
    /// <summary>Win probability, 0–100 %.</summary>
    public int Probability { get; init; }
    /// <summary>Days without activity after which a lead in the stage is rotting; null: never.</summary>
    public int? RottingDays { get; init; }
    /// <summary>Who owns a lead that enters the stage; null leaves the stage's rule as it is.</summary>
    public StageOwnershipRule? Ownership { get; init; }
}

/// <summary>
/// Who owns a lead once it enters a stage: its owner stays, <see cref="UserId"/> takes it, or the members with
/// <see cref="Role"/> take turns (round-robin, by every entry point that moves a lead).
/// </summary>
public sealed record StageOwnershipRule(StageOwnershipMode Mode, Guid? UserId = null, WorkspaceRole? Role = null)
{
    public static readonly StageOwnershipRule KeepOwner = new(StageOwnershipMode.KeepOwner);
}

public sealed class PipelineInputValidator : AbstractValidator<PipelineInput>
{
    public PipelineInputValidator()
    {
        RuleFor(p => p.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => Messages.T("Enter the pipeline's name."))
            .MaximumLength(Pipeline.NameMaxLength).WithName(_ => Messages.T("Name"));
    }
}

/// <summary>
/// A stage's name, key, colour, probability and rotting days. The key is what the API and imports call the stage, so it
/// is kept plain (lower-case letters, digits, underscores) and never one of the lifecycle words a closed lead reports.
/// </summary>
public sealed class StageInputValidator : AbstractValidator<StageInput>
{
    public static readonly IReadOnlyList<string> ReservedKeys = [SimpleStatus.Converted, SimpleStatus.Lost, SimpleStatus.Open, SimpleStatus.Disqualified];

    public StageInputValidator()
    {
        RuleFor(s => s.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => Messages.T("Enter the stage's name."))
            .MaximumLength(Stage.NameMaxLength).WithName(_ => Messages.T("Name"));
        RuleFor(s => s.Key)
            .MaximumLength(Stage.KeyMaxLength).WithName(_ => Messages.T("Key"))
            .Must(StageKeys.IsWellFormed).WithMessage(_ => Messages.T("A key starts with a letter and has only lower-case letters, digits and underscores, like qualified_lead."))
            .Must(key => !ReservedKeys.Contains(key)).WithMessage(s => Messages.T("“{0}” is what closed leads report; choose another key.", s.Key!))
            .When(s => s.Key is not null);
        RuleFor(s => s.Color)
            .Must(StageColors.IsWellFormed).WithMessage(_ => Messages.T("Choose a colour like #1f77b4."))
            .When(s => s.Color is not null);
        RuleFor(s => s.Probability)
            .InclusiveBetween(0, 100).WithMessage(_ => Messages.T("A win probability is between 0 and 100 %."));
        RuleFor(s => s.RottingDays)
            .InclusiveBetween(1, Stage.MaxRottingDays).WithMessage(_ => Messages.T("Rotting days are between 1 and {0:N0}; leave it empty for never.", Stage.MaxRottingDays))
            .When(s => s.RottingDays is not null);
    }
}

/// <summary>Stage keys: their form, and one made from a stage's name ("Proposta enviada" → proposta_enviada).</summary>
public static class StageKeys
{
    public static bool IsWellFormed(string? key) =>
        !string.IsNullOrEmpty(key) && key[0] is >= 'a' and <= 'z' && key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    /// <summary>A well-formed key from <paramref name="name"/> that is not in <paramref name="taken"/> (nor reserved).</summary>
    public static string From(string name, IReadOnlyCollection<string> taken)
    {
        var key = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                key.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && key.Length > 0 && key[^1] != '_')
            {
                key.Append('_'); // spaces and punctuation; accents are dropped
            }
        }
        var stem = key.ToString().Trim('_');
        stem = stem.Length == 0 ? "stage" : char.IsAsciiLetterLower(stem[0]) ? stem : "stage_" + stem;
        stem = stem[..Math.Min(stem.Length, Stage.KeyMaxLength - 4)];
        var candidate = stem;
        for (var n = 2; taken.Contains(candidate) || StageInputValidator.ReservedKeys.Contains(candidate); n++)
        {
            candidate = $"{stem}_{n}";
        }
        return candidate;
    }
}

/// <summary>Stage colours: <c>#rrggbb</c>, and the palette new stages take in turn.</summary>
public static class StageColors
{
    public static readonly IReadOnlyList<string> Palette = ["#1f77b4", "#17becf", "#2ca02c", "#bcbd22", "#ff7f0e", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static bool IsWellFormed(string? color) =>
        color is { Length: 7 } && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit);
}
