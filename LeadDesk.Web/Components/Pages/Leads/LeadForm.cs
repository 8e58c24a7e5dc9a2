using System.Globalization;
using System.Text.Json;
using FluentValidation.Results;
using LeadDesk.Core.Leads;
using LeadDesk.Web.Components.Shared;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>
/// What the new-lead and overview forms post: text as typed, so a bad number comes back to the user as
/// they typed it with a message, rather than being lost in binding. Amounts are written and read in the user's
/// language ("25,000.50", "25.000,50").
/// </summary>
public sealed class LeadForm
{
    public const int CustomFieldRows = 3;

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Company { get; set; }
    public string? Title { get; set; }
    public string? Source { get; set; }
    public string? Description { get; set; }
    public string Priority { get; set; } = nameof(LeadPriority.Medium);
    public string? EstimatedValue { get; set; }
    public string? Score { get; set; }
    public string? OwnerId { get; set; }
    public bool ValueFromProducts { get; set; }
    /// <summary>New leads only: the stage to start in.</summary>
    public string? StageId { get; set; }
    /// <summary>New leads only: create even though a lead with this email or phone exists.</summary>
    public bool CreateDuplicate { get; set; }
    /// <summary>Overview only: the version the form was loaded at, for conflict detection.</summary>
    public int Version { get; set; }
    public List<CustomFieldRow> CustomFields { get; set; } = [];

    public static LeadForm From(LeadDetails lead) => new()
    {
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Email = lead.Email,
        Phone = lead.Phone,
        Company = lead.Company,
        Title = lead.Title,
        Source = lead.Source,
        Description = lead.Description,
        Priority = lead.Priority.ToString(),
        EstimatedValue = lead.EstimatedValue?.ToString("0.##", CultureInfo.CurrentCulture),
        Score = lead.Score.ToString(CultureInfo.InvariantCulture),
        OwnerId = lead.OwnerId?.ToString(),
        ValueFromProducts = lead.ValueFromProducts,
        Version = lead.Version,
        CustomFields = [.. lead.CustomFields.Select(f => new CustomFieldRow { Key = f.Key, Value = Core.Leads.CustomFields.Display(f.Value) })],
    };

    /// <summary>Blank rows so a new custom field can be added without JavaScript.</summary>
    public void PadCustomFields()
    {
        var blanks = CustomFields.Count(f => string.IsNullOrWhiteSpace(f.Key));
        for (var i = blanks; i < CustomFieldRows; i++)
        {
            CustomFields.Add(new CustomFieldRow());
        }
    }

    /// <summary>The typed values as the service's input; what does not parse is reported in <paramref name="errors"/>.</summary>
    public TInput ToInput<TInput>(TInput blank, List<ValidationFailure> errors) where TInput : LeadInput
    {
        decimal? value = null;
        if (!string.IsNullOrWhiteSpace(EstimatedValue))
        {
            if (TypedNumber.TryRead(EstimatedValue, out var parsed))
            {
                value = parsed;
            }
            else
            {
                errors.Add(new ValidationFailure(nameof(EstimatedValue), T("Enter an amount, like 25000 or 25,000.50.")));
            }
        }
        int? score = null;
        if (!string.IsNullOrWhiteSpace(Score))
        {
            if (int.TryParse(Score, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                score = parsed;
            }
            else
            {
                errors.Add(new ValidationFailure(nameof(Score), T("Enter a whole number from 0 to 100.")));
            }
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var row in CustomFields.Where(r => !string.IsNullOrWhiteSpace(r.Key)))
        {
            if (!string.IsNullOrWhiteSpace(row.Value))
            {
                fields[row.Key!.Trim()] = Core.Leads.CustomFields.Text(row.Value.Trim());
            }
        }
        return blank with
        {
            FirstName = FirstName,
            LastName = LastName,
            Email = Email,
            Phone = Phone,
            Company = Company,
            Title = Title,
            Source = Source,
            Description = Description,
            Priority = Enum.TryParse<LeadPriority>(Priority, out var priority) ? priority : (LeadPriority)(-1),
            EstimatedValue = value,
            Score = score,
            OwnerId = Guid.TryParse(OwnerId, out var owner) ? owner : null,
            ValueFromProducts = ValueFromProducts,
            CustomFields = fields,
        };
    }
}

public sealed class CustomFieldRow
{
    public string? Key { get; set; }
    public string? Value { get; set; }
}
