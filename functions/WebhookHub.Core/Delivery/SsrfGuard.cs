using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace WebhookHub.Delivery;

/// <summary>
/// Outbound SSRF guard, used as <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects only to
/// an address that is public or inside an operator-allowed network, so DNS rebinding cannot slip a private address in after
/// a check. Blocks unspecified, loopback, RFC 1918, CGNAT 100.64/10, link-local 169.254/16 (cloud metadata) and fe80::/10,
/// unique-local fc00::/7, multicast, reserved and documentation ranges, and IPv4 embedded in IPv6 (mapped, NAT64, 6to4)
/// when the embedded address is blocked. Thread-safe.
/// </summary>
public sealed class SsrfGuard
{
    private static readonly IPNetwork[] BlockedNetworks =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "100::/64",
        }.Select(IPNetwork.Parse),
    ];

    private readonly IPNetwork[] _allowed;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>Creates a guard.</summary>
    /// <param name="allowedNetworks">CIDR networks to let through although blocked (for local development and tests).</param>
    /// <param name="resolve">Host name resolution; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null.</param>
    /// <exception cref="FormatException">An allowed network is not CIDR notation.</exception>
    public SsrfGuard(IEnumerable<string> allowedNetworks, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _allowed = allowedNetworks.Select(IPNetwork.Parse).ToArray();
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary><see langword="true"/> when <paramref name="address"/> is in no blocked range (IPv4 embedded in IPv6 is checked as IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (Embedded(address) is { } v4) address = v4;
        return !BlockedNetworks.Any(n => n.Contains(address)) && !address.Equals(IPAddress.Broadcast);
    }

    /// <summary><see langword="true"/> when deliveries may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address) =>
        _allowed.Any(n => n.Contains(address) || (Embedded(address) is { } v4 && n.Contains(v4))) || IsPublic(address);

    /// <summary>Resolves the request's host, picks the first allowed address, and connects to it.</summary>
    /// <exception cref="SsrfBlockedException">Every resolved address is blocked.</exception>
    /// <exception cref="SocketException">Resolution or connection failed.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0) throw new SsrfBlockedException(host);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b) return new IPAddress(bytes.AsSpan(12, 4)); // 64:ff9b::/96 NAT64
        if (bytes[0] == 0x20 && bytes[1] == 0x02) return new IPAddress(bytes.AsSpan(2, 4)); // 2002::/16 6to4
        return null;
    }
}
