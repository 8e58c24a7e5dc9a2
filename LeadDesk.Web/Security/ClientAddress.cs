using System.Net;
using System.Net.Sockets;

namespace LeadDesk.Web.Security;

/// <summary>Who a per-client limit counts: the connection's address, as corrected by trusted forwarded headers.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The address as text; an IPv6 client by its /64 network, because one subscriber is handed a whole /64 and could
    /// otherwise take a fresh bucket for every request. "unknown" when the server reports none.
    /// </summary>
    public static string Key(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
