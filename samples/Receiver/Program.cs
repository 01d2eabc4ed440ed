// A subscriber endpoint for trying WebhookHub locally: verifies each delivery's Standard Webhooks signature with the
// subscription's secret and prints it. Usage:
//   dotnet run --project samples/Receiver -- --port 9000 --secret whsec_...
using WebhookHub.Delivery;

var port = GetArg("--port") ?? "9000";
var secret = GetArg("--secret") ?? Environment.GetEnvironmentVariable("WEBHOOK_SECRET");

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/{**path}", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();
    var id = request.Headers["webhook-id"].ToString();
    var timestamp = request.Headers["webhook-timestamp"].ToString();
    var signatures = request.Headers["webhook-signature"].ToString().Split(' ');
    var verified = secret is not null && long.TryParse(timestamp, out var seconds)
        && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) <= 300
        && signatures.Contains(StandardWebhooksSigner.Sign(secret, id, seconds, body));

    Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {request.Path} webhook-id={id} type={request.Headers["webhookhub-event-type"]} " +
        $"attempt={request.Headers["webhookhub-attempt"]} bytes={body.Length} signature={(verified ? "valid" : "INVALID")}");
    return verified ? Results.NoContent() : Results.Unauthorized();
});

Console.WriteLine($"Receiver listening on http://127.0.0.1:{port}/ ({(secret is null ? "no --secret given: every delivery will be rejected" : "verifying signatures")})");
app.Run();

string? GetArg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
