using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class SignOutJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Rep_has_no_settings_link_and_is_refused_settings()
    {
        await SignInAsAsync(Rep1);
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Leads" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);

        await Page.GotoAsync("/settings");
        await Expect(Heading).ToHaveTextAsync("You don't have access to that page");
        await ScreenshotAsync("settings-denied");
    }

    [Fact]
    public async Task Rep_signs_out_and_must_sign_in_again()
    {
        await SignInAsAsync(Rep1);
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Account menu") }).ClickAsync();
        var signOut = Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeVisibleAsync();
        await ScreenshotAsync("user-menu");

        await signOut.ClickAsync();
        await ExpectPathAsync("/account/signin?signedOut=true");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await ScreenshotAsync("signed-out");

        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/account/signin\?ReturnUrl=%2F$"));
        await Expect(Heading).ToHaveTextAsync("Sign in");
    }
}
