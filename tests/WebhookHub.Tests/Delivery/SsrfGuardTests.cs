using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using WebhookHub.Delivery;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// The SSRF guard with an injected resolver: every kind of address it blocks, IPv4 hidden in IPv6, hosts with mixed addresses,
/// DNS rebinding, IP literals, the operator allow-list and https-only. Connections that succeed go only to a loopback receiver
/// that the allow-list admits; blocked ones fail before any socket is opened.
/// </summary>
public sealed class SsrfGuardTests
{
    [Theory]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.ThisNetwork)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.254", AddressKind.SharedAddressSpace)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressKind.UniqueLocal)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("ff0e::1", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("192.0.2.1", AddressKind.Documentation)]
    [InlineData("198.51.100.7", AddressKind.Documentation)]
    [InlineData("203.0.113.9", AddressKind.Documentation)]
    [InlineData("2001:db8::1", AddressKind.Documentation)]
    [InlineData("3fff::1", AddressKind.Documentation)]
    [InlineData("198.18.0.1", AddressKind.Benchmarking)]
    [InlineData("198.19.255.255", AddressKind.Benchmarking)]
    [InlineData("2001:2::1", AddressKind.Benchmarking)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("192.88.99.1", AddressKind.Reserved)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("5f00::1", AddressKind.Reserved)]
    public void Classify_SpecialRanges_TheirKind(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]            // IPv4-mapped
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::ffff:0:192.168.0.1", AddressKind.Private)]         // IPv4-translated (SIIT)
    [InlineData("64:ff9b::10.0.0.1", AddressKind.Private)]            // NAT64 well-known prefix
    [InlineData("64:ff9b::169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("2002:c0a8:0101::1", AddressKind.Private)]            // 6to4 of 192.168.1.1
    [InlineData("2002:7f00:0001::1", AddressKind.Loopback)]           // 6to4 of 127.0.0.1
    [InlineData("::127.0.0.1", AddressKind.Reserved)]                 // IPv4-compatible: deprecated, blocked whatever it holds
    [InlineData("::8.8.8.8", AddressKind.Reserved)]
    [InlineData("64:ff9b:1::a00:1", AddressKind.Reserved)]            // local-use NAT64: operator-defined layout
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressKind.Reserved)] // Teredo
    public void Classify_IPv4InIPv6_JudgedByEmbeddedAddressOrBlocked(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    public void Classify_PublicAddresses_Public(string address)
    {
        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(IPAddress.Parse(address)));
        Assert.True(SsrfGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void EmbeddedIPv4_OnlyForTheJudgedForms()
    {
        Assert.Equal(IPAddress.Parse("10.0.0.1"), AddressClassifier.EmbeddedIPv4(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), AddressClassifier.EmbeddedIPv4(IPAddress.Parse("::ffff:0:10.0.0.1")));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), AddressClassifier.EmbeddedIPv4(IPAddress.Parse("64:ff9b::10.0.0.1")));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), AddressClassifier.EmbeddedIPv4(IPAddress.Parse("2002:0a00:0001:5::1")));
        Assert.Null(AddressClassifier.EmbeddedIPv4(IPAddress.Parse("::10.0.0.1")));
        Assert.Null(AddressClassifier.EmbeddedIPv4(IPAddress.Parse("64:ff9b:1::10.0.0.1")));
        Assert.Null(AddressClassifier.EmbeddedIPv4(IPAddress.Parse("2606:4700::1111")));
        Assert.Null(AddressClassifier.EmbeddedIPv4(IPAddress.Parse("10.0.0.1")));
    }

    public static TheoryData<string, AddressKind> EveryBlockedKind => new()
    {
        { "0.0.0.0", AddressKind.Unspecified },
        { "::", AddressKind.Unspecified },
        { "0.0.0.1", AddressKind.ThisNetwork },
        { "127.0.0.1", AddressKind.Loopback },
        { "::1", AddressKind.Loopback },
        { "10.0.0.1", AddressKind.Private },
        { "172.20.1.1", AddressKind.Private },
        { "192.168.0.10", AddressKind.Private },
        { "100.100.100.200", AddressKind.SharedAddressSpace },
        { "169.254.169.254", AddressKind.LinkLocal },
        { "fe80::a9fe:a9fe", AddressKind.LinkLocal },
        { "fd00:ec2::254", AddressKind.UniqueLocal },
        { "224.0.0.251", AddressKind.Multicast },
        { "ff02::fb", AddressKind.Multicast },
        { "255.255.255.255", AddressKind.Broadcast },
        { "203.0.113.5", AddressKind.Documentation },
        { "198.18.0.5", AddressKind.Benchmarking },
        { "::ffff:169.254.169.254", AddressKind.LinkLocal },
        { "64:ff9b::a9fe:a9fe", AddressKind.LinkLocal },
        { "2002:a9fe:a9fe::1", AddressKind.LinkLocal },
        { "::a9fe:a9fe", AddressKind.Reserved },
    };

    [Theory]
    [MemberData(nameof(EveryBlockedKind))]
    public async Task ResolveAllowed_HostResolvingToBlockedAddress_Refused(string address, AddressKind kind)
    {
        var resolved = new List<string>();
        var guard = new SsrfGuard([], (host, _) =>
        {
            resolved.Add(host);
            return Task.FromResult(new[] { IPAddress.Parse(address) });
        });

        var blocked = await Assert.ThrowsAsync<SsrfBlockedException>(() => guard.ResolveAllowedAsync("victim.example").DefaultTimeout());

        Assert.Equal([kind], blocked.Kinds);
        Assert.Equal("victim.example", blocked.Host);
        Assert.DoesNotContain(address, blocked.Message);
        Assert.Equal(["victim.example"], resolved);
    }

    [Fact]
    public async Task Connect_HostResolvingToMetadataAddress_RefusedBeforeConnecting()
    {
        var guard = new SsrfGuard([], Resolves("169.254.169.254"));
        using var client = Client(guard);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://metadata.example/latest").DefaultTimeout());

        var blocked = Assert.IsType<SsrfBlockedException>(exception.InnerException);
        Assert.Equal([AddressKind.LinkLocal], blocked.Kinds);
        Assert.Equal("'metadata.example' resolves only to blocked addresses (link-local).", blocked.Message);
    }

    [Fact]
    public async Task Connect_EveryAddressBlocked_MessageNamesEachKindOnce()
    {
        var guard = new SsrfGuard([], Resolves("127.0.0.1", "10.0.0.1", "10.0.0.2", "::1"));

        var blocked = await Assert.ThrowsAsync<SsrfBlockedException>(() => guard.ResolveAllowedAsync("internal.example").DefaultTimeout());

        Assert.Equal([AddressKind.Loopback, AddressKind.Private], blocked.Kinds);
        Assert.Equal("'internal.example' resolves only to blocked addresses (loopback, private).", blocked.Message);
    }

    [Fact]
    public async Task ResolveAllowed_SomeAddressesPublic_OnlyThoseKeptInOrder()
    {
        var guard = new SsrfGuard([], Resolves("10.0.0.1", "93.184.216.34", "169.254.169.254", "fd00::1", "2606:4700::1111", "::ffff:127.0.0.1"));

        var allowed = await guard.ResolveAllowedAsync("mixed.example").DefaultTimeout();

        Assert.Equal([IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:4700::1111")], allowed);
    }

    [Fact]
    public async Task ResolveAllowed_NoAddress_HostNotFound()
    {
        var guard = new SsrfGuard([], Resolves());

        var exception = await Assert.ThrowsAsync<SocketException>(() => guard.ResolveAllowedAsync("nothing.example").DefaultTimeout());

        Assert.Equal(SocketError.HostNotFound, exception.SocketErrorCode);
    }

    [Fact]
    public async Task Connect_SomeAddressesBlocked_ConnectsToAllowedOneOnly()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        // Blocked addresses come first (loopback ones outside the allow-list, so that even a broken guard stays on this host).
        var guard = new SsrfGuard(["127.0.0.1/32"], Resolves("127.0.0.2", "::1", "127.0.0.1"));
        using var client = Client(guard);

        using var response = await client.GetAsync($"http://mixed.example:{port}/hook").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/hook", Assert.Single(receiver.Received).Path);
    }

    [Fact]
    public async Task Connect_DnsRebinding_EachConnectionCheckedOnTheAddressItUses()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        var calls = 0;
        // First answer: an address the guard admits. Every later answer: an internal address outside the allow-list (loopback
        // rather than 169.254.169.254, so that even a broken guard sends nothing off this host).
        var guard = new SsrfGuard(["127.0.0.1/32"], (_, _) => Task.FromResult(new[]
        {
            Interlocked.Increment(ref calls) == 1 ? IPAddress.Loopback : IPAddress.Parse("127.0.0.2"),
        }));
        using var client = Client(guard);

        // rebind.example resolves nowhere but through the guard, so reaching the receiver proves the connection used the
        // address the guard checked rather than a second lookup of its own.
        using var first = new HttpRequestMessage(HttpMethod.Get, $"http://rebind.example:{port}/first") { Headers = { ConnectionClose = true } };
        using var firstResponse = await client.SendAsync(first).DefaultTimeout();
        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://rebind.example:{port}/second").DefaultTimeout());

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal([AddressKind.Loopback], Assert.IsType<SsrfBlockedException>(exception.InnerException).Kinds);
        Assert.Equal(2, calls);
        Assert.Equal("/first", Assert.Single(receiver.Received).Path);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/", AddressKind.Loopback)]
    [InlineData("http://2130706433:9/", AddressKind.Loopback)]
    [InlineData("http://0x7f.0.0.1:9/", AddressKind.Loopback)]
    [InlineData("http://0177.0.0.1:9/", AddressKind.Loopback)]
    [InlineData("http://127.1:9/", AddressKind.Loopback)]
    [InlineData("http://0.0.0.0:9/", AddressKind.Unspecified)]
    [InlineData("http://[::]:9/", AddressKind.Unspecified)]
    [InlineData("http://[::1]:9/", AddressKind.Loopback)]
    [InlineData("http://[::ffff:127.0.0.1]:9/", AddressKind.Loopback)]
    [InlineData("http://[::ffff:7f00:1]:9/", AddressKind.Loopback)]
    [InlineData("http://[::ffff:0:7f00:1]:9/", AddressKind.Loopback)]
    [InlineData("http://[fe80::1]:9/", AddressKind.LinkLocal)]
    public async Task Connect_IPLiteral_CheckedWithoutResolving(string url, AddressKind kind)
    {
        var guard = new SsrfGuard([], (host, _) => throw new InvalidOperationException($"resolver called for {host}"));
        using var client = Client(guard);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url).DefaultTimeout());

        Assert.Equal([kind], Assert.IsType<SsrfBlockedException>(exception.InnerException).Kinds);
    }

    [Fact]
    public void IsAllowed_AllowListLetsLoopbackThroughOnly()
    {
        var guard = new SsrfGuard(["127.0.0.0/8"]);
        Assert.True(guard.IsAllowed(IPAddress.Loopback));
        Assert.True(guard.IsAllowed(IPAddress.Parse("127.0.0.53")));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.IPv6Loopback));
        Assert.True(guard.IsAllowed(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void IsAllowed_OperatorNetworks_AdmitTheirAddressesAndTheirIPv6Forms()
    {
        var guard = new SsrfGuard(["10.20.0.0/16", "fd00:1::/32", "::1/128"]);

        Assert.True(guard.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.True(guard.IsAllowed(IPAddress.Parse("64:ff9b::10.20.3.4")));
        Assert.True(guard.IsAllowed(IPAddress.Parse("fd00:1::5")));
        Assert.True(guard.IsAllowed(IPAddress.IPv6Loopback));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("fd00:2::5")));
        Assert.False(guard.IsAllowed(IPAddress.Loopback));
        Assert.False(guard.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Constructor_NetworkNotCidr_Throws() =>
        Assert.Throws<FormatException>(() => new SsrfGuard(["10.0.0.0/33"]));

    [Fact]
    public void Constructor_FromOptions_CopiesAllowListAndHttpsRule()
    {
        var options = new DeliveryOptions { AllowedNetworks = ["10.0.0.0/8"], RequireHttps = true };
        var guard = new SsrfGuard(options);
        options.AllowedNetworks = [];
        options.RequireHttps = false;

        Assert.True(guard.IsAllowed(IPAddress.Parse("10.1.1.1")));
        Assert.NotNull(guard.CheckUrl(new Uri("http://example.com/")));
    }

    [Fact]
    public void DeliveryOptions_RequireHttps_OffByDefault() => Assert.False(new DeliveryOptions().RequireHttps);

    [Theory]
    [InlineData("https://example.com/hook", false, null)]
    [InlineData("http://example.com/hook", false, null)]
    [InlineData("http://example.com/hook", true, "Only https URLs are accepted (WebhookHub:Delivery:RequireHttps is on).")]
    [InlineData("HTTPS://example.com/hook", true, null)]
    [InlineData("https://10.0.0.1/hook", false, "The host is a private address, which deliveries may not reach.")]
    [InlineData("https://169.254.169.254/latest", false, "The host is a link-local address, which deliveries may not reach.")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", false, "The host is a loopback address, which deliveries may not reach.")]
    [InlineData("https://192.168.5.5/hook", false, null)]
    [InlineData("https://localhost/hook", false, null)]
    public void CheckUrl_HttpAndBlockedLiterals_Refused(string url, bool requireHttps, string? expected)
    {
        var guard = new SsrfGuard(["192.168.5.0/24"], requireHttps: requireHttps);

        Assert.Equal(expected, guard.CheckUrl(new Uri(url)));
    }

    [Fact]
    public async Task Connect_HttpWhenHttpsRequired_RefusedWithoutResolvingOrConnecting()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        var resolved = 0;
        var guard = new SsrfGuard(["127.0.0.0/8"], (_, _) =>
        {
            Interlocked.Increment(ref resolved);
            return Task.FromResult(new[] { IPAddress.Loopback });
        }, requireHttps: true);
        using var client = Client(guard);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(receiver.UrlFor("hook")).DefaultTimeout());

        var blocked = Assert.IsType<SsrfBlockedException>(exception.InnerException);
        Assert.True(blocked.HttpsRequired);
        Assert.Empty(blocked.Kinds);
        Assert.Equal(0, resolved);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Connect_HttpAllowedByDefault_Delivered()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        using var client = Client(new SsrfGuard(["127.0.0.0/8"]));

        using var response = await client.GetAsync(receiver.UrlFor("hook")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(receiver.Received);
    }

    private static HttpClient Client(SsrfGuard guard) =>
        new(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false, AllowAutoRedirect = false });

    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolves(params string[] addresses) =>
        (_, _) => Task.FromResult(addresses.Select(IPAddress.Parse).ToArray());
}
