using System.Net;
using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Web.Integrations;

namespace LeadDesk.Tests.Core.Webhooks;

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("10.20.30.40")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("192.0.0.170")]
    [InlineData("192.0.2.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:100.64.0.1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::1")] // local-use NAT64
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:0101::1")] // 6to4 of 192.168.1.1
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("100::1")]
    [InlineData("2001::1")] // Teredo
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    public void ANonPublicAddress_IsRefused(string address) =>
        Assert.False(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("100.63.255.255")] // just below carrier-grade NAT
    [InlineData("100.128.0.1")] // just above it
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    public void APublicAddress_IsAllowed(string address) =>
        Assert.True(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST.", true)]
    [InlineData("api.localhost", true)]
    [InlineData("printer.local", true)]
    [InlineData("metadata.google.internal", true)]
    [InlineData("nas.home.arpa", true)]
    [InlineData("hooks.example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("local", false)]
    public void LocalNames_AreKnownByName(string host, bool local) =>
        Assert.Equal(local, WebhookAddressPolicy.IsLocalName(host));

    [Theory]
    [InlineData("[::ffff:169.254.169.254]", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("localhost", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("no-such-host.invalid", true)] // not resolvable yet: each connection is checked
    public async Task TheSaveCheck_ResolvesNamesAndReadsLiterals(string host, bool allowed) =>
        Assert.Equal(allowed, await WebhookAddressPolicy.IsPublicHostAsync(host, CancellationToken.None));

    [Fact]
    public async Task Connecting_ToANameThatResolvesToThisMachine_IsRefusedBeforeDialling()
    {
        using var listener = new ConnectionCounter();
        var endpoint = new DnsEndPoint(Dns.GetHostName(), listener.Port);

        await Assert.ThrowsAsync<PrivateAddressException>(async () => await WebhookAddressPolicy.ConnectAsync(endpoint, allowPrivateAddresses: false, CancellationToken.None));
        await Assert.ThrowsAsync<PrivateAddressException>(async () =>
            await WebhookAddressPolicy.ConnectAsync(new DnsEndPoint("[::ffff:127.0.0.1]", listener.Port), allowPrivateAddresses: false, CancellationToken.None));
        await using (await WebhookAddressPolicy.ConnectAsync(endpoint, allowPrivateAddresses: true, CancellationToken.None))
        {
        }

        await listener.WaitForAsync(1);
        Assert.Equal(1, listener.Connections); // only the allowed connection arrived
    }
}
