using System.Globalization;
using LeadDesk.Core.Localization;
using PhoneNumbers;
using CountryCodeSource = PhoneNumbers.PhoneNumber.Types.CountryCodeSource;

namespace LeadDesk.Core.Phones;

/// <summary>
/// Phone numbers as libphonenumber reads them, stored in E.164 (<c>+</c>, country code, number). Normalise, do not judge:
/// a number libphonenumber reads is kept even when it calls it invalid for its country (seed 000's own example
/// <c>+1 (800) 123-4567</c> is one); only input that is not a phone number is refused.
/// </summary>
/// <remarks>
/// How input is read, in a workspace whose default region is R:
/// <list type="bullet">
/// <item>with <c>+</c> or R's international call prefix (<c>011</c> in the US, <c>00</c> in most countries): as written;</item>
/// <item>otherwise as a number of R, R's own country code in front included (<c>18001234567</c> in the US,
/// <c>5511999998888</c> in Brazil);</item>
/// <item>unless R's numbers cannot have that many digits: then, when the digits are a valid number with a country code in
/// front, they are that number (seed 001 sends <c>5511999998888</c>, "DDI+DDD+Numero, apenas dígitos", to US workspaces too).</item>
/// </list>
/// A number of a length R's numbers can have is always R's: to enter a foreign number of that length, start it with <c>+</c>.
/// An extension ("ext. 12") is not kept: E.164 has none.
/// </remarks>
public static class PhoneFormat
{
    public const string DefaultRegion = "US";
    /// <summary>E.164's limit: country code and number together.</summary>
    public const int MaxDigits = 15;

    // Properties, not constants: each read answers in the caller's language.
    public static string NotANumber => Messages.T("Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.");
    public static string UnknownCountryCode => Messages.T("That country code does not exist. Start an international number with + and its country code, like +44 or +55.");
    public static string TooFewDigits => Messages.T("That is too few digits for a phone number.");
    public static string TooManyDigits => Messages.T("That is too many digits for a phone number: at most {0}, country code included.", MaxDigits);

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The regions a workspace can choose (ISO 3166 codes libphonenumber knows).</summary>
    public static IReadOnlySet<string> Regions { get; } = Numbers.GetSupportedRegions();

    public static bool IsRegion(string? region) => region is not null && Regions.Contains(region);

    /// <summary>The country calling code of a region: 1 for US, 55 for BR.</summary>
    public static int CallingCodeOf(string region) => Numbers.GetCountryCodeForRegion(region);

    /// <summary>The E.164 form of <paramref name="input"/>; null when it is blank or not a phone number.</summary>
    public static string? ToE164(string? input, string region) =>
        Read(input, region) is { Number: { } number } ? Numbers.Format(number, PhoneNumberFormat.E164) : null;

    /// <summary>Why <paramref name="input"/> is not a phone number (a message for its field), or null when it is one.</summary>
    public static string? Problem(string input, string region) => Read(input, region).Problem;

    /// <summary>
    /// A phone the hand-written normaliser stored: <c>+</c> and whatever digits were typed, with or without a country
    /// code. Read again as if those digits had been typed without <c>+</c> (a national number of
    /// <paramref name="region"/>, or digits with a country code): when that is a valid number, it is the number;
    /// otherwise the stored one stays (a number typed with its country code, or one no reading makes valid).
    /// </summary>
    public static string Reread(string stored, string region)
    {
        var typed = Read(PhoneNumberUtil.NormalizeDigitsOnly(stored), region).Number;
        return typed is not null && Numbers.IsValidNumber(typed) ? Numbers.Format(typed, PhoneNumberFormat.E164) : stored;
    }

    /// <summary>
    /// What a search term looks for besides itself when it is (part of) a phone number: its digits (stored numbers
    /// contain "99999-8888" as "999998888") and, for a term that reads as a whole number, its E.164 form when that adds
    /// something (a trunk prefix or an international prefix, as in "0 11 99999-8888").
    /// </summary>
    public static IReadOnlyList<string> SearchForms(string term, string region)
    {
        if (!term.Any(char.IsAsciiDigit) || term.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '/' or '+')))
        {
            return [];
        }
        var digits = PhoneNumberUtil.NormalizeDigitsOnly(term);
        var forms = new List<string>(2);
        if (digits != term)
        {
            forms.Add(digits);
        }
        if (ToE164(term, region) is { } e164 && !e164.Contains(digits, StringComparison.Ordinal))
        {
            forms.Add(e164);
        }
        return forms;
    }

    private static (PhoneNumber? Number, string? Problem) Read(string? input, string region)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return (null, null);
        }
        PhoneNumber number;
        try
        {
            number = Numbers.ParseAndKeepRawInput(input, region);
        }
        catch (NumberParseException ex)
        {
            return (null, ex.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => UnknownCountryCode,
                ErrorType.TOO_LONG => TooManyDigits,
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => TooFewDigits,
                _ => NotANumber,
            });
        }
        var asWritten = number.CountryCodeSource is CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN or CountryCodeSource.FROM_NUMBER_WITH_IDD;
        if (!asWritten && !number.HasExtension && !Numbers.IsPossibleNumber(number) && WithCountryCode(input) is { } international)
        {
            number = international;
        }
        var significant = Numbers.GetNationalSignificantNumber(number).Length;
        if (number.CountryCode.ToString(CultureInfo.InvariantCulture).Length + significant > MaxDigits)
        {
            return (null, TooManyDigits);
        }
        return significant < ShortestNumber(number.CountryCode) ? (null, TooFewDigits) : (number, null);
    }

    // The digits of input read as a country code and a number, when that is a valid number.
    private static PhoneNumber? WithCountryCode(string input)
    {
        try
        {
            var number = Numbers.Parse("+" + PhoneNumberUtil.NormalizeDigitsOnly(input), null);
            return Numbers.IsValidNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    // The fewest digits a number of this country code has, local numbers (dialled without an area code) included.
    private static int ShortestNumber(int countryCode)
    {
        // Country codes of no country (+800 and the like) have metadata of their own.
        var metadata = Numbers.GetMetadataForRegion(Numbers.GetRegionCodeForCountryCode(countryCode))
            ?? Numbers.GetMetadataForNonGeographicalRegion(countryCode);
        var lengths = metadata?.GeneralDesc.PossibleLengthList.Concat(metadata.GeneralDesc.PossibleLengthLocalOnlyList).ToList() ?? [];
        return lengths.Count == 0 ? 1 : lengths.Min();
    }
}
