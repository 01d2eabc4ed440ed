using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookHub.Delivery;

namespace WebhookHub.Tests.Support;

/// <summary>
/// A real subscriber endpoint on a loopback port: verifies each delivery's Standard Webhooks signature against the secrets it
/// is told (by path), records what arrived, and answers what <see cref="Respond"/> says (200 by default).
/// </summary>
public sealed class SignedReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _secrets = new();

    private SignedReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    /// <summary>Chooses the response per request; default 200.</summary>
    public Func<HttpContext, ReceivedDelivery, Task<IResult>> Respond { get; set; } = (_, _) => Task.FromResult(Results.Ok());

    public string BaseUrl { get; private set; } = "";

    public string UrlFor(string path) => BaseUrl + "/" + path.TrimStart('/');

    public void Expect(string path, string secret) => _secrets["/" + path.TrimStart('/')] = secret;

    public static async Task<SignedReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SignedReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync().DefaultTimeout();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signature = headers["webhook-signature"].ToString();
        var valid = _secrets.TryGetValue(context.Request.Path.Value ?? "", out var secret)
            && long.TryParse(timestamp, out var seconds)
            && signature.Split(' ').Contains(StandardWebhooksSigner.Sign(secret, id, seconds, body));
        var delivery = new ReceivedDelivery(context.Request.Path.Value ?? "", id, headers["webhookhub-delivery-id"].ToString(),
            headers["webhookhub-event-type"].ToString(), headers["webhookhub-source-id"].ToString(),
            int.TryParse(headers["webhookhub-attempt"], out var attempt) ? attempt : 0, context.Request.ContentType, body, valid);
        Received.Enqueue(delivery);
        var result = await Respond(context, delivery);
        await result.ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
    }
}

/// <summary>What the receiver saw of one delivery; <see cref="SignatureValid"/> is its Standard Webhooks check.</summary>
public sealed record ReceivedDelivery(
    string Path, string WebhookId, string DeliveryId, string EventType, string SourceId, int Attempt, string? ContentType, byte[] Body, bool SignatureValid);
