using WebhookHub.Providers;

namespace WebhookHub.Tests.Support;

public sealed class DictionaryHeaders(IReadOnlyDictionary<string, string> headers) : IWebhookHeaders
{
    private readonly Dictionary<string, string> _headers = new(headers, StringComparer.OrdinalIgnoreCase);

    public string? Get(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public DictionaryHeaders With(string name, string? value)
    {
        var copy = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase);
        if (value is null) copy.Remove(name);
        else copy[name] = value;
        return new DictionaryHeaders(copy);
    }
}
