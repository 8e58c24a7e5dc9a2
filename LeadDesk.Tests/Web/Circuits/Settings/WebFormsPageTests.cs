using Bunit;
using LeadDesk.Core.WebForms;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>Settings → Web forms: create one (with its stage and owner), its snippet, refusals beside the fields, pause and delete.</summary>
public sealed class WebFormsPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AnAdmin_CreatesAForm_WithItsStageAndOwner_AndGetsASnippetPostingToIt_WithTheHoneypot()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var (page, _, popovers) = Render<WebFormsPage>(context);
        Assert.Equal("No web forms yet. Create one above, then paste its snippet into a page of your website.", page.Find("[data-testid=web-forms-empty]").TextContent.Trim());

        await TypeAsync(page, "#form-name", "Contact us");
        await ChooseAsync(page, popovers, "form-stage", "Qualified");
        await ChooseAsync(page, popovers, "form-owner", "sam");
        await TickAsync(page, "[data-field=phone]", false);
        await TypeAsync(page, "#form-origins", "https://www.example.com");
        await SubmitAsync(page, "web-form-form");

        page.WaitForElement("[data-web-form]", Patience);
        Assert.Equal(["Web form “Contact us” created: paste its snippet into your page."], Snackbars(context, Severity.Success));
        var form = await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.SingleAsync());
        Assert.Equal(("Contact us", acme.SecondStageId, sam, "https://www.example.com"), (form.Name, form.StageId, form.OwnerId, form.AllowedOrigins));
        var card = page.Find($"[data-web-form='{form.Key}']");
        Assert.Contains("Fields: name, email, message · Sites: https://www.example.com", card.TextContent, StringComparison.Ordinal);
        var snippet = page.Find($"#snippet-{form.Id}").TextContent;
        Assert.Contains($"<form action=\"http://localhost/f/{form.Key}\" method=\"post\"", snippet, StringComparison.Ordinal);
        Assert.Contains($"name=\"{WebFormFields.Honeypot}\"", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"phone\"", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", snippet, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", page.Find("#form-name").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task AFormWithoutANameOrAContactField_OrWithABadSite_IsRefusedBesideTheField_WithTheInputKept()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<WebFormsPage>(context);

        await TypeAsync(page, "#form-origins", "www.example.com");
        await SubmitAsync(page, "web-form-form");
        page.WaitForAssertion(() => Assert.Equal("Give the form a name of 1 to 100 characters.", FieldError(page, "#form-name")), Patience);

        await TypeAsync(page, "#form-name", "Name only");
        await TickAsync(page, "[data-field=email]", false);
        await TickAsync(page, "[data-field=phone]", false);
        await SubmitAsync(page, "web-form-form");
        page.WaitForAssertion(() => Assert.Equal("A lead needs a name and an email or phone: the form must ask for the name and for the email or the phone.",
            page.Find("[data-testid=fields-error]").TextContent.Trim()), Patience);

        await TickAsync(page, "[data-field=email]", true);
        await SubmitAsync(page, "web-form-form");
        page.WaitForAssertion(() => Assert.Equal("'www.example.com' is not a site address such as https://www.example.com.", FieldError(page, "#form-origins")), Patience);
        Assert.Equal("Name only", page.Find("#form-name").GetAttribute("value"));
        Assert.Equal("www.example.com", page.Find("#form-origins").TextContent);
        Assert.Empty(page.FindAll("[data-testid=fields-error]"));
        Assert.Equal(0, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.CountAsync()));
    }

    [Fact]
    public async Task PauseThenResume_AndDelete_AfterAConfirmation_WhichCancelLeavesAlone()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var form = await CreateFormAsync(acme, admin, "Newsletter");
        var (page, dialogs, _) = Render<WebFormsPage>(context);

        await ClickAsync(page, "Pause Newsletter");
        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid=form-status]").TextContent.Trim()), Patience);
        Assert.False(await ActiveAsync(acme, form.Id));
        await ClickAsync(page, "Resume Newsletter");
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=form-status]").TextContent.Trim()), Patience);
        Assert.True(await ActiveAsync(acme, form.Id));
        Assert.Equal(["“Newsletter” paused: submissions are refused.", "“Newsletter” accepts submissions again."], Snackbars(context, Severity.Success));

        await ConfirmAsync(page, dialogs, "Delete Newsletter", "Delete the web form “Newsletter”?", "Cancel");
        Assert.Single(page.FindAll("[data-web-form]"));
        Assert.Equal(1, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.CountAsync()));

        await ConfirmAsync(page, dialogs, "Delete Newsletter", "Delete the web form “Newsletter”?", "Delete");
        page.WaitForElement("[data-testid=web-forms-empty]", Patience);
        Assert.Contains("Web form “Newsletter” deleted.", Snackbars(context, Severity.Success));
        Assert.Equal(0, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.CountAsync()));
    }

    [Fact]
    public async Task AnotherWorkspacesForms_AreNotListed_AndOneMovedThereCannotBeDeletedFromHere()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        await CreateFormAsync(elsewhere, await TestData.MemberAsync(Fixture, elsewhere, "them", WorkspaceRole.Admin), "Theirs");
        var mine = await CreateFormAsync(acme, admin, "Mine");
        var (page, dialogs, _) = Render<WebFormsPage>(context);
        Assert.Equal([mine.Key], page.FindAll("[data-web-form]").Select(c => c.GetAttribute("data-web-form")));
        await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.IgnoreQueryFilters().Where(f => f.Id == mine.Id)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.WorkspaceId, elsewhere.WorkspaceId)));

        await ConfirmAsync(page, dialogs, "Delete Mine", "Delete the web form “Mine”?", "Delete");

        Assert.Equal(["Web form was not found. It may have been deleted, or it is no longer visible to you."], Snackbars(context, Severity.Error));
        Assert.Equal(2, await QueryAsync(Fixture, elsewhere.WorkspaceId, db => db.WebForms.CountAsync()));
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task SomeoneWhoIsNotAnAdmin_IsToldSo_AndSeesNoForms(WorkspaceRole role)
    {
        var (acme, _, context) = await SignedInAsync(Fixture, role);
        await using var _ = context;
        await CreateFormAsync(acme, await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Admin), "Hidden");

        var (page, _, _) = Render<WebFormsPage>(context);

        Assert.Equal("Only admins can change this workspace's settings.", page.Find("[data-testid=settings-problem]").TextContent.Trim());
        Assert.DoesNotContain("Hidden", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_CannotCreateOrPause()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var form = await CreateFormAsync(acme, admin, "Kept");
        var (page, _, _) = Render<WebFormsPage>(context);
        await DemoteAsync(Fixture, acme, admin, WorkspaceRole.SalesRep);

        await TypeAsync(page, "#form-name", "Sneaky");
        await SubmitAsync(page, "web-form-form");
        page.WaitForAssertion(() => Assert.Equal(["Only admins can change this workspace's settings."], Snackbars(context, Severity.Error)), Patience);
        await ClickAsync(page, "Pause Kept");

        Assert.Equal("Sneaky", page.Find("#form-name").GetAttribute("value"));
        Assert.Equal(1, await QueryAsync(Fixture, acme.WorkspaceId, db => db.WebForms.CountAsync()));
        Assert.True(await ActiveAsync(acme, form.Id));
    }

    private async Task<WebFormView> CreateFormAsync(WorkspaceSeed workspace, Guid admin, string name)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, admin);
        return await scope.ServiceProvider.GetRequiredService<WebFormService>()
            .CreateAsync(new WebFormInput(name, [WebFormFields.Name, WebFormFields.Email], null, null, null, null, null));
    }

    private Task<bool> ActiveAsync(WorkspaceSeed workspace, Guid id) =>
        QueryAsync(Fixture, workspace.WorkspaceId, db => db.WebForms.Where(f => f.Id == id).Select(f => f.IsActive).SingleAsync());
}
