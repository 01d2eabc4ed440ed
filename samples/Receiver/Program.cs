// A subscriber endpoint for trying WebhookHub locally: verifies each delivery's Standard Webhooks signature and prints it.
// --secret takes the subscription's whsec_ secret (v1, HMAC) or its whpk_ public key (v1a, Ed25519: GET /api/subscriptions/{id}
// shows it as "publicKey"); several, comma-separated, verify while a secret is being rotated. Usage:
//   dotnet run --project samples/Receiver -- --port 9000 --secret whsec_...
//   dotnet run --project samples/Receiver -- --port 9000 --secret whpk_...
using WebhookHub.Providers;

var port = GetArg("--port") ?? "9000";
var secrets = (GetArg("--secret") ?? Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? "")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
// WebhookHub's own Standard Webhooks verifier: timestamp within 5 minutes, any v1 or v1a entry of webhook-signature.
var verifier = ProviderCatalog.Default.CreateVerifier("standardwebhooks", new Dictionary<string, string>());

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/{**path}", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();
    var result = verifier.Verify(new WebhookRequest(new Headers(request.Headers), body), secrets, DateTimeOffset.UtcNow);
    var verified = result.Status == VerificationStatus.Verified;

    Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {request.Path} webhook-id={request.Headers["webhook-id"]} type={request.Headers["webhookhub-event-type"]} " +
        $"attempt={request.Headers["webhookhub-attempt"]} bytes={body.Length} signature={(verified ? "valid" : "INVALID (" + result.Status + ")")}");
    return verified ? Results.NoContent() : Results.Unauthorized();
});

Console.WriteLine($"Receiver listening on http://127.0.0.1:{port}/ ({(secrets.Length == 0 ? "no --secret given: every delivery will be rejected" : "verifying signatures")})");
app.Run();

string? GetArg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>The request's headers as the verifier reads them.</summary>
internal sealed class Headers(IHeaderDictionary headers) : IWebhookHeaders
{
    public string? Get(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
