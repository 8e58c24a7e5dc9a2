using System.Text.Json;
using LeadDesk.Core.Common;

namespace LeadDesk.Web.Api;

/// <summary>
/// Request bodies read by hand, so that malformed JSON, a wrong type or a huge body is a 400 that says
/// which field and why — and so unknown fields are ignored, never bound to server-owned ones.
/// </summary>
internal static class ApiJson
{
    public const long MaxBodyBytes = 256 * 1024;

    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw Validation.Error("body", $"The body is larger than {MaxBodyBytes / 1024} KB.");
        }
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw Validation.Error("body", "Send the body as JSON (Content-Type: application/json).");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw Validation.Error("body", $"The body is larger than {MaxBodyBytes / 1024} KB.");
            }
        }
        if (buffer.Length == 0)
        {
            throw Validation.Error("body", "The body is empty; send a JSON object.");
        }
        var bytes = buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // JsonDocument only notices when a string is read, which would then fail outside this check.
            throw Validation.Error("body", "The body is not valid UTF-8 text.");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw Validation.Error("body", "The body must be a JSON object ({ … }).");
        }
        catch (JsonException ex)
        {
            throw Validation.Error("body", $"The body is not valid JSON ({ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.')}, line {ex.LineNumber + 1}).");
        }
    }

    public static string? Text(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString() : throw Validation.Error(name, $"{name} must be text.");

    public static Guid RequiredId(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw Validation.Error(name, $"{name} must be an id (a UUID).");

    public static decimal? Number(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : throw Validation.Error(name, $"{name} must be a number.");

    public static int? Integer(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Validation.Error(name, $"{name} must be a whole number.");

    public static bool? Flag(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Validation.Error(name, $"{name} must be true or false.");

    public static DateTime? Time(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String && value.TryGetDateTime(out var time)
                ? time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime()
                : throw Validation.Error(name, $"{name} must be an ISO 8601 date and time, such as 2026-03-01T14:30:00Z.");

    public static List<Guid> Ids(JsonElement body, string name = "ids")
    {
        if (!body.TryGetProperty(name, out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            throw Validation.Error(name, $"Send {name}: an array of ids.");
        }
        return ids.EnumerateArray()
            .Select(id => id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var parsed)
                ? parsed
                : throw Validation.Error(name, $"{name} must be ids (UUIDs)."))
            .ToList();
    }

    /// <summary>The first of <paramref name="names"/> present in <paramref name="body"/> (aliases of one field across the seeds).</summary>
    public static bool TryGet(JsonElement body, out JsonElement value, out string name, params string[] names)
    {
        foreach (var candidate in names)
        {
            if (body.TryGetProperty(candidate, out value))
            {
                name = candidate;
                return true;
            }
        }
        value = default;
        name = names[0];
        return false;
    }
}
