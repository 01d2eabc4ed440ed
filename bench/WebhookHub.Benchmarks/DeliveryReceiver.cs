using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebhookHub.Benchmarks;

/// <summary>
/// The delivery benchmark's receiver, a child process: <c>POST /{anything}</c> reads the whole body and answers 200 at once,
/// counting each request and the monotonic times of the first, the <c>mark</c>-th and the last. <c>GET /stats</c> answers
/// <c>"{count} {seconds from first to last} {seconds from the mark-th to last}"</c>; <c>POST /reset?mark=M</c> starts the count
/// again (the mark lets a rate leave out the first M requests: connection set-up and JIT warm-up). Same host builder as the bare
/// Kestrel baseline (<c>CreateSlimBuilder</c>, logging off, server GC).
/// </summary>
internal static class DeliveryReceiver
{
    public const string Flag = "--delivery-receiver";

    private static readonly byte[] OkBody = "ok"u8.ToArray();
    private static readonly object Gate = new();
    private static long _count;
    private static long _first;
    private static long _last;
    private static long _mark;
    private static long _markAt;

    public static async Task<int> RunAsync(string[] args)
    {
        var portIndex = Array.IndexOf(args, "--port");
        if (portIndex < 0 || portIndex + 1 >= args.Length) throw new ArgumentException($"{Flag} needs --port N.");
        var port = int.Parse(args[portIndex + 1], CultureInfo.InvariantCulture);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/stats", Stats);
        app.MapPost("/reset", Reset);
        app.MapPost("/{**path}", ReceiveAsync);
        await app.RunAsync();
        return 0;
    }

    private static string Stats()
    {
        lock (Gate)
        {
            var seconds = _count < 2 ? 0 : (_last - _first) / (double)Stopwatch.Frequency;
            var sinceMark = _count <= _mark ? 0 : (_last - _markAt) / (double)Stopwatch.Frequency;
            return string.Create(CultureInfo.InvariantCulture, $"{_count} {seconds:0.######} {sinceMark:0.######}");
        }
    }

    private static void Reset(long? mark)
    {
        lock (Gate)
        {
            _count = _first = _last = _markAt = 0;
            _mark = mark ?? 0;
        }
    }

    private static async Task ReceiveAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }

        var now = Stopwatch.GetTimestamp();
        lock (Gate)
        {
            if (_count++ == 0) _first = now;
            if (_count == _mark + 1) _markAt = now;
            _last = now;
        }

        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = OkBody.Length;
        await context.Response.Body.WriteAsync(OkBody, context.RequestAborted);
    }
}
