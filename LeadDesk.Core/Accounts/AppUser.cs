using Microsoft.AspNetCore.Identity;

namespace LeadDesk.Core.Accounts;

public class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 120;
    public const int LanguageMaxLength = 10;

    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";

    /// <summary>The UI language this person chose ("en-US", "pt-BR"); null: their browser's.</summary>
    public string? Language { get; set; }

    public string Initials => string.Concat(
        DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));
}
