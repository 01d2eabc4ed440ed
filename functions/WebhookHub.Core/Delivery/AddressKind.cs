namespace WebhookHub.Delivery;

/// <summary>
/// What an IP address is, as far as the SSRF guard cares: <see cref="Public"/> may be reached, every other kind is blocked
/// unless an operator allows its network (<see cref="DeliveryOptions.AllowedNetworks"/>). IPv4 embedded in IPv6 (mapped,
/// translated, NAT64, 6to4) has the kind of its IPv4 address. Sources: the IANA IPv4 and IPv6 Special-Purpose Address
/// Registries (RFC 6890 and its updates).
/// </summary>
public enum AddressKind
{
    /// <summary>Globally routable unicast: deliveries may connect.</summary>
    Public,
    /// <summary><c>0.0.0.0</c> and <c>::</c>; connecting to them reaches the local host on most systems.</summary>
    Unspecified,
    /// <summary>"This network", <c>0.0.0.0/8</c> (RFC 791).</summary>
    ThisNetwork,
    /// <summary><c>127.0.0.0/8</c> and <c>::1</c>.</summary>
    Loopback,
    /// <summary>RFC 1918 <c>10.0.0.0/8</c>, <c>172.16.0.0/12</c>, <c>192.168.0.0/16</c>, and the deprecated IPv6 site-local <c>fec0::/10</c>.</summary>
    Private,
    /// <summary>Carrier-grade NAT shared address space <c>100.64.0.0/10</c> (RFC 6598).</summary>
    SharedAddressSpace,
    /// <summary><c>169.254.0.0/16</c> (RFC 3927; cloud metadata at <c>169.254.169.254</c>) and <c>fe80::/10</c>.</summary>
    LinkLocal,
    /// <summary>IPv6 unique local addresses <c>fc00::/7</c> (RFC 4193), the IPv6 counterpart of RFC 1918.</summary>
    UniqueLocal,
    /// <summary><c>224.0.0.0/4</c> and <c>ff00::/8</c>.</summary>
    Multicast,
    /// <summary>The limited broadcast address <c>255.255.255.255</c>.</summary>
    Broadcast,
    /// <summary>Documentation ranges: <c>192.0.2.0/24</c>, <c>198.51.100.0/24</c>, <c>203.0.113.0/24</c> (RFC 5737), <c>2001:db8::/32</c> (RFC 3849), <c>3fff::/20</c> (RFC 9637).</summary>
    Documentation,
    /// <summary>Benchmarking ranges: <c>198.18.0.0/15</c> (RFC 2544) and <c>2001:2::/48</c> (RFC 5180).</summary>
    Benchmarking,
    /// <summary>
    /// Anything else not globally routable: <c>192.0.0.0/24</c> (IETF protocol assignments), <c>192.88.99.0/24</c> (6to4 relay
    /// anycast, RFC 7526), <c>240.0.0.0/4</c>; in IPv6 everything outside global unicast <c>2000::/3</c>, the deprecated
    /// IPv4-compatible <c>::/96</c>, the local-use NAT64 prefix <c>64:ff9b:1::/48</c> and Teredo <c>2001::/32</c>.
    /// </summary>
    Reserved,
}
