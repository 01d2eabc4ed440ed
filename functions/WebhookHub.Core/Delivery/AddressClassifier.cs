using System.Net;
using System.Net.Sockets;

namespace WebhookHub.Delivery;

/// <summary>
/// Tells the <see cref="AddressKind"/> of an IP address. IPv4 rows come from the IANA IPv4 Special-Purpose Address Registry;
/// IPv6 is public only inside global unicast <c>2000::/3</c> and outside its special blocks. IPv6 forms that embed an IPv4
/// address are judged by that address:
/// <list type="bullet">
/// <item>IPv4-mapped <c>::ffff:a.b.c.d</c> (RFC 4291) and IPv4-translated <c>::ffff:0:a.b.c.d</c> (RFC 2765): a dual-stack socket
/// connects to the IPv4 address itself.</item>
/// <item>NAT64 well-known prefix <c>64:ff9b::/96</c> (RFC 6052): a NAT64 gateway forwards to the IPv4 address, so
/// <c>64:ff9b::10.0.0.1</c> reaches the private network.</item>
/// <item>6to4 <c>2002:AABB:CCDD::/48</c> (RFC 3056): the site sits behind the IPv4 address <c>AA.BB.CC.DD</c>.</item>
/// </list>
/// Blocked outright, whatever they embed: the deprecated IPv4-compatible <c>::a.b.c.d</c> (RFC 4291 §2.5.5.1; no host has such
/// an address, and some stacks tunnel it to the IPv4 address), the local-use NAT64 prefix <c>64:ff9b:1::/48</c> (RFC 8215; its
/// layout is the operator's choice) and Teredo <c>2001::/32</c> (RFC 4380; embeds an obfuscated client address, and Teredo
/// relays are being shut down). Thread-safe.
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/32"), AddressKind.Unspecified),
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.ThisNetwork),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("192.88.99.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), AddressKind.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] V6 =
    [
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("::/96"), AddressKind.Reserved),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressKind.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.Private),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
        (IPNetwork.Parse("2001::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("2001:2::/48"), AddressKind.Benchmarking),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Documentation),
        (IPNetwork.Parse("3fff::/20"), AddressKind.Documentation),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>Returns the kind of <paramref name="address"/>; IPv4 embedded in IPv6 gets the kind of the IPv4 address.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } v4) address = v4;
        if (address.AddressFamily == AddressFamily.InterNetwork) return Find(V4, address) ?? AddressKind.Public;
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressKind.Reserved;
        return Find(V6, address) ?? (GlobalUnicast.Contains(address) ? AddressKind.Public : AddressKind.Reserved);
    }

    /// <summary>
    /// The IPv4 address inside an IPv4-mapped (<c>::ffff:0:0/96</c>), IPv4-translated (<c>::ffff:0:0:0/96</c>), NAT64
    /// (<c>64:ff9b::/96</c>) or 6to4 (<c>2002::/16</c>) IPv6 address; <see langword="null"/> for any other address.
    /// </summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (b[..8].IndexOfAnyExcept((byte)0) < 0)
        {
            if (b[8] == 0 && b[9] == 0 && b[10] == 0xff && b[11] == 0xff) return new IPAddress(b[12..]); // ::ffff:a.b.c.d
            if (b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0) return new IPAddress(b[12..]); // ::ffff:0:a.b.c.d
            return null;
        }

        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0) return new IPAddress(b[12..]);
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b[2..6]);
        return null;
    }

    private static AddressKind? Find((IPNetwork Network, AddressKind Kind)[] table, IPAddress address)
    {
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address)) return kind;
        }

        return null;
    }
}
