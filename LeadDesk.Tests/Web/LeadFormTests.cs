using FluentValidation.Results;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using LeadDesk.Web.Localization;

namespace LeadDesk.Tests.Web;

/// <summary>The lead forms' amounts, typed and shown in the user's language; a separator typed the other language's way is refused, never misread.</summary>
public sealed class LeadFormTests
{
    [Theory]
    [InlineData(Languages.English, "25000", "25000")]
    [InlineData(Languages.English, "$25,000.50", "25000.50")]
    [InlineData(Languages.English, " 1,250,000 ", "1250000")]
    [InlineData(Languages.English, "-5", "-5")] // read; the validator refuses it with its own message
    [InlineData(Languages.Portuguese, "25000", "25000")]
    [InlineData(Languages.Portuguese, "R$ 25.000,50", "25000.50")]
    [InlineData(Languages.Portuguese, "1.250.000", "1250000")]
    [InlineData(Languages.Portuguese, "0,5", "0.5")]
    public void AnAmount_IsReadInTheUsersLanguage(string language, string typed, string expected)
    {
        using var culture = In(language);
        var errors = new List<ValidationFailure>();

        var input = new LeadForm { FirstName = "Ana", EstimatedValue = typed }.ToInput(new NewLead(), errors);

        Assert.Empty(errors);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), input.EstimatedValue);
    }

    [Theory]
    [InlineData(Languages.English, "lots", "Enter an amount, like 25000 or 25,000.50.")]
    [InlineData(Languages.English, "1,5", "Enter an amount, like 25000 or 25,000.50.")]
    [InlineData(Languages.Portuguese, "muito", "Informe um valor, como 25000 ou 25.000,50.")]
    [InlineData(Languages.Portuguese, "1500.50", "Informe um valor, como 25000 ou 25.000,50.")]
    [InlineData(Languages.Portuguese, "25,000.50", "Informe um valor, como 25000 ou 25.000,50.")]
    public void AnAmountThatDoesNotRead_IsRefused_InTheUsersLanguage(string language, string typed, string message)
    {
        using var culture = In(language);
        var errors = new List<ValidationFailure>();

        var input = new LeadForm { FirstName = "Ana", EstimatedValue = typed, Score = "alto" }.ToInput(new NewLead(), errors);

        Assert.Null(input.EstimatedValue);
        Assert.Equal([(nameof(LeadForm.EstimatedValue), message), (nameof(LeadForm.Score), language == Languages.Portuguese
            ? "Informe um número inteiro de 0 a 100." : "Enter a whole number from 0 to 100.")], errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public void AnAmountShownInPortuguese_IsReadBackAsItWas()
    {
        using var culture = TestCulture.Portuguese();
        var shown = LeadForm.From(new LeadDetails
        {
            Id = Guid.NewGuid(), FirstName = "Ana", LastName = "Souza", Email = "ana@example.com.br", Company = "Souza Ltda", Title = "CEO",
            PipelineName = "Vendas", StageKey = "new", StageName = "Novo", StageColor = "#000", Version = 1, EstimatedValue = 1_234_567.89m,
        });

        Assert.Equal("1234567,89", shown.EstimatedValue);
        Assert.Equal(1_234_567.89m, shown.ToInput(new LeadInput(), []).EstimatedValue);
    }

    /// <summary>The language with the currency its users would usually have: dollars in English, reais in Portuguese.</summary>
    private static TestCulture In(string language) => language == Languages.Portuguese ? TestCulture.Portuguese() : TestCulture.Use(language);
}
