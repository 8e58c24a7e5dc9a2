using FluentValidation;
using LeadDesk.Core.Phones;

namespace LeadDesk.Core.Leads;

/// <summary>
/// The rules every lead write obeys, from the UI, the API and imports alike. A phone is read in the workspace's
/// region, so only input that is no phone number there is refused (<see cref="PhoneFormat"/>).
/// </summary>
public class LeadInputValidator<T> : AbstractValidator<T> where T : LeadInput
{
    public const string ContactRequired = "Enter an email address or a phone number.";
    public const string NameRequired = "Enter the lead's name.";
    /// <summary>
    /// Validation context data: the phone the lead has stored. Sent back as it is, it is not judged again: a number stored
    /// before E.164 that no longer reads ("+07911123456") must not block saving the lead's other fields.
    /// </summary>
    public const string StoredPhone = "StoredPhone";

    public LeadInputValidator(PhoneRegions phoneRegions)
    {
        RuleFor(l => l.FirstName).MaximumLength(LeadLimits.NameMaxLength);
        RuleFor(l => l.LastName).MaximumLength(LeadLimits.NameMaxLength);
        RuleFor(l => l.FirstName)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.FirstName) || !string.IsNullOrWhiteSpace(lead.LastName))
            .WithMessage(NameRequired);

        RuleFor(l => l.Email)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.Email) || !string.IsNullOrWhiteSpace(lead.Phone))
            .WithMessage(ContactRequired);
        RuleFor(l => l.Phone)
            .Must((lead, _) => !string.IsNullOrWhiteSpace(lead.Email) || !string.IsNullOrWhiteSpace(lead.Phone))
            .WithMessage(ContactRequired);
        RuleFor(l => l.Email)
            .MaximumLength(LeadLimits.EmailMaxLength)
            .Must(ContactNormalizer.IsValidEmail).WithMessage("Enter a valid email address, like name@example.com.")
            .When(l => !string.IsNullOrWhiteSpace(l.Email));
        RuleFor(l => l.Phone)
            .MaximumLength(LeadLimits.PhoneMaxLength)
            .CustomAsync(async (phone, context, cancellationToken) =>
            {
                if (PhoneFormat.Problem(phone!, await phoneRegions.CurrentAsync(cancellationToken)) is { } problem)
                {
                    context.AddFailure(problem);
                }
            })
            .When((l, context) => !string.IsNullOrWhiteSpace(l.Phone)
                && !(context.RootContextData.TryGetValue(StoredPhone, out var stored) && Equals(stored, l.Phone)));

        RuleFor(l => l.Company).MaximumLength(LeadLimits.CompanyMaxLength);
        RuleFor(l => l.Title).MaximumLength(LeadLimits.TitleMaxLength);
        RuleFor(l => l.Source).MaximumLength(LeadLimits.SourceMaxLength);
        RuleFor(l => l.Description).MaximumLength(LeadLimits.DescriptionMaxLength);
        RuleFor(l => l.Priority).IsInEnum().WithMessage("Choose low, medium, high or critical.");
        RuleFor(l => l.EstimatedValue)
            .InclusiveBetween(0m, LeadLimits.MaxValue)
            .WithMessage($"Enter an amount between 0 and {LeadLimits.MaxValue:N0}.");
        RuleFor(l => l.EstimatedValue)
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value)
            .WithMessage("Use at most two decimal places.");
        RuleFor(l => l.Score).InclusiveBetween(0, 100).WithMessage("A score is between 0 and 100.");
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
        RuleFor(l => l.Channel).IsInEnum().WithMessage("Choose web, telegram, email, manual, api, import or form.");
    }
}
