using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace LeadDesk.Web.Security;

/// <summary>
/// Bound from <c>ForwardedHeaders</c>: the reverse proxies (addresses, or networks in CIDR form) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. None configured: both headers are ignored, so a
/// client cannot choose the address its limits count.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];
    public List<string> KnownNetworks { get; set; } = [];
}

internal static partial class ForwardedHeadersSetup
{
    public static IServiceCollection AddLeadDeskForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = Settings(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the operator names is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // Every hop is checked against the known proxies, so a chain of them (CDN, then load balancer) is walked
            // back to the first address that is not one of them: the client.
            options.ForwardLimit = null;
            foreach (var proxy in settings.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }
            foreach (var network in settings.KnownNetworks)
            {
                if (IPNetwork.TryParse(network, out var range))
                {
                    options.KnownIPNetworks.Add(range);
                }
            }
        });
        return services;
    }

    /// <summary>At start-up: false, with one log line naming the setting, when a configured proxy is not an address or network.</summary>
    public static bool CheckForwardedHeaders(IConfiguration configuration, ILogger logger)
    {
        var settings = Settings(configuration);
        for (var i = 0; i < settings.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(settings.KnownProxies[i], out _))
            {
                LogBadProxy(logger, settings.KnownProxies[i], nameof(settings.KnownProxies), i, "an IP address such as 10.0.0.5");
                return false;
            }
        }
        for (var i = 0; i < settings.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(settings.KnownNetworks[i], out _))
            {
                LogBadProxy(logger, settings.KnownNetworks[i], nameof(settings.KnownNetworks), i, "a network such as 10.0.0.0/8");
                return false;
            }
        }
        return true;
    }

    private static ForwardedHeadersSettings Settings(IConfiguration configuration) =>
        configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();

    [LoggerMessage(Level = LogLevel.Critical, Message = "'{Value}' in ForwardedHeaders:{List}:{Index} is not {Expected}: fix that setting.")]
    private static partial void LogBadProxy(ILogger logger, string value, string list, int index, string expected);
}
