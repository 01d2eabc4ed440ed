using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookHub.Tests.Support;

/// <summary>
/// A signature vector from tests/vectors (made by the provider's own library, or published in its docs). A handshake vector
/// has no <see cref="EventId"/> and carries the <see cref="Challenge"/> to answer. URL-signing schemes (Twilio, Square, HubSpot)
/// carry the absolute <see cref="Url"/> the provider called (and the <see cref="Method"/>, <c>POST</c> when absent); Event Grid's
/// carries its secret query parameter there.
/// </summary>
public sealed record Vector(
    string Name,
    string Source,
    string Secret,
    string Body,
    Dictionary<string, string> Headers,
    long Now,
    bool Valid,
    string? EventId,
    string? EventType,
    string? Challenge = null,
    string? Url = null,
    string? Method = null)
{
    public DateTimeOffset NowTime => DateTimeOffset.FromUnixTimeSeconds(Now);

    /// <summary>The request URL as a <see cref="Uri"/> whose <see cref="Uri.OriginalString"/> is exactly <see cref="Url"/>.</summary>
    public Uri? RequestUrl => Url is null ? null : new Uri(Url);

    public override string ToString() => Name;
}

public static class Vectors
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static IReadOnlyList<Vector> Load(string file) =>
        JsonSerializer.Deserialize<List<Vector>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)), Options)!;

    /// <summary>xunit member data: one row per vector.</summary>
    public static IEnumerable<object[]> Rows(string file) => Load(file).Select(v => new object[] { v });
}
