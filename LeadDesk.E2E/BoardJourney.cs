using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class BoardJourney(AppServer app) : Journey(app)
{
    private ILocator Column(string stage) => Page.Locator("section.ld-column").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = stage }) });

    [Fact]
    public async Task Dragging_into_a_stage_with_a_required_field_asks_for_it_in_a_dialog()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Dragco");
        await CreateLeadAsync("Priya", Unique("Raman"), $"{Unique("priya")}@example.in", company);

        await Page.GotoAsync($"/board?q={company}");
        var card = Column("New").Locator(".ld-kcard");
        await Expect(card).ToHaveCountAsync(1);
        await ScreenshotAsync("board-filtered");

        await card.DragToAsync(Column("Proposal").Locator("[data-cards]"));
        var dialog = Page.Locator("#ld-move-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Proposal asks for these details first");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(dialog.Locator(".invalid-feedback")).ToHaveTextAsync("Proposal needs Proposal amount.");
        await dialog.GetByLabel("Proposal amount").FillAsync("42000");
        await ScreenshotAsync("required-field-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Column("Proposal").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(0);
        await Expect(Column("Proposal").GetByTestId("column-count")).ToHaveTextAsync("1");
        await Expect(Page.Locator(".ld-toast").Last).ToContainTextAsync("moved to Proposal");
        await ScreenshotAsync("moved");
    }

    [Fact]
    public async Task Cancelling_the_dialog_puts_the_card_back()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Cancelco");
        await CreateLeadAsync("Omar", Unique("Haddad"), $"{Unique("omar")}@example.com", company);
        await Page.GotoAsync($"/board?q={company}");

        await Column("New").Locator(".ld-kcard").DragToAsync(Column("Negotiation").Locator("[data-cards]"));
        var dialog = Page.Locator("#ld-move-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Column("New").Locator(".ld-kcard")).ToHaveCountAsync(1);
        await Expect(Column("Negotiation").Locator(".ld-kcard")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_keyboard_path_moves_a_card_with_the_move_page()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Keyco");
        await CreateLeadAsync("Lena", Unique("Koch"), $"{Unique("lena")}@example.de", company);
        await Page.GotoAsync($"/board?q={company}");

        await Column("New").GetByRole(AriaRole.Link, new() { Name = "Move to…" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Heading).ToContainTextAsync("Move Lena");
        await Page.GetByLabel("Negotiation").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(Page.GetByTestId("move-problem")).ToContainTextAsync("Negotiation needs a few details");
        await Page.GetByLabel("Expected close date").FillAsync("2027-01-15");
        await ScreenshotAsync("move-page");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();

        await Expect(Heading).ToHaveTextAsync("Board");
        await Expect(Column("Negotiation").Locator(".ld-kcard")).ToHaveCountAsync(1);
    }
}
