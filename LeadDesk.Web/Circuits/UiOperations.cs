using System.Security.Claims;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Circuits;

/// <summary>
/// The workspace a circuit works in: chosen by the request that started the circuit (its workspace cookie) and handed
/// to the interactive root. It is only a choice: every operation checks it against the user's memberships.
/// </summary>
public sealed class CircuitWorkspace
{
    public Guid? WorkspaceId { get; set; }
}

/// <summary>
/// Runs one user operation of an interactive page in its own DI scope (its own DbContext: a circuit lives for hours and
/// its components must not share one), with the actor read again from the database, so a removed member or a changed
/// role takes effect on the next click, as it does on the next request of a static page.
/// </summary>
public sealed class UiOperations(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitWorkspace workspace, SharedReads shared)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ActAsAsync(scope.ServiceProvider, cancellationToken);
        return await operation(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> operation, CancellationToken cancellationToken = default) =>
        RunAsync<bool>(async services =>
        {
            await operation(services);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A live refresh's read of the leads <paramref name="filter"/> shows: checked for this circuit's user like any operation,
    /// then shared with the other circuits that refresh after the same change and would read the same rows
    /// (<see cref="SharedReads"/>). Rows depend on the role, and on the user when they see only their own leads or the
    /// filter says "mine".
    /// </summary>
    public Task<T> ReadSharedAsync<T>(LeadFilter filter, Func<IServiceProvider, Task<T>> read) =>
        RunAsync(async services =>
        {
            var actor = services.GetRequiredService<ICurrentActor>();
            var personal = filter.Owner == LeadFilter.OwnerMe || await services.GetRequiredService<LeadAccess>().IsRestrictedAsync();
            var reader = personal ? $"{actor.Role}:{actor.UserId}" : $"{actor.Role}";
            return await shared.ReadAsync(actor.WorkspaceId!.Value, reader, filter, () => read(services));
        });

    /// <summary>
    /// Fills the circuit's own actor and workspace session, as the request middleware does for a static page: they decide
    /// what is rendered (route authorization, the layout, which actions a page offers) as of the circuit's start.
    /// Operations do not rely on them; they check again.
    /// </summary>
    public async Task ActInCircuitAsync(CurrentActor circuitActor, WorkspaceSession session, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (user, memberships, current) = await ActAsAsync(scope.ServiceProvider, cancellationToken);
        var actor = scope.ServiceProvider.GetRequiredService<ICurrentActor>();
        circuitActor.Set(actor.UserId, actor.WorkspaceId, actor.Role);
        session.Set(user, memberships, current);
    }

    private async Task<(ClaimsPrincipal User, IReadOnlyList<Membership> Memberships, Membership Current)> ActAsAsync(
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            throw new ForbiddenException(T("Sign in again."));
        }
        var memberships = await services.GetRequiredService<WorkspaceDirectory>().MembershipsOfAsync(userId, cancellationToken);
        var current = memberships.FirstOrDefault(m => m.WorkspaceId == workspace.WorkspaceId)
            ?? throw new ForbiddenException(T("You are no longer a member of this workspace."));
        services.GetRequiredService<CurrentActor>().Set(userId, current.WorkspaceId, current.Role);
        return (user, memberships, current);
    }
}
