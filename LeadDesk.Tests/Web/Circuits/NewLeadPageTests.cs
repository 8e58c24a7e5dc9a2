using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using LeadDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>
/// The interactive new-lead page (/leads/new): creating (stage, owner, priority, value, custom fields, phones in the
/// workspace's region), the Core validator's messages on their inputs with everything typed kept, the live duplicate
/// warning and its "create it anyway" tick, and what it refuses (another workspace's ids, a member who left).
/// </summary>
public sealed partial class NewLeadPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private CoreFixture Fixture => database.Fixture;

    // ---- Creating ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidInput_CreatesTheLead_SaysSo_AndOpensItsPage()
    {
        var (acme, manager) = await WorkspaceAsync(WorkspaceRole.Manager);
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Ada");
        await TypeAsync(page, "lead-last", "Lovelace");
        await TypeAsync(page, "lead-email", "  Ada@Example.COM ");
        await TypeAsync(page, "lead-company", "Analytical Engines");
        await ChangeAsync(page, "lead-value", "$25,000.50");
        await ChooseAsync(page, "Priority", nameof(LeadPriority.High));
        await CreateAsync(page);

        var id = await WaitForLeadPageAsync(context);
        var lead = await LeadAsync(acme, id);
        Assert.Equal(("Ada", "Lovelace", "ada@example.com", "Analytical Engines"), (lead.FirstName, lead.LastName, lead.Email, lead.Company));
        Assert.Equal(25_000.50m, lead.EstimatedValue);
        Assert.Equal(LeadPriority.High, lead.Priority);
        Assert.Equal(manager, lead.OwnerId); // the owner starts on the person creating it
        Assert.Equal((acme.PipelineId, acme.FirstStageId), (lead.PipelineId, lead.StageId));
        Assert.Equal(LeadChannel.Manual, lead.Channel);
        Assert.Contains("Lead Ada Lovelace created.", Snackbars(context));
    }

    [Fact]
    public async Task AChosenStage_OwnerAndSource_AreWhereItStarts_AndThePhoneIsReadInTheWorkspacesRegion()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var colleague = await TestData.MemberAsync(Fixture, acme, "colleague", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Staged");
        await TypeAsync(page, "lead-phone", "(555) 010-2030");
        await ChooseAsync(page, "Stage", $"{acme.SecondStageId}");
        await ChooseAsync(page, "Owner", $"{colleague}");
        await page.InvokeAsync(() => page.FindComponent<MudAutocomplete<string>>().Instance.ValueChanged.InvokeAsync("Trade fair"));
        await CreateAsync(page);

        var lead = await LeadAsync(acme, await WaitForLeadPageAsync(context));
        Assert.Equal(acme.SecondStageId, lead.StageId);
        Assert.Equal(colleague, lead.OwnerId);
        Assert.Equal("Trade fair", lead.Source);
        Assert.Equal("+15550102030", lead.Phone); // a new workspace's numbers are from the US
    }

    [Fact]
    public async Task InABrazilianWorkspace_ANationalNumberIsBrazilian()
    {
        var (acme, admin) = await WorkspaceAsync(WorkspaceRole.Admin);
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, admin))
        {
            await scope.Get<PhoneRegions>().SetAsync("BR");
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Ana");
        await TypeAsync(page, "lead-phone", "(11) 99999-8888");
        await CreateAsync(page);

        Assert.Equal("+5511999998888", (await LeadAsync(acme, await WaitForLeadPageAsync(context))).Phone);
    }

    [Fact]
    public async Task CustomFields_AreAddedAndRemovedWithButtons_AndBlankOnesAreIgnored()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);
        Assert.Empty(page.FindAll("[data-custom-field=key]"));

        await TypeAsync(page, "lead-first", "Custom");
        await TypeAsync(page, "lead-email", "custom@example.com");
        for (var i = 0; i < 4; i++)
        {
            await page.Find("[data-testid=add-custom-field]").ClickAsync(new MouseEventArgs());
        }
        await FillCustomFieldAsync(page, 0, "utm_source", "newsletter");
        await FillCustomFieldAsync(page, 1, "company_size", "51-200");
        await FillCustomFieldAsync(page, 2, "removed", "soon gone");
        await FillCustomFieldAsync(page, 3, "blank", " ");
        await page.FindAll("[data-testid=remove-custom-field]")[2].ClickAsync(new MouseEventArgs());
        Assert.Equal(["utm_source", "company_size", "blank"], page.FindAll("input[data-custom-field=key]").Select(i => i.GetAttribute("value")));
        Assert.Equal("Custom field 3 name", page.FindAll("input[data-custom-field=key]")[2].GetAttribute("aria-label"));
        await CreateAsync(page);

        var lead = await LeadAsync(acme, await WaitForLeadPageAsync(context));
        Assert.Equal(new Dictionary<string, string> { ["utm_source"] = "newsletter", ["company_size"] = "51-200" },
            CustomFields.Parse(lead.CustomFieldsJson).ToDictionary(f => f.Key, f => f.Value.GetString()!));
    }

    [Fact]
    public async Task UnicodeEverywhere_IsKeptAsTyped()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Zoë 李");
        await TypeAsync(page, "lead-last", "Ñandú-O'Brien 🚀");
        await TypeAsync(page, "lead-email", "zoe@exämple.com");
        await TypeAsync(page, "lead-company", "Société Générale <b>&amp;</b>");
        await ChangeAsync(page, "lead-description", "Line one\nالسطر الثاني\n\"quoted\" <script>alert(1)</script>");
        await CreateAsync(page);

        var lead = await LeadAsync(acme, await WaitForLeadPageAsync(context));
        Assert.Equal(("Zoë 李", "Ñandú-O'Brien 🚀", "Société Générale <b>&amp;</b>"), (lead.FirstName, lead.LastName, lead.Company));
        Assert.Equal("Line one\nالسطر الثاني\n\"quoted\" <script>alert(1)</script>", lead.Description);
        Assert.Contains("Lead Zoë 李 Ñandú-O'Brien 🚀 created.", Snackbars(context));
    }

    // ---- Mistakes: messages on their inputs, everything typed kept -----------------------------------------------

    [Theory]
    [InlineData("lead-first", "", "Enter the lead's name.")]
    [InlineData("lead-email", "ana@", "Enter a valid email address, like name@example.com.")]
    [InlineData("lead-value", "lots", "Enter an amount, like 25000 or 25,000.50.")]
    [InlineData("lead-value", "-5", "Enter an amount between 0 and")]
    [InlineData("lead-phone", "call me", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("lead-first", "101 characters", "100 characters")]
    public async Task BadInput_ShowsTheMessageOnItsInput_KeepsEverythingTyped_AndWritesNothing(string inputId, string value, string message)
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);
        var typed = value == "101 characters" ? new string('a', 101) : value;
        var fields = new Dictionary<string, string>
        {
            ["lead-first"] = inputId == "lead-first" && value == "" ? "" : "Typed",
            ["lead-last"] = inputId == "lead-first" && value == "" ? "" : "Person",
            ["lead-email"] = "kept@example.com",
            ["lead-company"] = "Kept Co",
            ["lead-title"] = "Head of Keeping",
            ["lead-description"] = "Kept description",
            [inputId] = typed,
        };

        foreach (var (id, text) in fields)
        {
            await (Immediate(id) ? TypeAsync(page, id, text) : ChangeAsync(page, id, text));
        }
        await page.Find("[data-testid=add-custom-field]").ClickAsync(new MouseEventArgs());
        await FillCustomFieldAsync(page, 0, "kept_key", "kept value");
        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(message, ErrorOf(page, inputId), StringComparison.Ordinal);
        foreach (var (id, text) in fields)
        {
            Assert.Equal(text, Input(page, id).GetAttribute("value") ?? Input(page, id).TextContent);
        }
        Assert.Equal("kept value", page.Find("input[data-custom-field=value]").GetAttribute("value"));
        Assert.Equal(0, await CountAsync(acme));
        Assert.Empty(context.Services.GetRequiredService<BunitNavigationManager>().History);
        Assert.False(page.Find("button[data-testid=create-lead]").HasAttribute("disabled")); // ready for the next try
    }

    [Fact]
    public async Task SeveralMistakes_AreAllListed_EachOnItsInput_UntilThatInputIsEdited()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-email", "ana@");
        await ChangeAsync(page, "lead-value", "lots");
        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=form-errors]")), Patience);
        var listed = page.FindAll("[data-testid=form-errors] li").Select(li => li.TextContent).ToList();
        Assert.Contains("Enter the lead's name.", listed);
        Assert.Contains("Enter a valid email address, like name@example.com.", listed);
        Assert.Contains("Enter an amount, like 25000 or 25,000.50.", listed);
        Assert.Equal("Enter the lead's name.", ErrorOf(page, "lead-first"));
        Assert.Equal("Enter a valid email address, like name@example.com.", ErrorOf(page, "lead-email"));
        Assert.Equal("Enter an amount, like 25000 or 25,000.50.", ErrorOf(page, "lead-value"));

        await ChangeAsync(page, "lead-value", "25,000"); // a field's message goes once it is edited; the others stay

        page.WaitForAssertion(() => Assert.Null(ErrorOf(page, "lead-value")), Patience);
        Assert.Equal("Enter a valid email address, like name@example.com.", ErrorOf(page, "lead-email"));
    }

    [Fact]
    public async Task HugeInput_IsRefusedWithMessages_NotACrash_AndKeptAsTyped()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);
        var email = new string('e', 20_000) + "@example.com";
        var description = new string('d', LeadLimits.DescriptionMaxLength + 1);

        await TypeAsync(page, "lead-first", "Huge");
        await TypeAsync(page, "lead-email", email);
        await TypeAsync(page, "lead-phone", new string('9', 5_000));
        await ChangeAsync(page, "lead-description", description);
        await ChangeAsync(page, "lead-value", "9".PadRight(400, '9'));
        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=form-errors]")), Patience);
        Assert.NotNull(ErrorOf(page, "lead-email"));
        Assert.NotNull(ErrorOf(page, "lead-phone"));
        Assert.NotNull(ErrorOf(page, "lead-description"));
        Assert.NotNull(ErrorOf(page, "lead-value"));
        Assert.Equal(email, Input(page, "lead-email").GetAttribute("value"));
        Assert.Equal(description, Input(page, "lead-description").TextContent);
        Assert.Equal(0, await CountAsync(acme));
    }

    // ---- The live duplicate warning ------------------------------------------------------------------------------

    [Fact]
    public async Task TheDuplicateWarning_AppearsWhileTheEmailIsTyped_InAnyCase_AndGoesWhenItChanges()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var existing = await TestData.LeadAsync(Fixture, acme, "Known", l => l.Company = "Known Co");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-email", "KNOWN@example.com");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{existing}']")), Patience);
        var warning = Squash(page.Find("[data-testid=duplicate-warning]").TextContent);
        Assert.Contains("This looks like a lead you already have", warning, StringComparison.Ordinal);
        Assert.Contains("Known Tester at Known Co · same email", warning, StringComparison.Ordinal);
        Assert.Equal("_blank", page.Find("[data-testid=duplicate-warning] a").GetAttribute("target")); // what was typed stays here
        Assert.NotNull(page.Find("[data-testid=duplicate-warning] input[type=checkbox]"));

        await TypeAsync(page, "lead-email", "someone.else@example.com");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=duplicate-warning]")), Patience);
        Assert.Empty(page.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public async Task TheDuplicateWarning_FindsAPhoneAsTyped()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var existing = await TestData.LeadAsync(Fixture, acme, "Dialled", l => l.Phone = "+18005550142");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-phone", "1 (800) 555-0142");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{existing}']")), Patience);
        Assert.Contains("same phone", page.Find("[data-testid=duplicate-warning]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameNameAtTheSameCompany_IsAPossibleDuplicate_WithoutTheTick()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var existing = await TestData.LeadAsync(Fixture, acme, "Grace", l => l.Company = "Navy");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "grace");
        await TypeAsync(page, "lead-last", "TESTER");
        await TypeAsync(page, "lead-company", "navy ");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{existing}']")), Patience);
        Assert.Contains("Possible duplicate (same name and company)", Squash(page.Find("[data-testid=duplicate-warning]").TextContent), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("input[type=checkbox]"));
    }

    [Theory]
    [InlineData("nobody-at-all@example.com", "")]
    [InlineData("not-an-email", "12")]
    [InlineData("", "")]
    public async Task WithoutAMatch_ThereIsNoWarning(string email, string phone)
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await TestData.LeadAsync(Fixture, acme, "Present", l => l.Phone = "+15550100012");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-email", email);
        await TypeAsync(page, "lead-phone", phone);
        await TypeAsync(page, "lead-first", "Present"); // a name alone, without the company, is no match either
        await Task.Delay(TimeSpan.FromMilliseconds(600)); // past the pause after typing, when a match would show

        Assert.Empty(page.FindAll("[data-testid=duplicate-warning]"));
    }

    [Fact]
    public async Task AnotherWorkspacesLeads_AreNeverFound()
    {
        var (acme, admin) = await WorkspaceAsync(WorkspaceRole.Admin);
        var globex = await TestData.NewWorkspaceAsync(Fixture, "globex");
        await TestData.LeadAsync(Fixture, globex, "Foreign", l => { l.Company = "Globex"; l.Phone = "+15550100013"; });
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Foreign");
        await TypeAsync(page, "lead-last", "Tester");
        await TypeAsync(page, "lead-company", "Globex");
        await TypeAsync(page, "lead-phone", "+1 555 010 0013");
        await TypeAsync(page, "lead-email", "foreign@example.com");
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        Assert.Empty(page.FindAll("[data-testid=duplicate-warning]"));
        Assert.DoesNotContain("Foreign Tester", page.Markup, StringComparison.Ordinal);
        await CreateAsync(page); // and it is no duplicate here: created without a tick
        await WaitForLeadPageAsync(context);
    }

    [Fact]
    public async Task ALeadTheRepCannotSee_IsSaidToExist_ButNotWhoItIs()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var other = await TestData.MemberAsync(Fixture, acme, "other", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(Fixture, acme, "Hidden", ownerId: other);
        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-email", "hidden@example.com");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=duplicate-warning]")), Patience);
        var warning = page.Find("[data-testid=duplicate-warning]");
        Assert.Contains("A lead you cannot open (same email, owned by other)", Squash(warning.TextContent), StringComparison.Ordinal);
        Assert.Empty(warning.QuerySelectorAll("a"));
        Assert.DoesNotContain("Hidden", warning.TextContent, StringComparison.Ordinal);
    }

    // ---- Create it anyway ----------------------------------------------------------------------------------------

    [Fact]
    public async Task AKnownEmail_IsRefusedWithTheWarning_UntilCreateAnywayIsTicked()
    {
        var (acme, manager) = await WorkspaceAsync(WorkspaceRole.Manager);
        var existing = await TestData.LeadAsync(Fixture, acme, "Twice");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Second");
        await TypeAsync(page, "lead-last", "Copy");
        await TypeAsync(page, "lead-email", "TWICE@example.com");
        await CreateAsync(page); // before the warning had time to show

        page.WaitForAssertion(() => Assert.Contains(LeadIntake.KnownContactMessage, ErrorOf(page, "lead-email"), StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{existing}']")), Patience);
        Assert.Equal("TWICE@example.com", Input(page, "lead-email").GetAttribute("value"));
        Assert.Equal(1, await CountAsync(acme));

        await page.Find("[data-testid=duplicate-warning] input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });
        await CreateAsync(page);

        var second = await LeadAsync(acme, await WaitForLeadPageAsync(context));
        Assert.Equal(("Second", "twice@example.com"), (second.FirstName, second.Email));
        Assert.Equal(2, await CountAsync(acme));
    }

    [Fact]
    public async Task CreateAnyway_VouchesOnlyForTheLeadsOnShow()
    {
        var (acme, manager) = await WorkspaceAsync(WorkspaceRole.Manager);
        await TestData.LeadAsync(Fixture, acme, "First");
        var other = await TestData.LeadAsync(Fixture, acme, "Other");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var page = await RenderAsync(context);
        await TypeAsync(page, "lead-first", "Vouched");
        await TypeAsync(page, "lead-email", "first@example.com");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=duplicate-warning] input[type=checkbox]")), Patience);
        await page.Find("[data-testid=duplicate-warning] input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });

        await TypeAsync(page, "lead-email", "other@example.com"); // and Create at once, before the warning follows
        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.Contains(LeadIntake.KnownContactMessage, ErrorOf(page, "lead-email"), StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{other}']")), Patience);
        Assert.Equal(2, await CountAsync(acme));
    }

    // ---- What is refused -----------------------------------------------------------------------------------------

    [Fact]
    public async Task AnotherWorkspacesStageOrOwner_IsRefusedOnItsInput_AndWritesNothing()
    {
        var (acme, admin) = await WorkspaceAsync(WorkspaceRole.Admin);
        var globex = await TestData.NewWorkspaceAsync(Fixture, "globex");
        var stranger = await TestData.MemberAsync(Fixture, globex, "stranger", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var page = await RenderAsync(context);
        await TypeAsync(page, "lead-first", "Stray");
        await TypeAsync(page, "lead-email", "stray@example.com");

        // Only this workspace's stages and members are offered; a forged choice is what the service refuses.
        await ChooseAsync(page, "Stage", $"{globex.SecondStageId}");
        await CreateAsync(page);
        page.WaitForAssertion(() => Assert.Equal("That stage does not exist in this workspace.", ErrorOf(page, "lead-stage")), Patience);

        await ChooseAsync(page, "Stage", $"{acme.FirstStageId}");
        await ChooseAsync(page, "Owner", $"{stranger}");
        await CreateAsync(page);
        page.WaitForAssertion(() => Assert.Equal("Choose an owner who is a member of this workspace.", ErrorOf(page, "lead-owner")), Patience);

        Assert.Equal("Stray", Input(page, "lead-first").GetAttribute("value"));
        Assert.Equal(0, await CountAsync(acme));
        Assert.Equal(0, await CountAsync(globex));
    }

    [Fact]
    public async Task AMemberWhoLeftTheWorkspace_IsRefusedOnCreate_AndKeepsWhatWasTyped()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);
        await TypeAsync(page, "lead-first", "Orphan");
        await TypeAsync(page, "lead-email", "orphan@example.com");
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            db.WorkspaceMembers.Remove(await db.WorkspaceMembers.SingleAsync(m => m.UserId == rep));
            await db.SaveChangesAsync();
        }

        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.Contains("You are no longer a member of this workspace.", page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Orphan", Input(page, "lead-first").GetAttribute("value"));
        Assert.Equal("orphan@example.com", Input(page, "lead-email").GetAttribute("value"));
        Assert.Equal(0, await CountAsync(acme));
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------

    private async Task<(WorkspaceSeed Workspace, Guid User)> WorkspaceAsync(WorkspaceRole role)
    {
        var workspace = await TestData.NewWorkspaceAsync(Fixture);
        return (workspace, await TestData.MemberAsync(Fixture, workspace, role.ToString().ToLowerInvariant(), role));
    }

    private static async Task<IRenderedComponent<NewLeadPage>> RenderAsync(ComponentContext context)
    {
        context.Render<MudPopoverProvider>();
        var page = context.Render<NewLeadPage>();
        await page.WaitForElementAsync("#lead-first", Patience);
        return page;
    }

    private static List<string> Snackbars(ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    /// <summary>The contact fields update as typed (they drive the duplicate warning); the others when the input changes.</summary>
    private static bool Immediate(string inputId) => inputId is "lead-first" or "lead-last" or "lead-email" or "lead-phone" or "lead-company";

    private static IElement Input(IRenderedComponent<NewLeadPage> page, string inputId) => page.Find($"#{inputId}");

    private static Task TypeAsync(IRenderedComponent<NewLeadPage> page, string inputId, string value) =>
        Input(page, inputId).InputAsync(new ChangeEventArgs { Value = value });

    private static Task ChangeAsync(IRenderedComponent<NewLeadPage> page, string inputId, string value) =>
        Input(page, inputId).ChangeAsync(new ChangeEventArgs { Value = value });

    private static async Task FillCustomFieldAsync(IRenderedComponent<NewLeadPage> page, int row, string key, string value)
    {
        await page.FindAll("input[data-custom-field=key]")[row].ChangeAsync(new ChangeEventArgs { Value = key });
        await page.FindAll("input[data-custom-field=value]")[row].ChangeAsync(new ChangeEventArgs { Value = value });
    }

    /// <summary>Chooses <paramref name="value"/> in the select labelled <paramref name="label"/> as its list would.</summary>
    private static Task ChooseAsync(IRenderedComponent<NewLeadPage> page, string label, string value) =>
        page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value));

    private static Task CreateAsync(IRenderedComponent<NewLeadPage> page) => page.Find("button[data-testid=create-lead]").ClickAsync(new MouseEventArgs());

    /// <summary>The message MudBlazor shows under the input, or null.</summary>
    private static string? ErrorOf(IRenderedComponent<NewLeadPage> page, string inputId) =>
        Input(page, inputId).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>Waits for the navigation to the new lead's page (in the circuit), and returns the lead's id.</summary>
    private static async Task<Guid> WaitForLeadPageAsync(ComponentContext context)
    {
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        var deadline = DateTime.UtcNow + Patience;
        while (navigation.History.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var last = Assert.Single(navigation.History);
        Assert.False(last.Options.ForceLoad);
        return Guid.Parse(last.Uri.Split('/')[^1]);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private async Task<Lead> LeadAsync(WorkspaceSeed workspace, Guid id)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await scope.Get<LeadDeskDbContext>().Leads.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    private async Task<int> CountAsync(WorkspaceSeed workspace)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await scope.Get<LeadDeskDbContext>().Leads.CountAsync();
    }
}
