using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed partial class SignInJourney(AppServer app) : Journey(app)
{
    private static readonly string[] CountFigures = ["stat-open", "stat-new", "stat-mine", "stat-converted", "stat-disqualified"];

    /// <summary>"$950", "$12.5K", "$12.8M".</summary>
    [GeneratedRegex(@"^\$\d[\d,]*(\.\d)?[KMB]?$")]
    private static partial Regex Money();

    [Fact]
    public async Task Wrong_password_keeps_the_email_then_the_right_one_opens_the_dashboard()
    {
        await Page.GotoAsync("/account/signin");
        await Page.Locator("#email").FillAsync(Admin);
        await Page.Locator("#password").FillAsync("not-the-password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.GetByTestId("signin-error")).ToHaveTextAsync("The email or password is not correct.");
        await Expect(Page.Locator("#email")).ToHaveValueAsync(Admin);
        await Expect(Page.Locator("#password")).ToBeEmptyAsync();
        await ScreenshotAsync("wrong-password");

        await SignInAsAsync(Admin);

        foreach (var figure in CountFigures)
        {
            await Expect(Page.GetByTestId(figure).Locator(".ld-figure-value")).ToHaveTextAsync(Count());
        }
        await Expect(Page.GetByTestId("stat-value").Locator(".ld-figure-value")).ToHaveTextAsync(Money());
        var stages = Page.Locator("tr[data-stage]");
        await Expect(stages).ToHaveCountAsync(5);
        Assert.Equal(
            ["new", "contacted", "qualified", "proposal", "negotiation"],
            await stages.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.stage)"));
        var counts = await stages.GetByTestId("stage-count").AllInnerTextsAsync();
        Assert.All(counts, count => Assert.Matches(Count(), count));
        Assert.True(counts.Sum(ParseCount) > 0, "The demo workspace has open leads in its stages.");
        await ScreenshotAsync("dashboard");
    }
}
