using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using LeadDesk.Core.Leads;

namespace LeadDesk.Web.Api;

/// <summary>A field of a request body: whether it was sent, and its value.</summary>
internal readonly record struct Sent<T>(bool IsPresent, T Value)
{
    public T Or(T current) => IsPresent ? Value : current;
}

/// <summary>
/// A lead as a client writes it, in any of the reference APIs' spellings (<c>firstName</c>/<c>name</c>,
/// <c>phone</c>/<c>phone_number</c>, <c>assignedTo</c>/<c>agent_id</c>, <c>customFields</c>/<c>custom_fields</c>/<c>attributes</c>,
/// <c>type</c>/<c>channel</c>, <c>description</c>/<c>notes</c>). Only these editable fields are read: id, workspace,
/// authors and timestamps in a body are ignored. A value of the wrong type is a field error, not a crash.
/// </summary>
internal sealed class LeadBody
{
    private readonly List<ValidationFailure> _errors = [];

    public Sent<string?> FirstName { get; private set; }
    public Sent<string?> LastName { get; private set; }
    public Sent<string?> Email { get; private set; }
    public Sent<string?> Phone { get; private set; }
    public Sent<string?> Company { get; private set; }
    public Sent<string?> Title { get; private set; }
    public Sent<string?> Source { get; private set; }
    public Sent<string?> Description { get; private set; }
    public Sent<LeadPriority> Priority { get; private set; }
    public Sent<decimal?> EstimatedValue { get; private set; }
    public Sent<int?> Score { get; private set; }
    public Sent<Guid?> OwnerId { get; private set; }
    public Sent<bool> ValueFromProducts { get; private set; }
    public Sent<IReadOnlyDictionary<string, JsonElement>?> CustomFields { get; private set; }
    public Sent<Guid?> PipelineId { get; private set; }
    public Sent<Guid?> StageId { get; private set; }
    public Sent<LeadChannel> Channel { get; private set; }
    /// <summary>A simple status (<c>new</c>, <c>qualified</c>, <c>lost</c>…) to apply after the write.</summary>
    public Sent<string?> Status { get; private set; }

    public static LeadBody Read(JsonElement body)
    {
        var lead = new LeadBody();
        var name = lead.Text(body, "name");
        lead.FirstName = lead.Text(body, "firstName", "first_name");
        lead.LastName = lead.Text(body, "lastName", "last_name");
        if (!lead.FirstName.IsPresent && !lead.LastName.IsPresent && name.IsPresent)
        {
            var (first, last) = LeadInput.SplitName(name.Value);
            lead.FirstName = new(true, first);
            lead.LastName = new(true, last);
        }
        lead.Email = lead.Text(body, "email");
        lead.Phone = lead.Text(body, "phone", "phone_number");
        lead.Company = lead.Text(body, "company");
        lead.Title = lead.Text(body, "title");
        lead.Source = lead.Text(body, "source");
        lead.Description = lead.Text(body, "description", "notes");
        lead.Priority = lead.Choice<LeadPriority>(body, "priority");
        lead.EstimatedValue = lead.Number(body, "estimatedValue", "estimated_value");
        lead.Score = lead.Whole(body, "score");
        lead.OwnerId = lead.Id(body, "assignedTo", "agent_id", "ownerId");
        lead.ValueFromProducts = lead.Flag(body, "valueFromProducts");
        lead.CustomFields = lead.Fields(body, "customFields", "custom_fields", "attributes");
        lead.PipelineId = lead.Id(body, "pipelineId");
        lead.StageId = lead.Id(body, "stageId");
        lead.Channel = lead.Choice<LeadChannel>(body, "type", "channel");
        lead.Status = lead.Text(body, "status");
        return lead.ThrowIfInvalid();
    }

    public NewLead ToNewLead(LeadChannel defaultChannel) => Merge(new NewLead
    {
        PipelineId = PipelineId.Value,
        StageId = StageId.Value,
        Channel = Channel.IsPresent ? Channel.Value : defaultChannel,
    });

    /// <summary>PATCH: what was sent replaces what is there; custom fields are merged (null removes one).</summary>
    public T Merge<T>(T current) where T : LeadInput => current with
    {
        FirstName = FirstName.Or(current.FirstName),
        LastName = LastName.Or(current.LastName),
        Email = Email.Or(current.Email),
        Phone = Phone.Or(current.Phone),
        Company = Company.Or(current.Company),
        Title = Title.Or(current.Title),
        Source = Source.Or(current.Source),
        Description = Description.Or(current.Description),
        Priority = Priority.Or(current.Priority),
        EstimatedValue = EstimatedValue.Or(current.EstimatedValue),
        Score = Score.Or(current.Score),
        OwnerId = OwnerId.Or(current.OwnerId),
        ValueFromProducts = ValueFromProducts.Or(current.ValueFromProducts),
        CustomFields = CustomFields.IsPresent
            ? LeadDesk.Core.Leads.CustomFields.Merge(current.CustomFields ?? LeadDesk.Core.Leads.CustomFields.Empty, CustomFields.Value ?? LeadDesk.Core.Leads.CustomFields.Empty)
            : current.CustomFields,
    };

    /// <summary>PUT: the editable fields become what was sent; a field left out is cleared (the score stays the scoring's).</summary>
    public LeadInput Replace(LeadInput current) => new()
    {
        FirstName = FirstName.Value,
        LastName = LastName.Value,
        Email = Email.Value,
        Phone = Phone.Value,
        Company = Company.Value,
        Title = Title.Value,
        Source = Source.Value,
        Description = Description.Value,
        Priority = Priority.IsPresent ? Priority.Value : LeadPriority.Medium,
        EstimatedValue = EstimatedValue.Value,
        Score = Score.Or(current.Score),
        OwnerId = OwnerId.Value,
        ValueFromProducts = ValueFromProducts.Value,
        CustomFields = CustomFields.Value,
    };

    private LeadBody ThrowIfInvalid() => _errors.Count == 0 ? this : throw new ValidationException(_errors);

    private Sent<string?> Text(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => new(true, value.GetString()),
            JsonValueKind.Null => new(true, null),
            _ => Wrong<string?>(name, "must be text"),
        };
    }

    private Sent<decimal?> Number(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => new(true, number),
            JsonValueKind.Null => new(true, null),
            _ => Wrong<decimal?>(name, "must be a number, like 50000 or 1250.50"),
        };
    }

    private Sent<int?> Whole(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => new(true, number),
            JsonValueKind.Null => new(true, null),
            _ => Wrong<int?>(name, "must be a whole number"),
        };
    }

    private Sent<bool> Flag(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? new(true, value.GetBoolean()) : Wrong<bool>(name, "must be true or false");
    }

    private Sent<Guid?> Id(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String when Guid.TryParse(value.GetString(), out var id) => new(true, id),
            JsonValueKind.Null => new(true, null),
            _ => Wrong<Guid?>(name, "must be an id (a UUID)"),
        };
    }

    private Sent<T> Choice<T>(JsonElement body, params string[] names) where T : struct, Enum
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        var valid = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            && !text.Contains(',', StringComparison.Ordinal) && !char.IsAsciiDigit(text.FirstOrDefault())
            && Enum.TryParse<T>(text, ignoreCase: true, out var choice) && Enum.IsDefined(choice)
                ? new(true, choice)
                : Wrong<T>(name, $"must be one of: {valid}");
    }

    private Sent<IReadOnlyDictionary<string, JsonElement>?> Fields(JsonElement body, params string[] names)
    {
        if (!ApiJson.TryGet(body, out var value, out var name, names))
        {
            return default;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Object => new(true, value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)),
            JsonValueKind.Null => new(true, null),
            _ => Wrong<IReadOnlyDictionary<string, JsonElement>?>(name, "must be an object of name: value pairs"),
        };
    }

    private Sent<T> Wrong<T>(string name, string problem)
    {
        _errors.Add(new ValidationFailure(name, string.Create(CultureInfo.InvariantCulture, $"{name} {problem}.")));
        return default;
    }
}
