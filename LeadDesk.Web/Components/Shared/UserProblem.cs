using FluentValidation;
using LeadDesk.Core.Common;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Shared;

/// <summary>
/// The refusals a form shows its user instead of an error page: the validator's messages, or a simultaneous change by
/// someone else (who, and when). The form keeps what the user typed.
/// </summary>
public static class UserProblem
{
    public static bool IsExpected(Exception exception) => exception is ValidationException or ConflictException;

    /// <summary>
    /// Everything an operation of an interactive page may refuse with: on a static page a lost permission, a vanished lead
    /// or a busy database are error pages; in a circuit they are told beside the control, and the page stays.
    /// </summary>
    public static bool IsRefusal(Exception exception) =>
        IsExpected(exception) || exception is ForbiddenException or NotFoundException or DatabaseBusyException;

    public static string Message(Exception exception) => exception switch
    {
        ValidationException validation => string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
        ConflictException { ChangedBy: { } by, ChangedAt: { } at } conflict =>
            T("{0} {1} saved it at {2}; reload to see their version.", conflict.Message, by, Display.DateTime(at)),
        NotFoundException => T("{0} It may have been deleted, or it is no longer visible to you.", exception.Message),
        _ => exception.Message,
    };

    /// <summary>Field → messages for the form; a conflict belongs to no field.</summary>
    public static IDictionary<string, string[]> ByField(Exception exception) =>
        exception is ValidationException validation ? validation.ByField() : new Dictionary<string, string[]> { [""] = [Message(exception)] };
}
