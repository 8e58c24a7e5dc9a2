using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class BoardJourney(AppServer app) : Journey(app)
{
    private ILocator Column(string stage) => Column(Page, stage);

    private static ILocator Column(IPage page, string stage) =>
        page.Locator("section.ld-column").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = stage }) });

    private ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    private async Task OpenBoardAsync(string company)
    {
        // Every column on screen: a drag whose target must first scroll into view would start from wherever the pointer
        // is after the scroll (Playwright moves the pointer only once the target is visible).
        await Page.SetViewportSizeAsync(1680, 900);
        await Page.GotoAsync($"/board?q={company}");
        await WaitUntilInteractiveAsync();
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Dragging_into_a_stage_with_a_required_field_asks_for_it_in_a_dialog()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Dragco");
        await CreateLeadAsync("Priya", Unique("Raman"), $"{Unique("priya")}@example.in", company);

        await OpenBoardAsync(company);
        await ScreenshotAsync("board-filtered");

        await Column("New").Locator(".ld-kcard").DragToAsync(Column("Proposal").Locator("[data-cards]"));
        await Expect(Dialog).ToBeVisibleAsync();
        await Expect(Dialog).ToContainTextAsync("Proposal asks for these details first");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(Dialog.Locator(".mud-input-error").Last).ToHaveTextAsync("Proposal needs Proposal amount.");
        await Dialog.GetByLabel("Proposal amount").FillAsync("42000");
        await ScreenshotAsync("required-field-dialog");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();

        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(Column("Proposal").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(0);
        await Expect(Column("Proposal").GetByTestId("column-count")).ToHaveTextAsync("1");
        await Expect(Page.Locator(".mud-snackbar").Last).ToContainTextAsync("moved to Proposal");
        await ScreenshotAsync("moved");
    }

    [Fact]
    public async Task Cancelling_the_dialog_puts_the_card_back()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Cancelco");
        await CreateLeadAsync("Omar", Unique("Haddad"), $"{Unique("omar")}@example.com", company);
        await OpenBoardAsync(company);

        await Column("New").Locator(".ld-kcard").DragToAsync(Column("Negotiation").Locator("[data-cards]"));
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column("Negotiation").Locator(".ld-kcard")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_keyboard_path_moves_a_card_with_the_move_dialog()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Keyco");
        await CreateLeadAsync("Lena", Unique("Koch"), $"{Unique("lena")}@example.de", company);
        await OpenBoardAsync(company);

        await Column("New").Locator(".ld-move-button").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Dialog).ToContainTextAsync("Move Lena");
        await Dialog.GetByLabel("Negotiation").CheckAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(Dialog.Locator(".mud-input-error").Last).ToHaveTextAsync("Negotiation needs Expected close date.");
        await Dialog.GetByLabel("Expected close date").FillAsync("2027-01-15");
        await ScreenshotAsync("move-dialog");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();

        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(Column("Negotiation").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Heading).ToHaveTextAsync("Board");
    }

    [Fact]
    public async Task A_card_moved_in_one_browser_moves_in_another_without_a_reload()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Liveco");
        await CreateLeadAsync("Ines", Unique("Vidal"), $"{Unique("ines")}@example.es", company);
        await OpenBoardAsync(company);
        var colleague = await SecondBrowserAsync(Rep1);
        await colleague.SetViewportSizeAsync(1680, 900);
        await colleague.GotoAsync($"/board?q={company}");
        await WaitUntilInteractiveAsync(colleague);
        await Expect(Column(colleague, "New").Locator(".ld-kcard")).ToHaveCountAsync(1);

        await Column("New").Locator(".ld-kcard").DragToAsync(Column("Contacted").Locator("[data-cards]"));
        await Expect(Snackbar.Last).ToContainTextAsync("moved to Contacted");

        // Within a second or two, with no reload on the colleague's side.
        await Expect(Column(colleague, "Contacted").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column(colleague, "New").Locator(".ld-kcard")).ToHaveCountAsync(0);
        await Expect(Column(colleague, "Contacted").GetByTestId("column-count")).ToHaveTextAsync("1");
        await colleague.ScreenshotAsync(new() { Path = ScreenshotPath("colleague-sees-the-move") });
    }
}
