using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Leads;

/// <summary>
/// A prospective customer working through a pipeline. The row holds the whole field set of
/// DESIGN.md §3 so the UI and the API are built on its real shape from the start.
/// </summary>
public class Lead : SoftDeletableEntity
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    /// <summary>Stored normalised (trimmed, lower case).</summary>
    public string? Email { get; set; }
    /// <summary>Stored in E.164 (<see cref="PhoneFormat"/>): <c>+</c>, country code and number.</summary>
    public string? Phone { get; set; }
    public string? Company { get; set; }
    /// <summary>Optional link to an account (seed 002 <c>company_id</c>); accounts arrive with conversion.</summary>
    public Guid? AccountId { get; set; }
    public string? Title { get; set; }
    public string? Source { get; set; }
    public LeadChannel Channel { get; set; }

    public Guid PipelineId { get; set; }
    public Guid StageId { get; set; }
    /// <summary>Open until <see cref="Disqualify"/> or <see cref="Convert"/>; <see cref="Reopen"/> opens it again.</summary>
    public LeadStatus Status { get; private set; }
    public LeadPriority Priority { get; set; } = LeadPriority.Medium;
    public decimal? EstimatedValue { get; set; }
    /// <summary>When set, <see cref="EstimatedValue"/> is the sum of the lead's product lines.</summary>
    public bool ValueFromProducts { get; set; }
    public int Score { get; set; }
    public bool ScoreIsManual { get; set; }
    public bool IsQualified { get; set; }
    public Guid? OwnerId { get; set; }
    public string? Description { get; set; }
    /// <summary>A JSON object of scalar values (seed 001 <c>custom_fields</c>, 003 <c>attributes</c>, 004 <c>customFields</c>).</summary>
    public string CustomFieldsJson { get; set; } = "{}";

    public DateTime? LastContactAt { get; set; }
    public DateTime? SlaDeadlineAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }

    public DateTime? ConvertedAt { get; private set; }
    public Guid? ConvertedContactId { get; set; }
    public Guid? ConvertedAccountId { get; set; }
    public Guid? ConvertedOpportunityId { get; set; }
    public string? DisqualificationReason { get; private set; }
    public string? DisqualificationNotes { get; private set; }
    public DateTime? DisqualifiedAt { get; private set; }

    /// <summary>Optimistic concurrency token, bumped on every save by the auditing interceptor.</summary>
    public int Version { get; private set; }

    /// <summary>Lower-cased name, email, company and phone in one column, kept current on every save.</summary>
    public string SearchText { get; private set; } = "";

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>
    /// Copies the editable fields, normalising email and phone (numbers without a country code are from
    /// <paramref name="phoneRegion"/>, the workspace's). Stage, status and ownership rules live elsewhere.
    /// </summary>
    public void Apply(LeadInput input, string phoneRegion)
    {
        FirstName = (input.FirstName ?? "").Trim();
        LastName = (input.LastName ?? "").Trim();
        Email = ContactNormalizer.Email(input.Email);
        // The stored number sent back as it is stays as it is, even one stored before E.164 that no longer reads.
        Phone = input.Phone == Phone ? Phone : PhoneFormat.ToE164(input.Phone, phoneRegion);
        Company = Blank(input.Company);
        Title = Blank(input.Title);
        Source = Blank(input.Source);
        Description = Blank(input.Description);
        Priority = input.Priority;
        OwnerId = input.OwnerId;
        ValueFromProducts = input.ValueFromProducts;
        if (!ValueFromProducts)
        {
            EstimatedValue = input.EstimatedValue;
        }
        if (input.Score is { } score)
        {
            ScoreIsManual = ScoreIsManual || score != Score;
            Score = score;
        }
        CustomFieldsJson = CustomFields.Serialize(input.CustomFields);
    }

    public void MoveTo(Stage stage)
    {
        PipelineId = stage.PipelineId;
        StageId = stage.Id;
    }

    public void Disqualify(string reason, string? notes, DateTime now)
    {
        Status = LeadStatus.Disqualified;
        DisqualificationReason = reason;
        DisqualificationNotes = Blank(notes);
        DisqualifiedAt = now;
    }

    /// <summary>
    /// Records the outcome on the lead; the contact, account and opportunity it becomes arrive with the conversion
    /// feature (DESIGN.md §3).
    /// </summary>
    public void Convert(DateTime now)
    {
        Status = LeadStatus.Converted;
        ConvertedAt = now;
    }

    public void Reopen()
    {
        Status = LeadStatus.Open;
        DisqualificationReason = null;
        DisqualificationNotes = null;
        DisqualifiedAt = null;
    }

    internal void BumpVersion() => Version++;

    /// <summary>Called on every save (by the auditing interceptor), so no entry point can leave search stale.</summary>
    public void RefreshSearchText() => SearchText = SearchTextOf(FirstName, LastName, Email, Company, Phone);

    /// <summary>The search text of a lead with these contact fields (also written by set-based updates that skip the entity).</summary>
    public static string SearchTextOf(string firstName, string lastName, string? email, string? company, string? phone)
    {
        var text = string.Join(' ', new[] { firstName, lastName, email, company, phone }.Where(p => !string.IsNullOrEmpty(p)))
            .ToLowerInvariant();
        return text.Length <= LeadLimits.SearchTextMaxLength ? text : text[..LeadLimits.SearchTextMaxLength];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
