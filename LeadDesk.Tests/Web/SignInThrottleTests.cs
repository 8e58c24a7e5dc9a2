using System.Net;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Web.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Web;

/// <summary>
/// Failed sign-ins are limited per client address (three in a row here), whatever accounts they try: the address then
/// gets a 429 page saying how long to wait, while other addresses, and successful sign-ins, are not slowed.
/// </summary>
public sealed class SignInThrottleTests(EdgeLimitAppFactory app) : IClassFixture<EdgeLimitAppFactory>
{
    private const string Throttled = "Too many failed sign-ins from your network. Wait 60 minutes and try again.";

    [Fact]
    public async Task RepeatedWrongPasswords_FromOneAddress_AreThrottled_WhileAnotherAddressSignsIn()
    {
        var sprayer = app.CreateBrowser(EdgeLimitAppFactory.NewPeer());
        var failures = new List<string?>();
        for (var i = 0; i < EdgeLimitAppFactory.SignInFailures; i++)
        {
            failures.Add(await ErrorAsync(await SignInAsync(sprayer, LeadDeskAppFactory.Manager, $"wrong-guess-{i}")));
        }

        var throttled = await SignInAsync(sprayer, LeadDeskAppFactory.Manager, LeadDeskAppFactory.Password);
        var elsewhere = await SignInAsync(app.CreateBrowser(EdgeLimitAppFactory.NewPeer()), LeadDeskAppFactory.Manager, LeadDeskAppFactory.Password);

        Assert.Equal(Enumerable.Repeat("The email or password is not correct.", EdgeLimitAppFactory.SignInFailures), failures);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(Throttled, await ErrorAsync(throttled));
        // One failure is earned back an hour after the first of them.
        Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.DoesNotContain(SetCookies(throttled), c => c.StartsWith("ld.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/", elsewhere.RedirectPath());
    }

    [Fact]
    public async Task AThrottledAddress_HearsTheSame_ForAnAccountThatExistsAndOneThatDoesNot()
    {
        var sprayer = app.CreateBrowser(EdgeLimitAppFactory.NewPeer());
        for (var i = 0; i < EdgeLimitAppFactory.SignInFailures; i++)
        {
            await SignInAsync(sprayer, $"nobody-{i}@demo.test", "wrong-guess-1");
        }

        var known = await SignInAsync(sprayer, LeadDeskAppFactory.OtherRep, "wrong-guess-2");
        var unknown = await SignInAsync(sprayer, "nobody@demo.test", "wrong-guess-2");

        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal(Throttled, await ErrorAsync(known));
        Assert.Equal(Throttled, await ErrorAsync(unknown));
    }

    [Fact]
    public async Task SuccessfulSignIns_FromOneAddress_AreNeverThrottled()
    {
        var office = EdgeLimitAppFactory.NewPeer();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < EdgeLimitAppFactory.SignInFailures * 2; i++)
        {
            statuses.Add((await SignInAsync(app.CreateBrowser(office), LeadDeskAppFactory.Admin, LeadDeskAppFactory.Password)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, EdgeLimitAppFactory.SignInFailures * 2), statuses);
    }

    [Fact]
    public void AnEmptyBucket_RefillsAtTheConfiguredRate()
    {
        var clock = new FakeTimeProvider();
        using var throttle = new SignInThrottle(Options.Create(new SignInThrottleOptions { FailuresPerAddressBurst = 2, FailuresPerAddressPerHour = 60 }), clock);

        var first = throttle.TryBegin("192.0.2.1");
        var second = throttle.TryBegin("192.0.2.1");
        var third = throttle.TryBegin("192.0.2.1");
        var otherAddress = throttle.TryBegin("192.0.2.2");
        clock.Advance(TimeSpan.FromSeconds(60));
        var afterAMinute = throttle.TryBegin("192.0.2.1");
        var rightAfter = throttle.TryBegin("192.0.2.1");

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(TimeSpan.FromSeconds(60), third);
        Assert.Null(otherAddress);
        Assert.Null(afterAMinute);
        Assert.Equal(TimeSpan.FromSeconds(60), rightAfter);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        browser.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.ParseAsync()).QuerySelector("[data-testid=signin-error]")?.TextContent;

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
