using ValidationException = FluentValidation.ValidationException;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Circuits;
using LeadDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads.Tabs;

/// <summary>
/// A tab of the interactive lead page: reads its <typeparamref name="TData"/> for <see cref="LeadId"/> when it opens and
/// again whenever the page bumps <see cref="Revision"/> (the lead changed, here or elsewhere); runs every change in its own
/// scope (<see cref="UiOperations"/>), and tells refusals in a snackbar or beside the field, never with an error page.
/// </summary>
public abstract class LeadTabBase<TData> : ComponentBase where TData : class
{
    private (Guid LeadId, int Revision)? _shown;
    private int _loads;

    [Inject] protected UiOperations Operations { get; set; } = null!;
    [Inject] protected ISnackbar Snackbar { get; set; } = null!;
    [Inject] protected IDialogService Dialogs { get; set; } = null!;
    [Inject] protected ICurrentActor Actor { get; set; } = null!;

    [Parameter, EditorRequired] public Guid LeadId { get; set; }

    /// <summary>A lead in the trash: its tab can be looked at, not changed.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Bumped by the page when the lead changed; the tab then reads its data again.</summary>
    [Parameter] public int Revision { get; set; }

    /// <summary>
    /// What the tab shows; null until the first read has finished, or when it was refused. The prerender's read is handed
    /// to the circuit, which shows it without reading again.
    /// </summary>
    [PersistentState]
    public TData? Data { get; set; }

    /// <summary>Why the tab has nothing to show (the lead is gone or not visible, the member was removed).</summary>
    protected string? Problem { get; private set; }

    /// <summary>Whether the change controls are offered (the services check again on every change).</summary>
    protected bool CanChange => !ReadOnly && Actor.Can(Permissions.LeadsEdit);

    protected abstract Task<TData> ReadAsync(IServiceProvider services, Guid leadId);

    protected override async Task OnParametersSetAsync()
    {
        if (_shown != (LeadId, Revision))
        {
            var handedOver = _shown is null && Data is not null; // the prerender read it for this page
            _shown = (LeadId, Revision);
            if (!handedOver)
            {
                await ReloadAsync();
            }
        }
    }

    protected async Task ReloadAsync()
    {
        var load = ++_loads;
        var leadId = LeadId;
        try
        {
            var data = await Operations.RunAsync(services => ReadAsync(services, leadId));
            if (load == _loads)
            {
                (Data, Problem) = (data, null);
            }
        }
        catch (Exception ex) when (UserProblem.IsRefusal(ex))
        {
            if (load == _loads)
            {
                (Data, Problem) = (null, UserProblem.Message(ex));
            }
        }
    }

    /// <summary>True while a change is being saved: its buttons are disabled.</summary>
    protected bool Busy { get; private set; }

    /// <summary>
    /// Runs <paramref name="change"/>, says <paramref name="done"/> and reads the tab again. Invalid input goes to
    /// <paramref name="invalid"/> (field → messages, for the inputs) when given; any other refusal to a snackbar.
    /// True when the change was made.
    /// </summary>
    protected async Task<bool> ChangeAsync(Func<IServiceProvider, Task> change, string done, Action<IDictionary<string, string[]>>? invalid = null)
    {
        Busy = true;
        try
        {
            await Operations.RunAsync(change);
        }
        catch (ValidationException ex) when (invalid is not null)
        {
            invalid(UserProblem.ByField(ex));
            return false;
        }
        catch (Exception ex) when (UserProblem.IsRefusal(ex))
        {
            Snackbar.Add(UserProblem.Message(ex), Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
        Snackbar.Add(done, Severity.Success);
        await ReloadAsync();
        return true;
    }

    /// <summary>Asks before something is deleted or removed.</summary>
    protected async Task<bool> ConfirmAsync(string question, string yes) =>
        await Dialogs.ShowMessageBoxAsync(T("Are you sure?"), question, yesText: yes, cancelText: T("Cancel")) == true;

    /// <summary>The first message for <paramref name="field"/>, to show on its input.</summary>
    protected static string? ErrorOf(IDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) ? messages.FirstOrDefault() : null;
}
