using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.ApiTokens;

/// <summary>What a token may do (the reference APIs' scopes), and the permissions each grants.</summary>
public static class ApiScopes
{
    public const string LeadsRead = "leads:read";
    public const string LeadsWrite = "leads:write";
    public const string SettingsRead = "settings:read";
    public const string SettingsWrite = "settings:write";

    public static readonly IReadOnlyList<string> All = [LeadsRead, LeadsWrite, SettingsRead, SettingsWrite];

    public static string Describe(string scope) => scope switch
    {
        LeadsRead => "Read leads, their notes, activities, history, documents, products and team",
        LeadsWrite => "Create, change and delete leads and their parts",
        SettingsRead => "Read pipelines, stages and other lead settings",
        SettingsWrite => "Change lead settings",
        _ => scope,
    };

    /// <summary>The named permissions (<see cref="Permissions"/>) the scopes grant; a token is never more than an admin.</summary>
    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> scopes)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            switch (scope)
            {
                case LeadsRead:
                    granted.Add(Permissions.LeadsView);
                    break;
                case LeadsWrite:
                    granted.UnionWith([Permissions.LeadsView, Permissions.LeadsCreate, Permissions.LeadsEdit, Permissions.LeadsDelete]);
                    break;
                case SettingsRead:
                    granted.Add(Permissions.SettingsView);
                    break;
                case SettingsWrite:
                    granted.UnionWith([Permissions.SettingsView, Permissions.SettingsAdmin]);
                    break;
            }
        }
        return granted;
    }

    public static IReadOnlyList<string> Parse(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
