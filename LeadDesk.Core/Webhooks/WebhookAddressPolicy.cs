using System.Net;
using System.Net.Sockets;

namespace LeadDesk.Core.Webhooks;

/// <summary>
/// Where a webhook may connect: public unicast addresses only — never this machine, private networks, link-local (cloud
/// metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, documentation or reserved ranges, nor any of
/// them inside an IPv6 form (IPv4-mapped, IPv4-compatible, NAT64, 6to4). A URL is checked when it is saved, and every
/// connection is checked again against what its name resolves to at that moment, so a name that changes its address
/// later (or resolves to this machine) gets nowhere.
/// </summary>
public static class WebhookAddressPolicy
{
    private static readonly TimeSpan SaveTimeLookup = TimeSpan.FromSeconds(5);
    private static readonly string[] LocalSuffixes = [".localhost", ".local", ".internal", ".home.arpa"];

    private static readonly (byte[] Network, int Prefix)[] NotPublicV4 =
    [
        (V4(0, 0, 0, 0), 8), // "this network", 0.0.0.0
        (V4(10, 0, 0, 0), 8),
        (V4(100, 64, 0, 0), 10), // carrier-grade NAT
        (V4(127, 0, 0, 0), 8),
        (V4(169, 254, 0, 0), 16), // link-local, cloud metadata
        (V4(172, 16, 0, 0), 12),
        (V4(192, 0, 0, 0), 24), // IETF protocol assignments
        (V4(192, 0, 2, 0), 24), // documentation
        (V4(192, 88, 99, 0), 24), // 6to4 relays
        (V4(192, 168, 0, 0), 16),
        (V4(198, 18, 0, 0), 15), // benchmarking
        (V4(198, 51, 100, 0), 24), // documentation
        (V4(203, 0, 113, 0), 24), // documentation
        (V4(224, 0, 0, 0), 4), // multicast
        (V4(240, 0, 0, 0), 4), // reserved, broadcast
    ];

    // Outside 2000::/3 nothing is public (loopback, unspecified, link-local, unique-local, site-local, multicast…);
    // inside it, these are not either.
    private static readonly (byte[] Network, int Prefix)[] NotPublicGlobalV6 =
    [
        (IPAddress.Parse("2001::").GetAddressBytes(), 23), // IETF protocol assignments, Teredo
        (IPAddress.Parse("2001:db8::").GetAddressBytes(), 32), // documentation
        (IPAddress.Parse("3fff::").GetAddressBytes(), 20), // documentation
    ];

    private static readonly byte[] GlobalUnicastV6 = IPAddress.Parse("2000::").GetAddressBytes();
    private static readonly byte[] Nat64 = IPAddress.Parse("64:ff9b::").GetAddressBytes();
    private static readonly byte[] SixToFour = IPAddress.Parse("2002::").GetAddressBytes();

    /// <summary>True for an address on the public internet, where a webhook may connect.</summary>
    public static bool IsPublic(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NotPublicV4.Any(range => InRange(bytes, range.Network, range.Prefix));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        // IPv4-compatible (::a.b.c.d, which includes :: and ::1) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
        if (InRange(bytes, new byte[16], 96) || InRange(bytes, Nat64, 96))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }
        if (InRange(bytes, SixToFour, 16))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }
        return InRange(bytes, GlobalUnicastV6, 3) && !NotPublicGlobalV6.Any(range => InRange(bytes, range.Network, range.Prefix));
    }

    /// <summary>Names reserved for local networks, refused whatever they resolve to.</summary>
    public static bool IsLocalName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || LocalSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The check when a URL is saved: an address must be public, and so must every address a name resolves to now. A name
    /// that does not resolve (yet) is accepted: each connection is checked again.
    /// </summary>
    public static async Task<bool> IsPublicHostAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return IsPublic(literal);
        }
        if (IsLocalName(host))
        {
            return false;
        }
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lookup.CancelAfter(SaveTimeLookup);
        try
        {
            return (await Dns.GetHostAddressesAsync(host, lookup.Token)).All(IsPublic);
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>
    /// The webhook client's handler: every connection goes through <see cref="ConnectAsync"/>, redirects are answers (not
    /// followed: a redirect could lead anywhere), and no proxy stands between the check and the connection.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivateAddresses) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateAddresses, cancellationToken),
    };

    /// <summary>Resolves the host, keeps the addresses the policy allows and connects to the first that answers.</summary>
    /// <exception cref="PrivateAddressException">No address the host resolves to is allowed.</exception>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.Trim('[', ']');
        IPAddress[] resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = resolved.Where(a => allowPrivateAddresses || IsPublic(a)).Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToList();
        if (allowed.Count == 0)
        {
            throw new PrivateAddressException(endpoint.Host);
        }
        SocketException? failure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endpoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failure!;
    }

    private static byte[] V4(byte a, byte b, byte c, byte d) => [a, b, c, d];

    private static bool InRange(byte[] address, byte[] network, int prefix)
    {
        for (var bit = 0; bit < prefix; bit += 8)
        {
            var mask = (byte)(0xFF << (8 - Math.Min(8, prefix - bit)));
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>A webhook's host resolved only to addresses <see cref="WebhookAddressPolicy"/> refuses; nothing was dialled.</summary>
public sealed class PrivateAddressException(string host) : Exception($"{host} resolves only to private or local addresses.");
