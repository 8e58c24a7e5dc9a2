namespace LeadDesk.Core.Leads;

/// <summary>Length limits shared by the EF configuration and the validators.</summary>
public static class LeadLimits
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 32;
    public const int CompanyMaxLength = 200;
    public const int TitleMaxLength = 120;
    public const int SourceMaxLength = 100;
    public const int DescriptionMaxLength = 10_000;
    public const int CustomFieldsMaxLength = 16_384;
    public const int ReasonMaxLength = 100;
    public const int ReasonNotesMaxLength = 2_000;
    /// <summary>Lower-cased name, email, company and phone joined: the one column search reads.</summary>
    public const int SearchTextMaxLength = 700;
    public const decimal MaxValue = 999_999_999_999m;
}
