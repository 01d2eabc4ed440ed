using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WebhookHub.Providers;

namespace WebhookHub.Benchmarks.Verification;

/// <summary>
/// One verification of a library-made vector per provider (the first event vector of its file in tests/vectors; body sizes
/// differ from a few hundred bytes to a few KiB), with one secret,
/// as the ingest path calls it: headers lookup, signature check, event ID and type extraction. Reported per operation, so
/// verifications per second = 1 s / Mean; Allocated is per verification.
/// </summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private IWebhookVerifier _verifier = null!;
    private WebhookRequest _request;
    private string[] _secrets = [];
    private DateTimeOffset _now;

    /// <summary>The vector files measured (tests/vectors/{name}.json); the provider is the name up to its first dash.</summary>
    public static IEnumerable<string> Providers =>
    [
        "adyen", "bitbucket", "calendly", "coinbase", "discord", "docusign", "dropbox", "eventgrid", "github", "github-sha1",
        "gitlab", "hubspot", "intercom", "jira", "linear", "mailgun", "meta", "mollie", "msgraph", "okta", "paddle",
        "quickbooks", "razorpay", "sendgrid", "shopify", "slack", "square", "standardwebhooks", "standardwebhooks-v1a",
        "stripe", "twilio", "twitch", "typeform", "xero", "zoom",
    ];

    /// <summary>The vector file of this run, without <c>.json</c>.</summary>
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "";

    /// <summary>Loads the vector and creates the verifier; fails if the vector does not verify, so nothing fake is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (name, file) = (Provider.Split('-')[0], Provider + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        var vector = document.RootElement.EnumerateArray().First(v => v.GetProperty("eventId").ValueKind == JsonValueKind.String);
        var headers = vector.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        _verifier = ProviderCatalog.Default.CreateVerifier(name, new Dictionary<string, string>());
        _request = new WebhookRequest(new Headers(headers), Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!))
        {
            Url = vector.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? new Uri(url.GetString()!) : null,
        };
        _secrets = [vector.GetProperty("secret").GetString()!];
        _now = DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("now").GetInt64());
        var result = Verify();
        if (!result.IsVerified) throw new InvalidOperationException($"{Provider}: the vector did not verify ({result.Status}).");
    }

    /// <summary>One verification.</summary>
    [Benchmark]
    public VerificationResult Verify() => _verifier.Verify(_request, _secrets, _now);

    private sealed class Headers(Dictionary<string, string> values) : IWebhookHeaders
    {
        public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
    }
}
