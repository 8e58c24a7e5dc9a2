using System.Security.Claims;
using LeadDesk.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Auth;

/// <summary>
/// Adds the display name to the sign-in cookie so the header needs no query for it, and the chosen language so signing
/// in can set this browser's language cookie.
/// </summary>
internal sealed class LeadDeskClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string DisplayNameClaim = "ld:display_name";
    public const string LanguageClaim = "ld:language";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.Language is not null)
        {
            identity.AddClaim(new Claim(LanguageClaim, user.Language));
        }
        return identity;
    }
}
