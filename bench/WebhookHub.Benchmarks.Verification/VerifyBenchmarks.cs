using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WebhookHub.Providers;

namespace WebhookHub.Benchmarks.Verification;

/// <summary>
/// One verification of a library-made vector per provider (the first vector of its file in tests/vectors), with one secret,
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

    /// <summary>The providers measured, as <c>provider:vector file</c>.</summary>
    public static IEnumerable<string> Providers =>
    [
        "stripe:stripe.json", "github:github.json", "github:github-sha1.json", "standardwebhooks:standardwebhooks.json",
        "standardwebhooks:standardwebhooks-v1a.json", "shopify:shopify.json", "slack:slack.json", "paddle:paddle.json",
        "linear:linear.json", "razorpay:razorpay.json", "coinbase:coinbase.json", "discord:discord.json",
        "intercom:intercom.json", "bitbucket:bitbucket.json", "jira:jira.json", "typeform:typeform.json",
        "calendly:calendly.json", "mollie:mollie.json", "docusign:docusign.json", "quickbooks:quickbooks.json",
        "gitlab:gitlab.json", "zoom:zoom.json", "twitch:twitch.json", "xero:xero.json", "mailgun:mailgun.json",
        "sendgrid:sendgrid.json", "adyen:adyen.json", "meta:meta.json", "dropbox:dropbox.json", "okta:okta.json",
        "msgraph:msgraph.json", "eventgrid:eventgrid.json", "twilio:twilio.json", "square:square.json", "hubspot:hubspot.json",
    ];

    /// <summary>The provider and vector file of this run.</summary>
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "";

    /// <summary>Loads the vector and creates the verifier; fails if the vector does not verify, so nothing fake is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (name, file) = (Provider[..Provider.IndexOf(':')], Provider[(Provider.IndexOf(':') + 1)..]);
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
