using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebhookHub.Benchmarks;

/// <summary>
/// The baseline: the smallest ASP.NET Core app that takes a webhook — <c>POST /</c> reads the whole body and answers 200
/// with a two-byte body. Same host builder as WebhookHub (<c>CreateSlimBuilder</c>, Kestrel, HTTP/1.1), logging off.
/// </summary>
internal static class BareServer
{
    public const string Flag = "--bare-server";

    private static readonly byte[] OkBody = "ok"u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var portIndex = Array.IndexOf(args, "--port");
        if (portIndex < 0 || portIndex + 1 >= args.Length) throw new ArgumentException("--bare-server needs --port N.");
        var port = int.Parse(args[portIndex + 1], CultureInfo.InvariantCulture);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/", DrainAsync);
        await app.RunAsync();
        return 0;
    }

    private static async Task DrainAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }

        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = OkBody.Length;
        await context.Response.Body.WriteAsync(OkBody, context.RequestAborted);
    }
}
