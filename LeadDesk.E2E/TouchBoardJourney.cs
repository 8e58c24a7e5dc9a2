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

        // A finger that moves at once is a swipe: it scrolls, and carries nothing. (The finger goes down on the card's
        // figures, not its name: a gesture too quick to read as a swipe is a tap, and a tap on the name opens the lead.)
        var from = await FiguresAsync(card);
        await TouchAsync(touch, "touchStart", from.X, from.Y);
        for (var step = 1; step <= 5; step++)
        {
            await TouchAsync(touch, "touchMove", from.X + step * 20, from.Y + step * 8);
        }
        await TouchAsync(touch, "touchEnd");

        // A long press picks the card up: it fades, and the columns it can go to are outlined.
        from = await FiguresAsync(card); // wherever the swipe scrolled it
        var to = (await Column("Contacted").Locator("[data-cards]").BoundingBoxAsync())!;
        await TouchAsync(touch, "touchStart", from.X, from.Y);
        await Expect(Page.Locator(".ld-kcard-dragging")).ToHaveCountAsync(1);
        await Expect(Column("Contacted").Locator(".ld-drop-ok")).ToHaveCountAsync(1);
        await TouchAsync(touch, "touchMove", (from.X + to.X) / 2, from.Y);
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

    /// <summary>The middle of the card's line of figures (value, priority, score, owner): no link there.</summary>
    private static async Task<(float X, float Y)> FiguresAsync(ILocator card)
    {
        var figures = (await card.Locator(".ld-kcard-value").BoundingBoxAsync())!;
        return (figures.X + figures.Width / 2, figures.Y + figures.Height / 2);
    }

    // Playwright has no long press or touch move; Chromium's DevTools protocol sends real touch events.
    private static async Task TouchAsync(ICDPSession touch, string type, float x = 0, float y = 0) =>
        await touch.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
}
