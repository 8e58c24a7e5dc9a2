using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Localization;

namespace LeadDesk.Tests.Web.Localization;

public sealed class MudTranslationsTests
{
    private readonly MudTranslations translations = new();

    [Fact]
    public void MudBlazors_texts_read_Portuguese_in_a_Portuguese_circuit()
    {
        using var culture = TestCulture.Portuguese();

        Assert.Equal("Linhas por página:", translations["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("1–50 de 1.234", translations["MudDataGridPager_InfoFormat", 1, 50, 1234.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)].Value);
    }

    [Fact]
    public void In_English_and_for_texts_we_do_not_have_MudBlazor_keeps_its_own()
    {
        Assert.True(translations["MudDataGridPager_RowsPerPage"].ResourceNotFound);
        using var culture = TestCulture.Portuguese();
        Assert.True(translations["MudColorPicker_HueSlider"].ResourceNotFound);
    }
}
