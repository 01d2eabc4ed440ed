using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebhookHub.Benchmarks;

/// <summary>Creates the benchmark's tenant and GitHub source through WebhookHub's management API.</summary>
internal static class HubSetup
{
    /// <summary>Returns the source's ingest URL.</summary>
    /// <exception cref="HttpRequestException">The API did not answer 201.</exception>
    public static async Task<Uri> CreateGitHubSourceAsync(Uri baseAddress, string adminKey, string secret)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var tenant = await PostAsync(http, "api/tenants", adminKey, new Dictionary<string, object> { ["name"] = "bench" });
        var tenantKey = tenant.GetProperty("apiKey").GetString()!;
        var source = await PostAsync(http, "api/sources", tenantKey, new Dictionary<string, object>
        {
            ["name"] = "bench-github",
            ["provider"] = "github",
            ["secrets"] = new[] { secret },
        });

        // The ingest URL is built from the request's host, which is the loopback address we called.
        return new Uri(source.GetProperty("ingestUrl").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string apiKey, Dictionary<string, object> body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new HttpRequestException($"POST /{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
