using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Shared;
using LeadDesk.Web.Localization;

namespace LeadDesk.Tests.Web;

/// <summary>The labels of lead values, roles and refusals, in both languages.</summary>
public sealed class DisplayTests
{
    [Fact]
    public void Labels_in_Portuguese()
    {
        using var culture = TestCulture.Portuguese();

        Assert.Equal(["Baixa", "Média", "Alta", "Crítica"], Enum.GetValues<LeadPriority>().Select(Display.Priority));
        Assert.Equal(["Aberto", "Convertido", "Desqualificado"], Enum.GetValues<LeadStatus>().Select(Display.Status));
        Assert.Equal("Formulário web", Display.Channel(LeadChannel.Form));
        Assert.Equal("E-mail", Display.Channel(LeadChannel.Email));
        Assert.Equal("Importação", Display.Channel(LeadChannel.Import));
        Assert.Equal("Manual", Display.Channel(LeadChannel.Manual));
        Assert.Equal("API", Display.Channel(LeadChannel.Api));
        Assert.Equal(["Administrador", "Gerente", "Vendedor"], new[] { WorkspaceRole.Admin, WorkspaceRole.Manager, WorkspaceRole.SalesRep }.Select(RoleLabels.For));
    }

    [Fact]
    public void Labels_in_English()
    {
        using var culture = TestCulture.Use(Languages.English);

        Assert.Equal(["Low", "Medium", "High", "Critical"], Enum.GetValues<LeadPriority>().Select(Display.Priority));
        Assert.Equal(["Open", "Converted", "Disqualified"], Enum.GetValues<LeadStatus>().Select(Display.Status));
        Assert.Equal("Web form", Display.Channel(LeadChannel.Form));
        Assert.Equal(["Admin", "Manager", "Sales rep"], new[] { WorkspaceRole.Admin, WorkspaceRole.Manager, WorkspaceRole.SalesRep }.Select(RoleLabels.For));
    }

    [Theory]
    [InlineData(Languages.English, 0, "0 leads")]
    [InlineData(Languages.English, 1, "1 lead")]
    [InlineData(Languages.English, 12_500, "12,500 leads")]
    [InlineData(Languages.Portuguese, 1, "1 lead selecionado")]
    [InlineData(Languages.Portuguese, 2, "2 leads selecionados")]
    [InlineData(Languages.Portuguese, 12_500, "12.500 leads selecionados")]
    public void Count_chooses_the_whole_text_by_the_count_and_writes_it_in_the_languages_digits(string language, int count, string expected)
    {
        using var culture = TestCulture.Use(language);
        var (one, many) = language == Languages.English ? ("{0} lead", "{0} leads") : ("{0} lead selecionado", "{0} leads selecionados");

        Assert.Equal(expected, Display.Count(count, one, many));
    }

    [Fact]
    public void Refusals_in_Portuguese_explain_what_to_do()
    {
        using var culture = TestCulture.Portuguese();
        var at = new DateTime(2026, 11, 28, 14, 5, 0, DateTimeKind.Utc);

        // The first sentence is Core's (its own translation); the explanation is the UI's.
        Assert.EndsWith(" Talvez tenha sido excluído, ou não esteja mais visível para você.", UserProblem.Message(new NotFoundException(Missing.Lead)), StringComparison.Ordinal);
        Assert.EndsWith(" Rita salvou em 28 de nov. de 2026, 14:05 UTC; recarregue a página para ver a versão salva.",
            UserProblem.Message(new ConflictException("Someone else changed this lead.", 3, "Rita", at)), StringComparison.Ordinal);
    }
}
