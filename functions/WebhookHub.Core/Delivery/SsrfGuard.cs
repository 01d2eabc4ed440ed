using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace WebhookHub.Delivery;

/// <summary>
/// Outbound SSRF guard, used as <see cref="SocketsHttpHandler.ConnectCallback"/>: it resolves the host itself, keeps only the
/// addresses that are <see cref="AddressKind.Public"/> or inside an operator-allowed network, and connects to one of exactly
/// those. The check is on the address connected to, so DNS rebinding (a name that resolves to a public address when checked
/// and to a private one when used) cannot slip through; every new connection resolves and checks again. A host with some
/// blocked and some allowed addresses is reached on an allowed one only. With <see cref="DeliveryOptions.RequireHttps"/>,
/// <c>http</c> URLs are refused before any connection. What is blocked: see <see cref="AddressClassifier"/>. Thread-safe.
/// </summary>
public sealed class SsrfGuard
{
    private readonly IPNetwork[] _allowed;
    private readonly bool _requireHttps;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>Creates a guard from the delivery options (<see cref="DeliveryOptions.AllowedNetworks"/>, <see cref="DeliveryOptions.RequireHttps"/>), copied now.</summary>
    /// <param name="options">The delivery options.</param>
    /// <param name="resolve">Host name resolution; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null. Tests pass a fake.</param>
    /// <exception cref="FormatException">An allowed network is not CIDR notation.</exception>
    public SsrfGuard(DeliveryOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
        : this(options.AllowedNetworks, resolve, options.RequireHttps)
    {
    }

    /// <summary>Creates a guard.</summary>
    /// <param name="allowedNetworks">CIDR networks to let through although blocked (for local development and tests).</param>
    /// <param name="resolve">Host name resolution; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null.</param>
    /// <param name="requireHttps">Refuse <c>http</c> URLs.</param>
    /// <exception cref="FormatException">An allowed network is not CIDR notation.</exception>
    public SsrfGuard(IEnumerable<string> allowedNetworks, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null, bool requireHttps = false)
    {
        _allowed = allowedNetworks.Select(IPNetwork.Parse).ToArray();
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _requireHttps = requireHttps;
    }

    /// <summary><see langword="true"/> when <paramref name="address"/> is <see cref="AddressKind.Public"/> (IPv4 embedded in IPv6 is judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address) => AddressClassifier.Classify(address) == AddressKind.Public;

    /// <summary>
    /// <see langword="true"/> when deliveries may connect to <paramref name="address"/>: it is public, or inside an allowed network
    /// (an IPv4 network also allows the IPv6 forms that embed its addresses).
    /// </summary>
    public bool IsAllowed(IPAddress address)
    {
        if (IsPublic(address)) return true;
        var embedded = AddressClassifier.EmbeddedIPv4(address);
        foreach (var network in _allowed)
        {
            if (network.Contains(address) || (embedded is not null && network.Contains(embedded))) return true;
        }

        return false;
    }

    /// <summary>
    /// Checks what can be checked without DNS, for the API to reject a subscription URL early: plain <c>http</c> under
    /// <see cref="DeliveryOptions.RequireHttps"/>, and a host that is a blocked IP literal. Names are checked only at connect time.
    /// </summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <returns>Why the URL is refused, or <see langword="null"/> when it is acceptable.</returns>
    public string? CheckUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_requireHttps && !url.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return "Only https URLs are accepted (WebhookHub:Delivery:RequireHttps is on).";
        }

        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) && !IsAllowed(literal))
        {
            return $"The host is a {SsrfBlockedException.Describe(AddressClassifier.Classify(literal))} address, which deliveries may not reach.";
        }

        return null;
    }

    /// <summary>Resolves <paramref name="host"/> (or parses an IP literal) and returns the addresses deliveries may connect to, in resolution order.</summary>
    /// <exception cref="SsrfBlockedException">Every address is blocked.</exception>
    /// <exception cref="SocketException">Resolution failed or found no address.</exception>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken = default)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        var allowed = Array.FindAll(addresses, IsAllowed);
        if (allowed.Length == 0) throw new SsrfBlockedException(host, addresses.Select(AddressClassifier.Classify).Distinct().ToArray());
        return allowed;
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/>: refuses <c>http</c> when https is required, resolves the host,
    /// and connects to the first allowed address that accepts.
    /// </summary>
    /// <exception cref="SsrfBlockedException">The URL is http under RequireHttps, or every resolved address is blocked.</exception>
    /// <exception cref="SocketException">Resolution or connection failed.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (_requireHttps && context.InitialRequestMessage.RequestUri is { } uri
            && !uri.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            throw SsrfBlockedException.ForHttp(host);
        }

        var allowed = await ResolveAllowedAsync(host, cancellationToken).ConfigureAwait(false);
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
}
