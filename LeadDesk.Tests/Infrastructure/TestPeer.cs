using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// TestServer gives every request the same, empty, remote address, so per-address limits and forwarded headers cannot be
/// told apart in a test. Registered by <see cref="LeadDeskAppFactory"/> only (never by the app): a request's
/// <c>X-Test-Peer</c> header becomes its connection's remote address, as if it came from that TCP peer, before any of the
/// app's own middleware (forwarded headers included) runs. Requests without the header keep the empty address.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
                context.Request.Headers.Remove(Header);
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
