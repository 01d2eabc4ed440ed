using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebhookHub.Functions.Api;
using WebhookHub.Functions.Hosting;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Ingestion;
using WebhookHub.Providers;
using WebhookHub.Tracing;

namespace WebhookHub.Functions.Ingest;

/// <summary>
/// <c>POST /api/webhooks/{sourceId}</c> (and <c>GET</c>/<c>OPTIONS</c> for the providers whose handshakes use them): the
/// provider-facing endpoint. Answers 200 only once the event is durable (or was already stored), or with the provider's
/// expected reply to an authentic handshake (nothing stored); 404 for an unknown source, 401 for a bad signature (nothing
/// stored), 405 for a method the source's provider never sends, 413 over the size limit, 503 with <c>Retry-After</c> when the
/// store is saturated. Errors are RFC 9457 problem details that never echo secrets or signatures.
/// </summary>
internal static class IngestEndpoint
{
    public static IEndpointRouteBuilder MapIngestEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/api/webhooks/{sourceId}", ["POST", "GET", "OPTIONS"], HandleAsync).WithName("Ingest").DisableAntiforgery();
        return routes;
    }

    public static async Task<Results<Ok<IngestResponse>, ContentHttpResult, ProblemHttpResult>> HandleAsync(
        string sourceId,
        HttpContext context,
        Ingestor ingestor,
        IOptions<WebhookHubOptions> options,
        WebhookHubMetrics metrics,
        ILogger<Ingestor> logger)
    {
        var request = context.Request;
        var limit = options.Value.MaxBodyBytes;
        byte[]? body;
        try
        {
            body = await BodyReader.ReadAsync(request, limit, context.RequestAborted);
        }
        catch (EndOfStreamException)
        {
            return Problems.Create(400, "Incomplete body", "The request body was shorter than its Content-Length.");
        }

        if (body is null)
        {
            metrics.Rejected(null, "too_large");
            return Problems.Create(413, "Payload too large", $"Webhook bodies are limited to {limit} bytes.");
        }

        IngestOutcome outcome;
        try
        {
            var webhook = new WebhookRequest(new RequestHeaders(request.Headers), body)
            {
                Method = request.Method.ToUpperInvariant(),
                Url = PublicUrl.For(request, options.Value.PublicBaseUrl),
            };
            outcome = await ingestor.IngestAsync(sourceId, webhook, request.ContentType, context.RequestAborted);
            TraceContext.Tag(outcome.Source?.TenantId, outcome.Source?.Id);
        }
        catch (StoreOverloadedException)
        {
            metrics.Rejected(null, "overloaded");
            context.Response.Headers.RetryAfter = "1";
            return Problems.Create(503, "Busy", "WebhookHub is saturated; retry shortly. Nothing was stored.");
        }

        switch (outcome.Status)
        {
            case IngestStatus.Accepted:
            case IngestStatus.Duplicate:
                var duplicate = outcome.Status == IngestStatus.Duplicate;
                metrics.Received(outcome.Source!, duplicate);
                Log.EventIngested(logger, outcome.Source!.TenantId, sourceId, outcome.EventId!, outcome.EventType, duplicate);
                return outcome.Reply is { } acknowledgement
                    ? Reply(context, acknowledgement)
                    : TypedResults.Ok(new IngestResponse(outcome.EventId!, duplicate));
            case IngestStatus.Handshake:
                return Reply(context, outcome.Reply!);
            case IngestStatus.MethodNotAllowed:
                context.Response.Headers.Allow = "POST";
                return Problems.Create(405, "Method not allowed", $"{outcome.Source!.Provider} sources take POST only.");
            case IngestStatus.UnknownSource:
                metrics.Rejected(null, "unknown_source");
                return Problems.Create(404, "Unknown source", "No source has this ID.");
            default:
                var reason = outcome.Rejection!.Value;
                metrics.Rejected(outcome.Source, reason.ToString());
                Log.EventRejected(logger, outcome.Source!.TenantId, sourceId, reason);
                return Problems.Create(401, "Signature verification failed", Describe(reason, outcome.Source.Provider));
        }
    }

    private static ContentHttpResult Reply(HttpContext context, ProviderReply reply)
    {
        foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
        return TypedResults.Text(reply.Body, reply.Body.Length == 0 ? null : reply.ContentType, statusCode: reply.StatusCode);
    }

    private static string Describe(VerificationStatus reason, string provider) => reason switch
    {
        VerificationStatus.MissingSignature => $"The {provider} signature headers are missing. Nothing was stored.",
        VerificationStatus.MalformedSignature => $"The {provider} signature header is malformed. Nothing was stored.",
        VerificationStatus.StaleTimestamp => "The signed timestamp is outside the allowed tolerance. Nothing was stored.",
        VerificationStatus.MissingEventId => $"The signature is valid but the {provider} event ID is missing. Nothing was stored.",
        _ => "No signature matched the source's signing secrets. Nothing was stored.",
    };
}

/// <summary>The ingest endpoint's 200 body.</summary>
/// <param name="EventId">WebhookHub's event ID.</param>
/// <param name="Duplicate"><see langword="true"/> when the event had been received before.</param>
public sealed record IngestResponse(string EventId, bool Duplicate);
