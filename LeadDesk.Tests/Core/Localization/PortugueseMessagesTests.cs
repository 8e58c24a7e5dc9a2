using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Localization;

/// <summary>
/// Core's refusals are made when they happen, in the caller's UI language: the same request answered in Portuguese and
/// in English, the rules recognised by their error codes whatever the language.
/// </summary>
public sealed class PortugueseMessagesTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task LeadValidator_InPortuguese_SaysWhatIsMissing_AndKeepsItsErrorCodes()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        using var culture = TestCulture.Portuguese();

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(new NewLead { Source = "Site" }));

        Assert.Equal(["Informe o nome do lead."], error.ByField()[nameof(NewLead.FirstName)]);
        Assert.Equal(["Informe um endereço de e-mail ou um número de telefone."], error.ByField()[nameof(NewLead.Email)]);
        Assert.Equal(
            [LeadInputValidator<LeadInput>.NameRequiredCode, LeadInputValidator<LeadInput>.ContactRequiredCode, LeadInputValidator<LeadInput>.ContactRequiredCode],
            error.Errors.Select(e => e.ErrorCode));
    }

    [Fact]
    public async Task LeadValidator_InEnglish_IsUnchanged_WithTheSameErrorCodes()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(new NewLead { Source = "Site" }));

        Assert.Equal(["Enter the lead's name."], error.ByField()[nameof(NewLead.FirstName)]);
        Assert.Equal(["Enter an email address or a phone number."], error.ByField()[nameof(NewLead.Email)]);
        Assert.Equal(
            [LeadInputValidator<LeadInput>.NameRequiredCode, LeadInputValidator<LeadInput>.ContactRequiredCode, LeadInputValidator<LeadInput>.ContactRequiredCode],
            error.Errors.Select(e => e.ErrorCode));
    }

    [Fact]
    public async Task LeadValidator_InPortuguese_TranslatesFluentValidationsOwnMessages_FieldNamesIncluded_AndItsNumbers()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        using var culture = TestCulture.Portuguese();
        var input = new NewLead { FirstName = new string('a', 101), Title = new string('t', 121), Phone = "call me", EstimatedValue = -1, Score = 101 };

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(input));

        var byField = error.ByField();
        Assert.Equal(["'Nome' deve ser menor ou igual a 100 caracteres. Você digitou 101 caracteres."], byField[nameof(NewLead.FirstName)]);
        Assert.Equal(["'Cargo' deve ser menor ou igual a 120 caracteres. Você digitou 121 caracteres."], byField[nameof(NewLead.Title)]);
        Assert.Equal(["Informe um número de telefone, como +55 11 98765-4321; espaços, hifens e parênteses são aceitos."], byField[nameof(NewLead.Phone)]);
        Assert.Equal(["Informe um valor entre 0 e 999.999.999.999."], byField[nameof(NewLead.EstimatedValue)]);
        Assert.Equal(["A pontuação fica entre 0 e 100."], byField[nameof(NewLead.Score)]);
    }

    [Fact]
    public async Task ServiceRefusals_InPortuguese_Forbidden_NotFound_AndNumbersInBrazilianFormat()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using var rep = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);
        await using var admin = fixture.ScopeAs(acme.WorkspaceId);
        using var culture = TestCulture.Portuguese();

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => rep.Get<LeadService>().DeleteAsync(lead));
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => admin.Get<LeadService>().GetAsync(Guid.NewGuid()));
        var tooMany = await Assert.ThrowsAsync<ValidationException>(() =>
            admin.Get<BulkLeadService>().DeleteAsync([.. Enumerable.Range(0, BulkLeadService.MaxIds + 1).Select(_ => Guid.NewGuid())]));

        Assert.Equal("Somente gerentes e administradores podem excluir leads.", forbidden.Message);
        Assert.Equal(("Lead não encontrado.", Missing.Lead), (notFound.Message, notFound.What));
        Assert.Equal(["Selecione no máximo 1.000 leads por vez."], tooMany.ByField()["ids"]);
    }

    [Fact]
    public async Task StageFieldRefusals_InPortuguese_NameTheStageAndTheField()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "proposal_amount", "Valor da proposta", StageFieldType.Number);
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "close_date", "Data de fechamento", StageFieldType.Date);
        var lead = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var culture = TestCulture.Portuguese();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId, new Dictionary<string, string?> { ["proposal_amount"] = "muito" }));

        var byField = error.ByField();
        Assert.Equal(["Valor da proposta deve ser um número, como 1500."], byField[LeadStageService.ValueKey("proposal_amount")]);
        Assert.Equal(["Qualified exige Data de fechamento."], byField[LeadStageService.ValueKey("close_date")]);
    }

    [Fact]
    public void Messages_AreMadeWhenAsked_SoEachCallerGetsItsOwnLanguage()
    {
        string portuguese;
        using (TestCulture.Portuguese())
        {
            portuguese = PhoneFormat.TooManyDigits;
            Assert.Equal("O banco de dados ficou ocupado por 5 s; nada foi salvo. Tente novamente em instantes.", new DatabaseBusyException(TimeSpan.FromSeconds(5)).Message);
        }

        Assert.Equal("São dígitos demais para um número de telefone: no máximo 15, incluindo o código do país.", portuguese);
        Assert.Equal("That is too many digits for a phone number: at most 15, country code included.", PhoneFormat.TooManyDigits);
        Assert.Equal("Lead was not found.", new NotFoundException(Missing.Lead).Message);
    }
}
