using System.Net;
using System.Net.Http;
using WebhookHub.Delivery;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

public sealed class SsrfGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:101::1")]
    public void IsPublic_BlockedRanges_False(string address) => Assert.False(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_PublicAddresses_True(string address) => Assert.True(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void IsAllowed_AllowListLetsLoopbackThroughOnly()
    {
        var guard = new SsrfGuard(["127.0.0.0/8"]);
        Assert.True(guard.IsAllowed(IPAddress.Loopback));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.IPv6Loopback));
    }

    [Fact]
    public async Task Deliver_HostResolvingToMetadataAddress_BlockedBeforeConnecting()
    {
        var resolved = new List<string>();
        var guard = new SsrfGuard([], (host, _) =>
        {
            resolved.Add(host);
            return Task.FromResult(new[] { IPAddress.Parse("169.254.169.254") });
        });
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://metadata.example/latest").DefaultTimeout());

        Assert.IsType<SsrfBlockedException>(exception.InnerException);
        Assert.Equal(["metadata.example"], resolved);
    }

    [Fact]
    public async Task Deliver_LiteralPrivateAddress_Blocked()
    {
        var guard = new SsrfGuard([]);
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://127.0.0.1:9/").DefaultTimeout());

        Assert.IsType<SsrfBlockedException>(exception.InnerException);
    }
}
