namespace WebhookHub.Delivery;

/// <summary>
/// Thrown by <see cref="SsrfGuard"/> when a delivery may not connect: every address of its host is blocked and none is in an
/// allowed network (<see cref="Kinds"/> says which kinds were found), or the URL is <c>http</c> while
/// <see cref="DeliveryOptions.RequireHttps"/> is on (<see cref="Kinds"/> is empty). The message names the host and the kinds,
/// never the addresses, so a tenant cannot map internal names to addresses through it.
/// </summary>
public sealed class SsrfBlockedException : Exception
{
    /// <summary>Creates the exception for a host whose every address is blocked.</summary>
    /// <param name="host">The URL's host.</param>
    /// <param name="kinds">The kinds of the host's addresses, distinct, in resolution order.</param>
    public SsrfBlockedException(string host, IReadOnlyList<AddressKind> kinds)
        : base($"'{host}' resolves only to blocked addresses ({string.Join(", ", kinds.Select(Describe))}).")
    {
        Host = host;
        Kinds = kinds;
    }

    private SsrfBlockedException(string host, string message) : base(message)
    {
        Host = host;
        Kinds = [];
    }

    /// <summary>The URL's host.</summary>
    public string Host { get; }

    /// <summary>The kinds of address found; empty when the refusal is for plain <c>http</c>.</summary>
    public IReadOnlyList<AddressKind> Kinds { get; }

    /// <summary><see langword="true"/> when the URL was refused for being <c>http</c> under <see cref="DeliveryOptions.RequireHttps"/>.</summary>
    public bool HttpsRequired { get; private init; }

    /// <summary>Creates the exception for an <c>http</c> URL when only <c>https</c> is allowed.</summary>
    public static SsrfBlockedException ForHttp(string host) =>
        new(host, $"'{host}' is reached over http, but this WebhookHub delivers over https only.") { HttpsRequired = true };

    /// <summary>The lowercase words for a kind used in messages: <c>loopback</c>, <c>private</c>, <c>link-local</c>, …</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.ThisNetwork => "this-network",
        AddressKind.SharedAddressSpace => "shared address space (CGNAT)",
        AddressKind.LinkLocal => "link-local",
        AddressKind.UniqueLocal => "unique-local",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
