using Microsoft.AspNetCore.Http;
using WebhookHub.Providers;

namespace WebhookHub.Functions.Ingest;

/// <summary>Adapts ASP.NET Core's header dictionary (already case-insensitive) to <see cref="IWebhookHeaders"/>.</summary>
internal sealed class RequestHeaders(IHeaderDictionary headers) : IWebhookHeaders
{
    public string? Get(string name) => headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}
