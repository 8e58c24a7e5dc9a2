namespace LeadDesk.Web.Api;

/// <summary>Route strings in one place, shared with the tests so they cannot drift from the endpoints.</summary>
public static class ApiRoutes
{
    public const string Native = "/api/v1";
    public const string External = "/api/external/v1";
    public const string Leads = Native + "/leads";
    public const string LeadSettings = Native + "/lead-settings";
    public const string ExternalLeads = External + "/leads";

    public static string Lead(Guid id) => $"{Leads}/{id}";

    public static string EraseLead(Guid id) => $"{Lead(id)}/erase";
}
