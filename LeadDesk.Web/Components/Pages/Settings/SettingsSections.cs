using MudBlazor;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>One entry of the settings navigation: its title, address, icon and what it holds.</summary>
public sealed record SettingsSection(string Title, string Href, string Icon, string Summary);

/// <summary>The settings pages, in the order the navigation lists them. A new settings page adds its line here.</summary>
public static class SettingsSections
{
    public const string Root = "/settings";

    public static readonly IReadOnlyList<SettingsSection> All =
    [
        new("General", Root, Icons.Material.Filled.Tune, "Members, lead visibility, phone numbers, trash and erasures"),
        new("API tokens", "/settings/api-tokens", Icons.Material.Filled.Key, "Keys for websites and tools that use the REST API"),
        new("Web forms", "/settings/web-forms", Icons.Material.Filled.DynamicForm, "Forms for your website whose submissions become leads"),
        new("Webhooks", "/settings/webhooks", Icons.Material.Filled.Webhook, "Signed calls to your systems when leads change"),
    ];
}
