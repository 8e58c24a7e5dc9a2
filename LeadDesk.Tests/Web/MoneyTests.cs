using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Shared;
using LeadDesk.Web.Localization;

namespace LeadDesk.Tests.Web;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", "$0")]
    [InlineData("9999", "$9,999")]
    [InlineData("12500", "$12.5K")]
    [InlineData("12801500", "$12.8M")]
    [InlineData("2000000000", "$2B")]
    [InlineData("-45000", "-$45K")]
    public void Compact_KeepsFiguresShort(string amount, string expected)
    {
        using var culture = TestCulture.Use(Languages.English);
        Assert.Equal(expected, Money.Compact(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("9999", "BRL", "R$ 9.999")]
    [InlineData("12500", "BRL", "R$ 12,5 mil")]
    [InlineData("12801500", "USD", "US$ 12,8 mi")]
    [InlineData("2000000000", "EUR", "€ 2 bi")]
    public void Compact_in_Portuguese_uses_its_separators_and_the_workspace_currency(string amount, string currency, string expected)
    {
        using var culture = TestCulture.Portuguese(currency);
        Assert.Equal(expected, Money.Compact(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Replace('\u00a0', ' '));
    }

    [Fact]
    public void Amounts_in_English_keep_the_workspace_currency()
    {
        using var culture = TestCulture.Use(Languages.English, "BRL");
        Assert.Equal("R$12,500", Display.Amount(12_500m));
    }

    [Fact]
    public void Dates_follow_the_language()
    {
        var date = new DateTime(2026, 11, 28, 14, 5, 0, DateTimeKind.Utc);
        using (TestCulture.Use(Languages.English))
        {
            Assert.Equal("Nov 28, 2026", Display.Date(date));
        }
        using (TestCulture.Portuguese())
        {
            Assert.Equal("28 de nov. de 2026", Display.Date(date));
            Assert.Equal("28 de nov. de 2026, 14:05 UTC", Display.DateTime(date));
        }
    }
}
