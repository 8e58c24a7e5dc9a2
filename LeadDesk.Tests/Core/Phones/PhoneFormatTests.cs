using LeadDesk.Core.Phones;
using PhoneNumbers;

namespace LeadDesk.Tests.Core.Phones;

/// <summary>How a phone as typed becomes E.164: normalised, not judged; national numbers read in the workspace's region.</summary>
public sealed class PhoneFormatTests
{
    [Theory]
    [InlineData("+1 (800) 123-4567", "US", "+18001234567")] // seed 000
    [InlineData("+1 (800) 123-4567", "BR", "+18001234567")]
    [InlineData("5511999998888", "BR", "+5511999998888")] // seed 001: "DDI+DDD+Numero, apenas dígitos"
    [InlineData("5511999998888", "US", "+5511999998888")]
    [InlineData("+1234567890", "US", "+1234567890")] // seed 004
    [InlineData("+15551234567", "US", "+15551234567")] // seed 003
    public void ToE164_TheSeedsExamples_AreStoredAsE164(string typed, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.ToE164(typed, region));

    [Fact]
    public void ToE164_ANumberLibphonenumberCallsInvalid_IsStillAccepted()
    {
        var numbers = PhoneNumberUtil.GetInstance();
        Assert.False(numbers.IsValidNumber(numbers.Parse("+1 (800) 123-4567", "US"))); // the premise: seed 000's example is "invalid"

        Assert.Null(PhoneFormat.Problem("+1 (800) 123-4567", "US"));
        Assert.Equal("+18001234567", PhoneFormat.ToE164("+1 (800) 123-4567", "US"));
    }

    [Theory]
    [InlineData("(800) 123-4567", "US", "+18001234567")]
    [InlineData("800.123.4567", "US", "+18001234567")]
    [InlineData("1 800 123 4567", "US", "+18001234567")] // the region's own country code in front
    [InlineData("18001234567", "US", "+18001234567")]
    [InlineData("555 1234", "US", "+15551234")] // a local number, without its area code: kept
    [InlineData("1-800-FLOWERS", "US", "+18003569377")]
    [InlineData("(11) 99999-8888", "BR", "+5511999998888")]
    [InlineData("11 99999 8888", "BR", "+5511999998888")]
    [InlineData("0 11 99999-8888", "BR", "+5511999998888")] // with the trunk prefix
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    public void ToE164_ANationalNumber_IsReadInTheRegion(string typed, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.ToE164(typed, region));

    [Theory]
    [InlineData("+55 11 99999-8888", "US", "+5511999998888")]
    [InlineData("011 55 11 99999 8888", "US", "+5511999998888")] // the US international call prefix
    [InlineData("00 44 20 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 20 7946 0958", "BR", "+442079460958")]
    [InlineData("+47 991 23 456", "US", "+4799123456")]
    public void ToE164_AnInternationalNumber_IsReadAsWritten(string typed, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.ToE164(typed, region));

    [Theory]
    [InlineData("5511999998888", "US", "+5511999998888")] // 13 digits: no US number is that long
    [InlineData("447911123456", "US", "+447911123456")]
    [InlineData("351912345678", "BR", "+351912345678")] // 12 digits: no Brazilian number is that long
    public void ToE164_DigitsWithACountryCode_AreInternational_WhenTheRegionHasNoNumberThatLong(string typed, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.ToE164(typed, region));

    [Theory]
    [InlineData("4799123456", "US", "+14799123456")] // also +47 991 23 456 in Norway, but ten digits is a US length
    [InlineData("14155552671", "BR", "+5514155552671")] // eleven digits is a Brazilian length: +1 needs the +
    public void ToE164_DigitsOfALengthTheRegionHas_StayNational(string typed, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.ToE164(typed, region));

    [Theory]
    [InlineData("call me", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("---", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("555+1234567", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("+999 555 1234", "That country code does not exist. Start an international number with + and its country code, like +44 or +55.")]
    [InlineData("12", "That is too few digits for a phone number.")]
    [InlineData("12345", "That is too few digits for a phone number.")] // US numbers have 7 digits at least
    [InlineData("+44 12", "That is too few digits for a phone number.")]
    public void Problem_ForInputThatIsNoPhoneNumber_SaysWhy(string typed, string message)
    {
        Assert.Equal(message, PhoneFormat.Problem(typed, "US"));
        Assert.Null(PhoneFormat.ToE164(typed, "US"));
    }

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("+1 555 0100 0100 0100 0100")]
    [InlineData("123456789012345678")]
    public void Problem_ForMoreDigitsThanE164Allows_SaysTooMany(string typed)
    {
        Assert.Equal(PhoneFormat.TooManyDigits, PhoneFormat.Problem(typed, "US"));
        Assert.Null(PhoneFormat.ToE164(typed, "US"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ToE164_OfNothing_IsNull_AndNoProblem(string? typed)
    {
        Assert.Null(PhoneFormat.ToE164(typed, "US"));
        Assert.Null(PhoneFormat.Problem(typed ?? "", "US"));
    }

    [Theory]
    [InlineData("+1 (800) 123-4567", "US")]
    [InlineData("(11) 99999-8888", "BR")]
    [InlineData("5511999998888", "US")]
    [InlineData("+1234567890", "BR")]
    [InlineData("555 1234", "US")]
    public void ToE164_OfItsOwnResult_IsTheSame_InAnyRegion(string typed, string region)
    {
        var stored = PhoneFormat.ToE164(typed, region)!;

        Assert.Equal(stored, PhoneFormat.ToE164(stored, "US"));
        Assert.Equal(stored, PhoneFormat.ToE164(stored, "BR"));
    }

    [Theory]
    [InlineData("+5511999998888", "US", "+5511999998888")] // typed with its country code: stays
    [InlineData("+18001234567", "US", "+18001234567")] // not valid either way: stays
    [InlineData("+4155552671", "US", "+14155552671")] // "(415) 555-2671" stored with a bare +: a US number
    [InlineData("+11999998888", "BR", "+5511999998888")] // "(11) 99999-8888" in a Brazilian workspace
    [InlineData("+11999998888", "US", "+11999998888")] // no better reading in the US: stays
    [InlineData("+14155552671", "BR", "+14155552671")] // not a Brazilian number, a valid US one: stays
    [InlineData("+5550102030", "US", "+5550102030")] // (555) 010-2030 is no valid US number: stays as stored
    [InlineData("+12", "US", "+12")] // no number at all: stays
    public void Reread_APhoneTheOldNormaliserStored(string stored, string region, string expected) =>
        Assert.Equal(expected, PhoneFormat.Reread(stored, region));

    [Theory]
    [InlineData("(11) 99999-8888", "BR", new[] { "11999998888" })]
    [InlineData("99999-8888", "BR", new[] { "999998888" })]
    [InlineData("0 11 99999 8888", "BR", new[] { "011999998888", "+5511999998888" })]
    [InlineData("011 55 11 99999 8888", "US", new[] { "0115511999998888", "+5511999998888" })]
    [InlineData("+1 (555) 123-4567", "US", new[] { "15551234567" })]
    [InlineData("5551234", "US", new string[0])]
    [InlineData("smith", "US", new string[0])]
    [InlineData("3m", "US", new string[0])]
    public void SearchForms_OfATermThatIsPartOfANumber_AreItsDigitsAndE164(string term, string region, string[] expected) =>
        Assert.Equal(expected, PhoneFormat.SearchForms(term, region));

    [Fact]
    public void Regions_AreIsoCodesWithTheirCallingCode()
    {
        Assert.True(PhoneFormat.IsRegion("BR"));
        Assert.False(PhoneFormat.IsRegion("br"));
        Assert.False(PhoneFormat.IsRegion("XX"));
        Assert.Equal(55, PhoneFormat.CallingCodeOf("BR"));
        Assert.Contains(PhoneRegions.Choices, c => c is { Code: "BR", Name: "Brazil", CallingCode: 55, Label: "Brazil (+55)" });
        Assert.Equal(PhoneFormat.Regions.Count, PhoneRegions.Choices.Count);
    }
}
