using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebhookHub.Chaos;

/// <summary>WebhookHub's management API as the chaos run uses it.</summary>
internal sealed class HubApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Http => _http;

    /// <exception cref="HttpRequestException">The API did not answer <paramref name="expected"/>.</exception>
    public async Task<JsonElement> PostAsync(string path, string key, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <exception cref="HttpRequestException">The API did not answer 200.</exception>
    public async Task<JsonElement> GetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Every item of a keyset-paged list (<c>limit=1000&amp;after=</c>), following <paramref name="idProperty"/>.</summary>
    public async Task<List<JsonElement>> ListAllAsync(string path, string key, string idProperty)
    {
        var all = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var separator = path.Contains('?') ? '&' : '?';
            var page = (await GetAsync($"{path}{separator}limit=1000{(after is null ? "" : "&after=" + after)}", key)).GetProperty("data").EnumerateArray().ToList();
            all.AddRange(page);
            if (page.Count < 1000) return all;
            after = page[^1].GetProperty(idProperty).GetString();
        }
    }

    public void Dispose() => _http.Dispose();
}
