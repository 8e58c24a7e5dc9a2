using System.Text.Json;
using LeadDesk.Core.Localization;

namespace LeadDesk.Core.Leads;

/// <summary>
/// A lead's custom fields: a flat JSON object of scalar values (seed 001 <c>custom_fields</c>, seed 003
/// <c>attributes</c>, seed 004 <c>customFields</c>). Bounded so one lead cannot carry a megabyte of data.
/// </summary>
public static class CustomFields
{
    public const int MaxFields = 50;
    public const int KeyMaxLength = 64;
    public const int ValueMaxLength = 1_000;

    public static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();

    public static IReadOnlyDictionary<string, JsonElement> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    public static string Serialize(IReadOnlyDictionary<string, JsonElement>? fields) =>
        fields is null || fields.Count == 0 ? "{}" : JsonSerializer.Serialize(fields);

    /// <summary>Keeps the existing fields, overwrites those in <paramref name="changes"/>, and removes those set to null.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Merge(IReadOnlyDictionary<string, JsonElement> existing, IReadOnlyDictionary<string, JsonElement> changes)
    {
        var merged = new Dictionary<string, JsonElement>(existing, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }
        return merged;
    }

    public static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);

    /// <summary>The value as a person reads it: strings unquoted, numbers and booleans as written.</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>Why <paramref name="fields"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(IReadOnlyDictionary<string, JsonElement>? fields)
    {
        if (fields is null)
        {
            return null;
        }
        if (fields.Count > MaxFields)
        {
            return Messages.T("A lead can have at most {0} custom fields.", MaxFields);
        }
        foreach (var (key, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > KeyMaxLength)
            {
                return Messages.T("Custom field names must be 1 to {0} characters.", KeyMaxLength);
            }
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return Messages.T("Custom field '{0}' must be text, a number, true/false or null, not a list or object.", key);
            }
            if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > ValueMaxLength)
            {
                return Messages.T("Custom field '{0}' is longer than {1} characters.", key, ValueMaxLength);
            }
        }
        return Serialize(fields).Length > LeadLimits.CustomFieldsMaxLength
            ? Messages.T("Custom fields may take at most {0:N0} characters in all.", LeadLimits.CustomFieldsMaxLength)
            : null;
    }
}
