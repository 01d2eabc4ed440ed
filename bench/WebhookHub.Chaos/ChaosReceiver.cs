using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebhookHub.Chaos;

/// <summary>
/// Every subscriber endpoint of the run, on one loopback Kestrel: <c>POST /{tenant}/{subscription}</c>. It verifies each
/// request's Standard Webhooks signature with that endpoint's own secret (independently of WebhookHub's code: HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the base64 after <c>whsec_</c>), misbehaves as its profile and
/// the seeded random say, and records what it saw and answered.
/// </summary>
internal sealed class ChaosReceiver : IAsyncDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, Endpoint> _endpoints = new();

    private ChaosReceiver(WebApplication app, int seed)
    {
        _app = app;
        _random = new Random(seed);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<ChaosReceiver> StartAsync(int seed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new ChaosReceiver(app, seed);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Adds an endpoint at <paramref name="path"/> (for example <c>/t0/s1</c>) owned by <paramref name="tenant"/>.</summary>
    public void Add(string path, string tenant, EndpointProfile profile) => _endpoints[path] = new Endpoint(tenant, profile);

    /// <summary>Gives the endpoint the signing secret WebhookHub made for its subscription.</summary>
    public void SetSecret(string path, string secret) => _endpoints[path].Key = Convert.FromBase64String(secret["whsec_".Length..]);

    public Endpoint? Find(string path) => _endpoints.GetValueOrDefault(path);

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var path = context.Request.Path.Value ?? "";
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var endpoint = _endpoints.GetValueOrDefault(path);
        var valid = endpoint?.Key is { } key && Verify(key, id, headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), buffer.ToArray());
        ReceiverBehaviour behaviour;
        int variant;
        lock (_random)
        {
            behaviour = endpoint is null ? ReceiverBehaviour.PermanentClientError : Behaviours.Pick(endpoint.Profile, _random);
            variant = _random.Next(6);
        }

        int? status = behaviour switch
        {
            ReceiverBehaviour.Ok or ReceiverBehaviour.SlowOk => 200,
            ReceiverBehaviour.ServerError => new[] { 500, 502, 503 }[variant % 3],
            ReceiverBehaviour.TooManyRequests => 429,
            ReceiverBehaviour.PermanentClientError => variant % 2 == 0 ? 400 : 404,
            _ => null,
        };

        // An invalid signature is never acknowledged, so a wrong secret can never count as delivered.
        if (!valid && status == 200) status = 401;
        Requests.Enqueue(new ReceivedRequest(path, id, headers["webhookhub-delivery-id"].ToString(), valid, behaviour, status));

        switch (behaviour)
        {
            case ReceiverBehaviour.SlowOk:
                int delay;
                lock (_random) delay = _random.Next(50, 300);
                await Task.Delay(delay);
                break;
            case ReceiverBehaviour.Hang:
                try
                {
                    await Task.Delay(HangLimit, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                return;
            case ReceiverBehaviour.Reset:
                context.Abort();
                return;
            case ReceiverBehaviour.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                break;
        }

        context.Response.StatusCode = status!.Value;
        await context.Response.WriteAsync(status == 200 ? "ok" : "chaos");
    }

    private static bool Verify(byte[] key, string id, string timestamp, string signatures, byte[] body)
    {
        if (!long.TryParse(timestamp, out _)) return false;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body]));
        return signatures.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One endpoint: its owner and how it misbehaves; <see cref="Key"/> once its subscription exists.</summary>
    internal sealed class Endpoint(string tenant, EndpointProfile profile)
    {
        public string Tenant { get; } = tenant;

        public EndpointProfile Profile { get; } = profile;

        public byte[]? Key { get; set; }
    }
}

/// <summary>One request as the receiver saw it: <see cref="Status"/> is what it answered, <see langword="null"/> for a hang or reset.</summary>
internal sealed record ReceivedRequest(string Path, string WebhookId, string DeliveryId, bool SignatureValid, ReceiverBehaviour Behaviour, int? Status);
