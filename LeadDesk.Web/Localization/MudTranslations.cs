using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadDesk.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager, data grid menus, close buttons, file upload) in Portuguese: <c>Ui.pt-BR.resx</c> holds
/// them under MudBlazor's resource names ("MudDataGridPager_RowsPerPage"). In English MudBlazor uses its built-in texts.
/// </summary>
internal sealed class MudTranslations : MudLocalizer
{
    public override LocalizedString this[string key] => Translate(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Translate(key, arguments);

    private static LocalizedString Translate(string key, object[] arguments) => Ui.Portuguese(key) is { } text
        ? new LocalizedString(key, arguments.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, arguments))
        : new LocalizedString(key, key, resourceNotFound: true);
}
