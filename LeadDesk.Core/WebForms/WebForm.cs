using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.WebForms;

/// <summary>
/// A form on a customer's website that posts leads to <c>/f/{Key}</c> with no secret in the page: the key
/// only identifies the form; origins, a honeypot and rate limits keep it honest.
/// </summary>
public class WebForm : WorkspaceEntity
{
    public const int KeyLength = 24;
    public const int NameMaxLength = 100;
    public const int OriginsMaxLength = 2_000;
    public const int UrlMaxLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    /// <summary>Public: it is in the form's action URL.</summary>
    public string Key { get; private set; }
    public string Name { get; set; }
    /// <summary>The lead fields the form captures (<see cref="WebFormFields"/> keys), space-separated.</summary>
    public string Fields { get; set; }
    public string? DefaultSource { get; set; }
    public Guid? StageId { get; set; }
    public Guid? OwnerId { get; set; }
    /// <summary>Sites allowed to post it, one origin per line (<c>https://www.example.com</c>); empty allows any.</summary>
    public string? AllowedOrigins { get; set; }
    public string? SuccessRedirectUrl { get; set; }
    public bool IsActive { get; set; } = true;
    public int SubmissionCount { get; set; }
    public DateTime? LastSubmissionAt { get; set; }

    public WebForm(string key, string name, string fields)
    {
        Key = key;
        Name = name;
        Fields = fields;
    }

    public IReadOnlyList<string> FieldList => Fields.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> OriginList =>
        (AllowedOrigins ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The fields a web form can capture, with the input each is in the snippet.</summary>
public static class WebFormFields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Company = "company";
    public const string Title = "title";
    public const string Message = "message";
    /// <summary>The honeypot: hidden from people, filled in by bots. A submission with it is dropped quietly.</summary>
    public const string Honeypot = "website_url";

    public static readonly IReadOnlyList<(string Key, string Label, string InputType)> All =
    [
        (Name, "Name", "text"),
        (Email, "Email", "email"),
        (Phone, "Phone", "tel"),
        (Company, "Company", "text"),
        (Title, "Job title", "text"),
        (Message, "Message", "textarea"),
    ];
}
