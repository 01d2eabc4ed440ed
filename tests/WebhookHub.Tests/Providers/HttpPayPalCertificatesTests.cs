using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Providers;

/// <summary>The default PayPal certificate source: one download per URL, cached until expiry, failures remembered briefly, bounded.</summary>
public sealed class HttpPayPalCertificatesTests
{
    private static readonly Uri Url = new("https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27");
    private static readonly DateTimeOffset Start = new(2025, 5, 15, 12, 0, 0, TimeSpan.Zero);

    private static string TestPem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "paypal-test-cert.pem"));

    /// <summary>Answers synchronous sends (as <see cref="HttpClient.Send(HttpRequestMessage)"/> needs) from a function; counts them.</summary>
    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        public List<Uri> Urls { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            lock (Urls) Urls.Add(request.RequestUri!);
            return answer(request, cancellationToken);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    private static HttpResponseMessage Ok(string content) => new(HttpStatusCode.OK) { Content = new StringContent(content, Encoding.ASCII, "text/plain") };

    [Fact]
    public void Get_TwiceForOneUrl_DownloadsOnce()
    {
        var handler = new StubHandler((_, _) => Ok(TestPem));
        using var certificates = new HttpPayPalCertificates(handler, new FakeTimeProvider(Start));

        var first = certificates.Get(Url);
        var second = certificates.Get(Url);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(TestPayPalCertificates.Certificate.Thumbprint, first.Thumbprint);
        Assert.Equal(1, handler.Sends);
        Assert.Equal(Url, Assert.Single(handler.Urls));
    }

    [Fact]
    public async Task Get_ConcurrentCallers_ShareOneDownload()
    {
        using var gate = new ManualResetEventSlim();
        var handler = new StubHandler((_, _) =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return Ok(TestPem);
        });
        using var certificates = new HttpPayPalCertificates(handler, new FakeTimeProvider(Start));

        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => certificates.Get(Url))).ToArray();
        await Task.Delay(100);
        gate.Set();
        var results = await Task.WhenAll(callers).DefaultTimeout();

        Assert.All(results, Assert.NotNull);
        Assert.Equal(1, handler.Sends);
    }

    [Fact]
    public void Get_AfterMaxAge_DownloadsAgain()
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler((_, _) => Ok(TestPem));
        using var certificates = new HttpPayPalCertificates(handler, time);

        certificates.Get(Url);
        time.Advance(HttpPayPalCertificates.MaxAge - TimeSpan.FromSeconds(1));
        certificates.Get(Url);
        Assert.Equal(1, handler.Sends);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(certificates.Get(Url));
        Assert.Equal(2, handler.Sends);
    }

    [Fact]
    public void Get_CertificateExpiringSoon_KeptOnlyUntilItsNotAfter()
    {
        using var key = RSA.Create(2048);
        using var shortLived = new CertificateRequest("CN=Short lived", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Start.AddDays(-1), Start.AddHours(1));
        var pem = shortLived.ExportCertificatePem();
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler((_, _) => Ok(pem));
        using var certificates = new HttpPayPalCertificates(handler, time);

        certificates.Get(Url);
        time.Advance(TimeSpan.FromMinutes(59));
        certificates.Get(Url);
        time.Advance(TimeSpan.FromMinutes(2));
        certificates.Get(Url);

        Assert.Equal(2, handler.Sends);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "")]
    [InlineData(HttpStatusCode.OK, "not a certificate")]
    [InlineData(HttpStatusCode.OK, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void Get_BadResponse_NullAndRetriedOnlyAfterTheFailureDelay(HttpStatusCode status, string content)
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler((_, _) => new HttpResponseMessage(status) { Content = new StringContent(content) });
        using var certificates = new HttpPayPalCertificates(handler, time);

        Assert.Null(certificates.Get(Url));
        Assert.Null(certificates.Get(Url));
        Assert.Equal(1, handler.Sends);

        time.Advance(HttpPayPalCertificates.FailureRetryDelay);
        Assert.Null(certificates.Get(Url));
        Assert.Equal(2, handler.Sends);
    }

    [Fact]
    public void Get_NetworkErrorOrTimeout_Null()
    {
        var failing = new StubHandler((_, _) => throw new HttpRequestException("connection refused"));
        using var refused = new HttpPayPalCertificates(failing, new FakeTimeProvider(Start));
        Assert.Null(refused.Get(Url));

        var hanging = new StubHandler((_, token) =>
        {
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
            token.ThrowIfCancellationRequested();
            return Ok(TestPem);
        });
        using var slow = new HttpPayPalCertificates(hanging, new FakeTimeProvider(Start), TimeSpan.FromMilliseconds(200));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(slow.Get(Url));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Get_ResponseLargerThanLimit_Null()
    {
        var handler = new StubHandler((_, _) => Ok(TestPem + new string('x', HttpPayPalCertificates.MaxCertificateBytes)));
        using var certificates = new HttpPayPalCertificates(handler, new FakeTimeProvider(Start));
        Assert.Null(certificates.Get(Url));
    }

    [Fact]
    public void Get_ManyUrls_CacheStaysBounded()
    {
        var handler = new StubHandler((_, _) => Ok(TestPem));
        using var certificates = new HttpPayPalCertificates(handler, new FakeTimeProvider(Start));

        for (var i = 0; i < HttpPayPalCertificates.MaxEntries * 2; i++)
        {
            Assert.NotNull(certificates.Get(new Uri($"{Url}-{i}")));
        }

        Assert.True(certificates.Count <= HttpPayPalCertificates.MaxEntries, $"{certificates.Count} entries");
        Assert.Equal(HttpPayPalCertificates.MaxEntries * 2, handler.Sends);
    }

    [Fact]
    public void Parse_PemChainOrDer_ReadsTheFirstCertificate()
    {
        using var key = RSA.Create(2048);
        using var other = new CertificateRequest("CN=Intermediate", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Start.AddDays(-1), Start.AddDays(1));
        var chain = TestPem + other.ExportCertificatePem() + "\n";

        using var fromChain = HttpPayPalCertificates.Parse(Encoding.ASCII.GetBytes(chain));
        using var fromDer = HttpPayPalCertificates.Parse(TestPayPalCertificates.Certificate.RawData);

        Assert.Equal(TestPayPalCertificates.Certificate.Thumbprint, fromChain!.Thumbprint);
        Assert.Equal(TestPayPalCertificates.Certificate.Thumbprint, fromDer!.Thumbprint);
    }

    [Fact]
    public void PayPal_WithDownloadedCertificate_VerifiesVector()
    {
        var vector = Vectors.Load("paypal.json").Single(v => v.Name == "payment-capture-completed");
        var handler = new StubHandler((_, _) => Ok(TestPem));
        using var certificates = new HttpPayPalCertificates(handler, new FakeTimeProvider(Start));
        var verifier = new PayPal(certificates).CreateVerifier(new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(vector.Headers), Encoding.UTF8.GetBytes(vector.Body));

        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request, [vector.Secret], vector.NowTime).Status);
        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request, [vector.Secret], vector.NowTime).Status);
        Assert.Equal(1, handler.Sends);
    }
}
