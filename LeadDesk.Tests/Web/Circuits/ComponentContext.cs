using System.Security.Claims;
using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Auth;
using LeadDesk.Web.Circuits;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>
/// A bUnit context for LeadDesk's interactive components: MudBlazor's services, loose JS interop, and UiOperations on the
/// real Core services and database of <paramref name="fixture"/>, signed in as <paramref name="userId"/> in a workspace.
/// </summary>
public sealed class ComponentContext : BunitContext
{
    private readonly UiOperations _operations;

    /// <param name="shared">The node's shared reads, when several contexts stand for several circuits of one node.</param>
    public ComponentContext(CoreFixture fixture, Guid userId, Guid workspaceId, SharedReads? shared = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Pages read the database after their first render; a cold PostgreSQL query or two cores under load take longer
        // than bUnit's default second. A passing wait returns as soon as it passes.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        _operations = new UiOperations(fixture.Services.GetRequiredService<IServiceScopeFactory>(), new SignedIn(userId),
            new CircuitWorkspace { WorkspaceId = workspaceId },
            shared ?? new SharedReads(fixture.Services.GetRequiredService<LeadChangeNotifier>(), TimeProvider.System));
        Services.AddSingleton(_operations);
        Services.AddSingleton(fixture.Services.GetRequiredService<LeadChangeNotifier>());
        Services.AddSingleton<CurrentActor>();
        Services.AddSingleton<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        Services.AddSingleton<WorkspaceSession>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // as in a circuit; after the services
    }

    /// <summary>A context whose circuit actor and session are filled as Routes.razor fills them when a circuit starts.</summary>
    public static async Task<ComponentContext> SignedInAsync(CoreFixture fixture, Guid userId, Guid workspaceId, SharedReads? shared = null)
    {
        var context = new ComponentContext(fixture, userId, workspaceId, shared);
        await context._operations.ActInCircuitAsync(context.Services.GetRequiredService<CurrentActor>(), context.Services.GetRequiredService<WorkspaceSession>());
        return context;
    }

    public sealed class SignedIn(Guid userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"))));
    }
}
