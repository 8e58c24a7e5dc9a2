using LeadDesk.Web.Components.Shared;

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
    public void Compact_KeepsFiguresShort(string amount, string expected) =>
        Assert.Equal(expected, Money.Compact(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
