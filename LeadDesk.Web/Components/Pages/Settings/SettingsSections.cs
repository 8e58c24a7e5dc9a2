using MudBlazor;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>One entry of the settings navigation: its title, address, icon and what it holds.</summary>
public sealed record SettingsSection(string Title, string Href, string Icon, string Summary);

/// <summary>The settings pages, in the order the navigation lists them. A new settings page adds its line here.</summary>
public static class SettingsSections
{
    public const string Root = "/settings";

    /// <summary>In the current language: read per render.</summary>
    public static IReadOnlyList<SettingsSection> All =>
    [
        new(T("General"), Root, Icons.Material.Filled.Tune, T("Members, lead visibility, phone numbers, trash and erasures")),
        new(T("Pipelines and stages"), "/settings/pipelines", Icons.Material.Filled.ViewKanban, T("The stages leads move through: order, colours, win probabilities, rotting")),
        new(T("API tokens"), "/settings/api-tokens", Icons.Material.Filled.Key, T("Keys for websites and tools that use the REST API")),
        new(T("Web forms"), "/settings/web-forms", Icons.Material.Filled.DynamicForm, T("Forms for your website whose submissions become leads")),
        new(T("Webhooks"), "/settings/webhooks", Icons.Material.Filled.Webhook, T("Signed calls to your systems when leads change")),
        new(T("Settings log"), "/settings/log", Icons.Material.Filled.History, T("Who changed which setting, when, from what to what")),
    ];
}
