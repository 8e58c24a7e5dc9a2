using System.Net;
using System.Text.Json;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.WebForms;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using LeadDesk.Web.Api;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// Phones over HTTP, as integrations, web forms and the new-lead page send them: stored as E.164 in the workspace's region
/// (the demo workspace's is US, Northwind's BR), one lead per number whatever its format, found by a number as typed,
/// and refused with the phone's own message only when it is no number.
/// </summary>
public sealed class PhoneNumberHttpTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private readonly HttpClient _client = app.ApiClient();

    [Fact]
    public async Task NativeCreate_WithANationalNumber_StoresItInTheWorkspacesRegion()
    {
        var northwind = await app.OnceAsync("northwind token", () => app.TokenAsync(Northwind));

        var response = await _client.PostAsync(ApiRoutes.Leads, northwind, """{ "firstName": "Rita", "phone": "(21) 98765-4321" }""");

        var lead = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("data");
        lead.HasString("phone", "+5521987654321");
        Assert.Equal("+5521987654321", (await app.LeadAsync(lead.Id(), Northwind)).Phone);
    }

    [Theory]
    [InlineData("call me", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("+999 555 1234", "That country code does not exist. Start an international number with + and its country code, like +44 or +55.")]
    [InlineData("12345", "That is too few digits for a phone number.")]
    public async Task NativeCreate_WithAPhoneThatIsNoNumber_Is400WithThePhonesMessage_AndWritesNothing(string phone, string message)
    {
        var token = await app.DemoTokenAsync();
        var before = await app.LeadCountAsync();

        var response = await _client.PostAsync(ApiRoutes.Leads, token, new { firstName = "Ann", phone });

        var problem = await response.ExpectFieldErrorAsync("phone");
        Assert.Equal([message], problem.GetProperty("errors").GetProperty("phone").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task ExternalCapture_Seed000Example_IsStoredAsE164_AndTheSameNumberInAnotherFormatIsTheSameLead()
    {
        var token = await app.DemoTokenAsync();

        var first = await _client.PostAsync(ApiRoutes.ExternalLeads, token, """{ "name": "Jane Phone", "phone": "+1 (800) 123-4567" }""");
        var again = await _client.PostAsync(ApiRoutes.ExternalLeads, token, """{ "name": "Jane Phone", "phone": "(800) 123-4567" }""");
        var digits = await _client.PostAsync(ApiRoutes.ExternalLeads, token, """{ "name": "Jane Phone", "phone_number": "18001234567" }""");

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        created.HasString("phone", "+18001234567");
        created.HasString("phone_number", "18001234567");
        Assert.Equal(created.Id(), (await again.ExpectAsync(HttpStatusCode.OK)).Id());
        Assert.Equal(created.Id(), (await digits.ExpectAsync(HttpStatusCode.OK)).Id());
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Phone == "+18001234567")));
    }

    [Fact]
    public async Task ExternalCapture_Seed001DigitsWithCountryCode_AndANationalNumber_AreOneLeadInABrazilianWorkspace()
    {
        var northwind = await app.OnceAsync("northwind token", () => app.TokenAsync(Northwind));

        var first = await _client.PostAsync(ApiRoutes.ExternalLeads, northwind, """{ "name": "Maria Souza", "type": "web", "phone_number": "5511987651234" }""");
        var again = await _client.PostAsync(ApiRoutes.ExternalLeads, northwind, """{ "name": "Maria Souza", "type": "web", "phone_number": "(11) 98765-1234" }""");

        var created = await first.ExpectAsync(HttpStatusCode.Created);
        created.HasString("phone_number", "5511987651234");
        Assert.Equal(created.Id(), (await again.ExpectAsync(HttpStatusCode.OK)).Id());
        Assert.Equal("+5511987651234", (await app.LeadAsync(created.Id(), Northwind)).Phone);
    }

    [Fact]
    public async Task ExternalCapture_WithAPhoneThatIsNoNumber_IsRefusedWithItsMessage()
    {
        var token = await app.DemoTokenAsync();

        var response = await _client.PostAsync(ApiRoutes.ExternalLeads, token, """{ "name": "Ann Lee", "phone": "+999 555 1234" }""");

        Assert.Equal(PhoneFormat.UnknownCountryCode, await response.ExpectExternalErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Patch_OfALeadWithAPhoneStoredBeforeE164_ChangesWhatWasSent_AndKeepsThePhone()
    {
        var token = await app.DemoTokenAsync();
        var id = await app.CreateLeadAsync(configure: l => l.Phone = "+07911123456");

        var response = await _client.PatchAsync($"{ApiRoutes.Leads}/{id}", token, new { company = "Patched Ltd" });

        (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data").HasString("phone", "+07911123456");
        var stored = await app.LeadAsync(id);
        Assert.Equal(("Patched Ltd", "+07911123456"), (stored.Company, stored.Phone));
    }

    [Theory]
    [InlineData("18005550199")]
    [InlineData("(800) 555-0199")]
    [InlineData("+1 800 555 0199")]
    public async Task CheckDuplicates_FindsTheNumberInAnyFormat(string typed)
    {
        var token = await app.DemoTokenAsync();
        var existing = await app.OnceAsync("lead +18005550199", () => app.CreateLeadAsync(configure: l => l.Phone = "+18005550199"));

        var response = await _client.PostAsync($"{ApiRoutes.Leads}/check-duplicates", token, new { phone = typed });

        var match = Assert.Single((await response.ExpectAsync(HttpStatusCode.OK)).HasArray("duplicates"));
        Assert.Equal(existing, match.Id());
        match.HasString("matchField", "phone");
    }

    [Theory]
    [InlineData("(11) 93333-2222")]
    [InlineData("93333-2222")]
    [InlineData("0 11 93333 2222")]
    [InlineData("+55 11 93333-2222")]
    public async Task ListSearch_ByANumberAsTyped_FindsIt(string term)
    {
        var northwind = await app.OnceAsync("northwind token", () => app.TokenAsync(Northwind));
        var lead = await app.OnceAsync("northwind lead +5511933332222", () => app.CreateLeadAsync(Northwind, configure: l => l.Phone = "+5511933332222"));

        var response = await _client.GetAsync($"{ApiRoutes.Leads}?search={Uri.EscapeDataString(term)}", northwind);

        var rows = (await response.ExpectAsync(HttpStatusCode.OK)).HasArray("data");
        Assert.Equal([lead], rows.Select(r => r.Id()));
    }

    [Fact]
    public async Task WebForm_ANationalNumberIsReadInTheFormsWorkspace_AndTheSameNumberAgainIsTheSameLead()
    {
        var key = await WebFormAsync(Northwind);

        var first = await SubmitAsync(key, "Paulo Lima", "(31) 97777-6666");
        var again = await SubmitAsync(key, "Paulo Lima", "+55 31 97777 6666");
        var refused = await SubmitAsync(key, "Paulo Lima", "call me");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Phone == "+5531977776666"), Northwind));
        Assert.Equal(PhoneFormat.NotANumber, (await refused.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("error").GetString());
    }

    private async Task<string> WebFormAsync(string slug)
    {
        await using var scope = await app.ScopeAsync(slug, LeadDeskAppFactory.Admin);
        var form = await scope.Get<WebFormService>().CreateAsync(new WebFormInput(Unique("Contact"), [WebFormFields.Name, WebFormFields.Phone], null, null, null, null, null));
        return form.Key;
    }

    private async Task<HttpResponseMessage> SubmitAsync(string key, string name, string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/f/{key}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["phone"] = phone }),
        };
        request.Headers.Add("Accept", "application/json");
        return await app.CreateClient(cookies: false).SendAsync(request);
    }
}
