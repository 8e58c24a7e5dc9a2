namespace LeadDesk.Web.Security;

/// <summary>Start-up checks of the security settings, before the database is touched: a bad one stops start-up with one log line naming it.</summary>
internal static class SecurityStartup
{
    public static bool CheckSecuritySettings(this IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityStartup));
        return ForwardedHeadersSetup.CheckForwardedHeaders(services.GetRequiredService<IConfiguration>(), logger)
            && KeyRingProtection.CheckKeyRingProtection(services, logger);
    }
}
