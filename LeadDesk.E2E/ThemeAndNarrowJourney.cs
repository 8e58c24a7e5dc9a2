using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

/// <summary>A rep on a phone (375 px), in the light and the dark theme, with the keyboard for the move dialog.</summary>
public sealed class ThemeAndNarrowJourney(AppServer app) : Journey(app)
{
    private const int Width = 375;

    // The palettes' page backgrounds (AppLayout's theme): what the body shows in each theme.
    private const string LightBackground = "rgb(244, 246, 249)";
    private const string DarkBackground = "rgb(18, 22, 28)";

    private ILocator ThemeToggle => Page.GetByTestId("theme-toggle");

    private ILocator Body => Page.Locator("body");

    private ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    [Fact]
    public async Task A_rep_on_a_phone_switches_to_dark_navigates_works_a_lead_and_uses_the_keyboard()
    {
        await Page.SetViewportSizeAsync(Width, 740);
        await SignInAsAsync(Rep1);
        var last = Unique("Tanaka");
        // A long email, as some are: the list must still fit the phone (it is the newest lead, at the top).
        var path = await CreateLeadAsync("Yuki", last, $"{Unique("yuki.tanaka-nakamura")}@sales.osaka-kilns.example.jp", Unique("Osaka Kilns "));

        await Page.GotoAsync("/board");
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("section.ld-column").First).ToBeVisibleAsync();
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
        await Expect(ThemeToggle).ToHaveAttributeAsync("aria-pressed", "false");
        await ScreenshotAsync("board-light"); // sideways scrolling of the board: its own test below

        await ThemeToggle.ClickAsync();
        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        await Expect(ThemeToggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(ThemeToggle).ToHaveAttributeAsync("aria-label", "Use the light theme");
        await ScreenshotAsync("board-dark");

        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        await Expect(ThemeToggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Contains(await Page.Context.CookiesAsync(), c => c is { Name: "ld.theme", Value: "dark" });

        // On a phone the navigation is a drawer behind the menu button.
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var leadsLink = nav.GetByRole(AriaRole.Link, new() { Name = "Leads" });
        await Expect(leadsLink).Not.ToBeInViewportAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Navigation", Exact = true }).ClickAsync();
        await Expect(leadsLink).ToBeInViewportAsync();
        await ScreenshotAsync("drawer-dark");
        await leadsLink.ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(Heading).ToHaveTextAsync("Leads");
        await Expect(LeadRows.First).ToBeVisibleAsync();
        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        await ExpectNoSidewaysScrollAsync("the lead list");
        // Nor inside its card: the grid shows each row as "label value" lines, and a long email must wrap.
        var grid = await Page.EvaluateAsync<string[]>("""
            () => {
              const table = document.querySelector('[data-testid=lead-grid] table');
              const widest = [...table.querySelectorAll('tbody td > *')].sort((a, b) => b.scrollWidth - a.scrollWidth)[0];
              return [String(Math.round(table.getBoundingClientRect().width)), String(table.closest('.mud-table-container').clientWidth), widest?.outerHTML.slice(0, 200) ?? ''];
            }
            """);
        Assert.True(int.Parse(grid[0], CultureInfo.InvariantCulture) <= int.Parse(grid[1], CultureInfo.InvariantCulture) + 1,
            $"the lead grid is {grid[0]} px wide in its {grid[1]} px card at {Width} px; its widest value: {grid[2]}");
        await ScreenshotAsync("leads-dark");

        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
        await Expect(Heading).ToHaveTextAsync($"Yuki {last}");
        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        await ExpectNoSidewaysScrollAsync("the lead page");
        await ScreenshotAsync("lead-dark");

        // Seven tabs do not fit 375 px: the tab bar scrolls with its buttons, and a tab past its edge can be chosen.
        await Expect(Page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(7);
        var history = Page.GetByRole(AriaRole.Tab, new() { Name = "History" });
        await Expect(history).Not.ToBeInViewportAsync();
        var scrollRight = Page.GetByRole(AriaRole.Button, new() { Name = "Scroll tabs right" });
        await scrollRight.ClickAsync();
        for (var presses = 1; presses < 6 && !await IsInViewAsync(history) && await scrollRight.IsEnabledAsync(); presses++)
        {
            await scrollRight.ClickAsync();
        }
        await Expect(history).ToBeInViewportAsync(); // scrolled into sight by the bar's own button
        await ScreenshotAsync("tabs-scrolled-dark", fullPage: false);
        await history.ClickAsync();
        await ExpectPathAsync($"{path}?tab=history");
        await Expect(history).ToHaveAttributeAsync("aria-selected", "true");
        await ScreenshotAsync("history-tab-chosen-dark", fullPage: false);
        await Expect(Page.GetByTestId("history-field").First).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync("the lead page's history");
        await ScreenshotAsync("history-tab-dark");

        // The keyboard alone: Tab reaches "Move to…", Enter opens the dialog, the keyboard closes it (Escape: see below).
        await OpenTheMoveDialogWithTheKeyboardAsync($"Move Yuki {last}");
        await ExpectNoSidewaysScrollAsync("the move dialog");
        await ScreenshotAsync("move-dialog-dark");
        var cancel = Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" });
        for (var presses = 0; presses < 20 && !await IsFocusedAsync(cancel); presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(cancel).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator(".mud-overlay-dialog")).ToHaveCountAsync(0); // its fading overlay would take the next click
        await Expect(Page.Locator(".ld-stage-path li.is-current")).ToHaveTextAsync("New");

        // Back to light, and that choice is remembered too.
        await ThemeToggle.ClickAsync();
        await Expect(ThemeToggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
        Assert.Contains(await Page.Context.CookiesAsync(), c => c is { Name: "ld.theme", Value: "light" });
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "History" })).ToHaveAttributeAsync("aria-selected", "true");
        await ScreenshotAsync("history-tab-light");
    }

    [Fact]
    public async Task The_board_does_not_scroll_sideways_on_a_phone()
    {
        await Page.SetViewportSizeAsync(Width, 740);
        await SignInAsAsync(Rep1);
        await Page.GotoAsync("/board");
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("section.ld-column .ld-kcard").First).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync("the board");
    }

    [Fact]
    public async Task Escape_closes_the_move_dialog()
    {
        await SignInAsAsync(Rep1);
        var last = Unique("Sato");
        await CreateLeadAsync("Ren", last, $"{Unique("ren")}@example.jp", Unique("Kobe Steelworks "));
        await OpenTheMoveDialogWithTheKeyboardAsync($"Move Ren {last}");
        // MudBlazor starts listening for keys a moment after the dialog shows: a key pressed before that is not seen.
        for (var presses = 0; presses < 10 && await Dialog.CountAsync() > 0; presses++)
        {
            await Page.Keyboard.PressAsync("Escape");
            await Page.WaitForFunctionAsync("() => !document.querySelector('[role=dialog]')", null, new() { Timeout = 1000 }).ContinueWith(_ => { });
        }
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    private async Task OpenTheMoveDialogWithTheKeyboardAsync(string title)
    {
        var move = Page.Locator("[data-action=move]");
        await Heading.ClickAsync(); // Tab goes on from here
        for (var presses = 0; presses < 40 && !await IsFocusedAsync(move); presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(move).ToBeFocusedAsync();
        await ScreenshotAsync("move-focused");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Dialog).ToContainTextAsync(title);
    }

    private static Task<bool> IsInViewAsync(ILocator control) => control.EvaluateAsync<bool>(
        "e => { const box = e.getBoundingClientRect(); const bar = e.closest('.mud-tabs-tabbar').getBoundingClientRect(); "
        + "return box.left >= bar.left && box.right <= bar.right; }");

    private static Task<bool> IsFocusedAsync(ILocator control) => control.EvaluateAsync<bool>("e => e === document.activeElement");

    private async Task ExpectNoSidewaysScrollAsync(string what)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        if (scrollWidth > innerWidth + 1)
        {
            Assert.Fail($"{what} scrolls sideways at {Width} px: {scrollWidth} px wide in a {innerWidth} px window; "
                + $"what sticks out: {string.Join(", ", await Page.EvaluateAsync<string[]>(WiderThanTheWindow))}.");
        }
    }

    // Suspects for a sideways scroll: elements past the window's right edge inside a parent that is not, and positioned ones
    // (a scrolling box does not clip an absolute element whose containing block lies outside it).
    private const string WiderThanTheWindow = """
        () => [...document.body.querySelectorAll('*')].filter(e => {
            const right = el => el.getBoundingClientRect().right;
            return right(e) > window.innerWidth + 1
                && (right(e.parentElement) <= window.innerWidth + 1 || ['absolute', 'fixed'].includes(getComputedStyle(e).position));
        }).slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (to ${Math.round(e.getBoundingClientRect().right)} px) in ${e.parentElement.tagName.toLowerCase()}.${[...e.parentElement.classList].join('.')}`)
        """;
}
