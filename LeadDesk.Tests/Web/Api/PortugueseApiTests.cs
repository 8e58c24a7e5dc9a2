using System.Net;
using System.Text.Json;
using LeadDesk.Web.Api;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// The API answers in English unless the request sends <c>Accept-Language: pt-BR</c>: then Core's field messages and
/// refusals come in Brazilian Portuguese, for the native API and the external one alike.
/// </summary>
public sealed class PortugueseApiTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private const string BadLead = """{ "email": "ann@", "score": 101 }""";
    private readonly HttpClient _client = app.ApiClient();

    [Fact]
    public async Task NativeCreate_WithBadFields_AndAcceptLanguagePtBr_Is400WithPortugueseFieldMessages()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.Leads, token, BadLead, Portuguese);

        var errors = (await response.ExpectFieldErrorAsync("firstName")).GetProperty("errors");
        Assert.Equal(["Informe o nome do lead."], Messages(errors, "firstName"));
        Assert.Equal(["Informe um endereço de e-mail válido, como nome@exemplo.com."], Messages(errors, "email"));
        Assert.Equal(["A pontuação fica entre 0 e 100."], Messages(errors, "score"));
    }

    [Fact]
    public async Task NativeCreate_WithTheSameBadFields_WithoutAcceptLanguage_StaysInEnglish()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.PostAsync(ApiRoutes.Leads, token, BadLead);

        var errors = (await response.ExpectFieldErrorAsync("firstName")).GetProperty("errors");
        Assert.Equal(["Enter the lead's name."], Messages(errors, "firstName"));
        Assert.Equal(["Enter a valid email address, like name@example.com."], Messages(errors, "email"));
        Assert.Equal(["A score is between 0 and 100."], Messages(errors, "score"));
    }

    [Fact]
    public async Task NativeGet_OfAnUnknownLead_InPortuguese_Is404SayingSo()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.SendAsync(HttpMethod.Get, $"{ApiRoutes.Leads}/{Guid.NewGuid()}", token, configure: Portuguese);

        Assert.Equal("Lead não encontrado.", (await response.ExpectAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ExternalCreate_WithANameButNoPhoneNumber_InPortuguese_SaysWhatIsWrongInPortuguese()
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.SendAsync(HttpMethod.Post, ApiRoutes.ExternalLeads, token, """{ "name": "Ana Souza", "phone": "call me" }""", Portuguese);

        Assert.Equal(
            "Dados inválidos: Informe um número de telefone, como +55 11 98765-4321; espaços, hifens e parênteses são aceitos.",
            await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await app.LeadCountAsync());
    }

    private static void Portuguese(HttpRequestMessage request) => request.Headers.Add("Accept-Language", "pt-BR");

    private static List<string?> Messages(JsonElement errors, string field) => [.. errors.GetProperty(field).EnumerateArray().Select(m => m.GetString())];
}
