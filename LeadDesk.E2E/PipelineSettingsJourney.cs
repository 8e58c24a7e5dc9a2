using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class PipelineSettingsJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Admin_adds_a_pipeline_and_its_stages_drags_one_into_place_sees_that_order_on_the_board_then_deletes_it()
    {
        await SignInAsAsync(Admin);
        await Page.GotoAsync("/settings");
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = "Pipelines and stages" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Pipelines and stages");

        var name = Unique("Partners ");
        await Page.Locator("#new-pipeline-name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add pipeline" }).ClickAsync();
        var card = Page.Locator("[data-pipeline]", new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = name }) });
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["New"]);

        await AddStageAsync(card, "Intro call");
        await AddStageAsync(card, "Contract");
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["New", "Intro call", "Contract"]);
        await ScreenshotAsync("stages-added");

        // The order is kept: after a reload, drag "Contract" by its row to the top.
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["New", "Intro call", "Contract"]);
        var rows = card.Locator(".ld-stage-row");
        var from = (await rows.Nth(2).BoundingBoxAsync())!;
        var to = (await rows.Nth(0).BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(from.X + 20, from.Y + from.Height / 2);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(from.X + 20, to.Y + 5, new() { Steps = 10 });
        await Page.Mouse.UpAsync();
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["Contract", "New", "Intro call"]);
        await Expect(Snackbar).ToContainTextAsync("Stages reordered.");

        // The keyboard path: the arrows, with the focus staying on the moved stage.
        await card.GetByRole(AriaRole.Button, new() { Name = "Move Intro call up" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["Contract", "Intro call", "New"]);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Move Intro call up" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(card.Locator(".ld-stage-row strong")).ToHaveTextAsync(["Intro call", "Contract", "New"]);
        await ScreenshotAsync("stages-reordered");

        // The board draws the pipeline's columns in that order.
        var pipelineId = await card.GetAttributeAsync("data-pipeline");
        await Page.GotoAsync($"/board?pipeline={pipelineId}");
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("section.ld-column h2")).ToHaveTextAsync(["Intro call", "Contract", "New"]);

        // No leads are in it: it goes without asking where they go.
        await Page.GotoAsync("/settings/pipelines");
        await WaitUntilInteractiveAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("No leads are in it.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_adds_a_stage_that_asks_for_a_date_a_rep_drags_a_lead_into_it_and_is_asked_for_the_date()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Demoday");
        await CreateLeadAsync("Ines", Unique("Duarte"), $"{Unique("ines")}@example.pt", company);

        // The admin adds "Demo booked" to the Sales pipeline, puts it right after New, and has it ask for the demo's date.
        var stage = Unique("Demo booked ");
        await Page.GotoAsync("/settings/pipelines");
        await WaitUntilInteractiveAsync();
        var sales = Page.Locator("[data-pipeline]", new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Sales" }) });
        await AddStageAsync(sales, stage);
        for (var above = 4; above > 0; above--)
        {
            await sales.GetByRole(AriaRole.Button, new() { Name = $"Move {stage} up" }).ClickAsync();
            await Expect(sales.Locator(".ld-stage-row strong").Nth(above)).ToHaveTextAsync(stage);
        }
        await sales.GetByRole(AriaRole.Button, new() { Name = $"Fields {stage} asks for" }).ClickAsync();
        var fields = Page.GetByRole(AriaRole.Dialog);
        await fields.Locator("input[data-field=label]").FillAsync("Demo date");
        await ChooseAsync(fields.GetByTestId("field-type"), "Date");
        await fields.GetByText("Required: a lead cannot enter the stage without it").ClickAsync();
        await fields.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(fields.Locator("[data-field-id]")).ToContainTextAsync("Demo date");
        await ScreenshotAsync("stage-field-added");
        await fields.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        // A rep, at another browser, drags the lead into it: the board asks for the date first.
        var rep = await SecondBrowserAsync(Rep1);
        await rep.SetViewportSizeAsync(1680, 900);
        await rep.GotoAsync($"/board?q={company}");
        await WaitUntilInteractiveAsync(rep);
        ILocator Column(string name) => rep.Locator("section.ld-column").Filter(new() { Has = rep.GetByRole(AriaRole.Heading, new() { Name = name }) });
        await Expect(rep.Locator("section.ld-column h2").Nth(1)).ToHaveTextAsync(stage);
        await Column("New").Locator(".ld-kcard").DragToAsync(Column(stage).Locator("[data-cards]"));
        var dialog = rep.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"{stage} asks for these details first");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(dialog.Locator(".mud-input-error").Last).ToHaveTextAsync($"{stage} needs Demo date.");
        await dialog.GetByLabel("Demo date").FillAsync("2026-12-03");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(Column(stage).Locator(".ld-kcard")).ToHaveCountAsync(1);
        await rep.ScreenshotAsync(new() { Path = ScreenshotPath("rep-moved-into-new-stage"), FullPage = true });

        // The admin takes the stage away again; its lead goes back to New, as chosen.
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        await sales.GetByRole(AriaRole.Button, new() { Name = $"Delete {stage}" }).ClickAsync();
        var delete = Page.GetByRole(AriaRole.Dialog);
        await Expect(delete).ToContainTextAsync("1 lead is in it");
        await ChooseAsync(delete.GetByTestId("move-to"), "Sales · New");
        await delete.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Snackbar.Last).ToContainTextAsync("Deleted; its lead moved.");
        await Expect(sales.Locator(".ld-stage-row strong")).ToHaveTextAsync(["New", "Contacted", "Qualified", "Proposal", "Negotiation"]);
    }

    private async Task AddStageAsync(ILocator card, string stage)
    {
        await card.GetByRole(AriaRole.Button, new() { Name = "Add a stage" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-field=name]").FillAsync(stage);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(card.Locator(".ld-stage-row strong").Last).ToHaveTextAsync(stage);
    }
}
