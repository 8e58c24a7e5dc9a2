using FluentValidation;
using FluentValidation.Results;

namespace LeadDesk.Core.Common;

public static class Validation
{
    /// <summary>A validation error on one field, for rules that need the database (a stage of another pipeline, say).</summary>
    public static ValidationException Error(string property, string message) => new([new ValidationFailure(property, message)]);

    /// <summary>Field → messages, the shape forms and <c>ValidationProblemDetails</c> both use.</summary>
    public static IDictionary<string, string[]> ByField(this ValidationException exception) =>
        exception.Errors
            .GroupBy(e => e.PropertyName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
}
