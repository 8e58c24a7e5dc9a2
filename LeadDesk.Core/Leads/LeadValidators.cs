using FluentValidation;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Phones;

namespace LeadDesk.Core.Leads;

/// <summary>
/// The rules every lead write obeys, from the UI, the API and imports alike. A phone is read in the workspace's
/// region, so only input that is no phone number there is refused (<see cref="PhoneFormat"/>).
/// </summary>
/// <remarks>
/// Messages are made when a lead is validated, in the caller's language. FluentValidation's own messages (lengths)
/// come in that language too; the field names they quote are given here so they are translated as well.
/// </remarks>
public class LeadInputValidator<T> : AbstractValidator<T> where T : LeadInput
{
    /// <summary>Error codes of the two rules callers recognise (the external API's "name or contact missing"), in any language.</summary>
    public const string NameRequiredCode = "NameRequired";
    public const string ContactRequiredCode = "ContactRequired";
    /// <summary>
    /// Validation context data: the phone the lead has stored. Sent back as it is, it is not judged again: a number stored
    /// before E.164 that no longer reads ("+07911123456") must not block saving the lead's other fields.
    /// </summary>
    public const string StoredPhone = "StoredPhone";

    public LeadInputValidator(PhoneRegions phoneRegions)
    {
        RuleFor(l => l.FirstName).MaximumLength(LeadLimits.NameMaxLength).WithName(_ => Messages.T("First Name"));
        RuleFor(l => l.LastName).MaximumLength(LeadLimits.NameMaxLength).WithName(_ => Messages.T("Last Name"));
        RuleFor(l => l.FirstName)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.FirstName) || !string.IsNullOrWhiteSpace(lead.LastName))
            .WithMessage(_ => Messages.T("Enter the lead's name."))
            .WithErrorCode(NameRequiredCode);

        RuleFor(l => l.Email)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.Email) || !string.IsNullOrWhiteSpace(lead.Phone))
            .WithMessage(_ => Messages.T("Enter an email address or a phone number."))
            .WithErrorCode(ContactRequiredCode);
        RuleFor(l => l.Phone)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.Email) || !string.IsNullOrWhiteSpace(lead.Phone))
            .WithMessage(_ => Messages.T("Enter an email address or a phone number."))
            .WithErrorCode(ContactRequiredCode);
        RuleFor(l => l.Email)
            .MaximumLength(LeadLimits.EmailMaxLength).WithName(_ => Messages.T("Email"))
            .Must(ContactNormalizer.IsValidEmail).WithMessage(_ => Messages.T("Enter a valid email address, like name@example.com."))
            .When(l => !string.IsNullOrWhiteSpace(l.Email));
        RuleFor(l => l.Phone)
            .MaximumLength(LeadLimits.PhoneMaxLength).WithName(_ => Messages.T("Phone"))
            .CustomAsync(async (phone, context, cancellationToken) =>
            {
                if (PhoneFormat.Problem(phone!, await phoneRegions.CurrentAsync(cancellationToken)) is { } problem)
                {
                    context.AddFailure(problem);
                }
            })
            .When((l, context) => !string.IsNullOrWhiteSpace(l.Phone)
                && !(context.RootContextData.TryGetValue(StoredPhone, out var stored) && Equals(stored, l.Phone)));

        RuleFor(l => l.Company).MaximumLength(LeadLimits.CompanyMaxLength).WithName(_ => Messages.T("Company"));
        RuleFor(l => l.Title).MaximumLength(LeadLimits.TitleMaxLength).WithName(_ => Messages.T("Title"));
        RuleFor(l => l.Source).MaximumLength(LeadLimits.SourceMaxLength).WithName(_ => Messages.T("Source"));
        RuleFor(l => l.Description).MaximumLength(LeadLimits.DescriptionMaxLength).WithName(_ => Messages.T("Description"));
        RuleFor(l => l.Priority).IsInEnum().WithMessage(_ => Messages.T("Choose low, medium, high or critical."));
        RuleFor(l => l.EstimatedValue)
            .InclusiveBetween(0m, LeadLimits.MaxValue)
            .WithMessage(_ => Messages.T("Enter an amount between 0 and {0:N0}.", LeadLimits.MaxValue));
        RuleFor(l => l.EstimatedValue)
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value)
            .WithMessage(_ => Messages.T("Use at most two decimal places."));
        RuleFor(l => l.Score).InclusiveBetween(0, 100).WithMessage(_ => Messages.T("A score is between 0 and 100."));
        RuleFor(l => l.CustomFields)
            .Must(fields => CustomFields.Problem(fields) is null)
            .WithMessage(l => CustomFields.Problem(l.CustomFields) ?? "");
    }
}

public sealed class LeadInputValidator(PhoneRegions phoneRegions) : LeadInputValidator<LeadInput>(phoneRegions);

public sealed class NewLeadValidator : LeadInputValidator<NewLead>
{
    public NewLeadValidator(PhoneRegions phoneRegions) : base(phoneRegions)
    {
        RuleFor(l => l.Channel).IsInEnum().WithMessage(_ => Messages.T("Choose web, telegram, email, manual, api, import or form."));
    }
}
