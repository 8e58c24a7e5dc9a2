using LeadDesk.Web.Components.Shared;
using MudBlazor;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>How a settings form or button tells what its operation did: a snackbar, and a refusal's field messages.</summary>
public static class SettingsOperation
{
    /// <summary>
    /// Runs <paramref name="operation"/>, which answers what it did. A refusal (invalid input, a lost permission, a row
    /// that is gone) is said in a snackbar and beside the fields; the page and what was typed stay. True when it was done.
    /// </summary>
    public static async Task<bool> TryAsync(ISnackbar snackbar, Func<Task<string>> operation, FieldErrors? errors = null)
    {
        try
        {
            var done = await operation();
            errors?.ClearAll();
            snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (Exception ex) when (UserProblem.IsRefusal(ex))
        {
            errors?.Show(ex);
            snackbar.Add(UserProblem.Message(ex), Severity.Error);
            return false;
        }
    }
}
