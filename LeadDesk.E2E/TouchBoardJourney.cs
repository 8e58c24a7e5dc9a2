using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

/// <summary>A tablet or phone: touch screens send no drag events, so the board carries a card on a long press.</summary>
public sealed class TouchBoardJourney(AppServer app) : Journey(app)
{
    protected override bool Touch => true;

    private ILocator Column(string stage) =>
        Page.Locator("section.ld-column").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = stage }) });

    [Fact]
    public async Task A_long_press_carries_a_card_to_another_column_and_a_swipe_only_scrolls()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Touchco");
        await CreateLeadAsync("Ana", Unique("Souza"), $"{Unique("ana")}@example.com", company);
        await Page.GotoAsync($"/board?q={company}");
        await WaitUntilInteractiveAsync();
        var card = Column("New").Locator(".ld-kcard");
        await Expect(card).ToHaveCountAsync(1);
        var touch = await Page.Context.NewCDPSessionAsync(Page);

        // A finger that moves at once is a swipe: it scrolls, and carries nothing.
        var from = (await card.BoundingBoxAsync())!;
        await TouchAsync(touch, "touchStart", from.X + 30, from.Y + 20);
        await TouchAsync(touch, "touchMove", from.X + 130, from.Y + 60);
        await TouchAsync(touch, "touchEnd");

        // A long press picks the card up: it fades, and the columns it can go to are outlined.
        from = (await card.BoundingBoxAsync())!; // wherever the swipe scrolled it
        var to = (await Column("Contacted").Locator("[data-cards]").BoundingBoxAsync())!;
        await TouchAsync(touch, "touchStart", from.X + 30, from.Y + 20);
        await Expect(Page.Locator(".ld-kcard-dragging")).ToHaveCountAsync(1);
        await Expect(Column("Contacted").Locator(".ld-drop-ok")).ToHaveCountAsync(1);
        await TouchAsync(touch, "touchMove", (from.X + to.X) / 2, to.Y + 40);
        await TouchAsync(touch, "touchMove", to.X + 40, to.Y + 40);
        await Expect(Column("Contacted")).ToHaveAttributeAsync("data-touch-over", "");
        await ScreenshotAsync("touch-carrying", fullPage: false);
        await TouchAsync(touch, "touchEnd");

        await Expect(Column("Contacted").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(0);
        await Expect(Snackbar).ToHaveCountAsync(1); // one move: the swipe moved nothing
        await Expect(Snackbar).ToContainTextAsync("moved to Contacted");
        await Expect(Page.Locator(".ld-kcard-dragging, .ld-drop-ok, [data-touch-over]")).ToHaveCountAsync(0);
        Assert.EndsWith($"/board?q={company}", Page.Url, StringComparison.Ordinal); // putting it down did not open the lead
    }

    // Playwright has no long press or touch move; Chromium's DevTools protocol sends real touch events.
    private static async Task TouchAsync(ICDPSession touch, string type, float x = 0, float y = 0) =>
        await touch.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
}
