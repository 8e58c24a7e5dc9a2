using System.Security.Claims;
using Bunit;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Circuits;
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
    public ComponentContext(CoreFixture fixture, Guid userId, Guid workspaceId)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new UiOperations(fixture.Services.GetRequiredService<IServiceScopeFactory>(), new SignedIn(userId),
            new CircuitWorkspace { WorkspaceId = workspaceId }));
    }

    public sealed class SignedIn(Guid userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"))));
    }
}
