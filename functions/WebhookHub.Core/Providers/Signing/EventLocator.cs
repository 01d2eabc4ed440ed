using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Where a configurable scheme (<c>hmac</c>, <c>token</c>, <c>basic</c>) finds the event ID and type: a header or an RFC 6901
/// JSON Pointer into the body. Without either, the event ID is the lowercase hex SHA-256 of the body (a provider's retry
/// resends the same bytes, so it deduplicates retries), and the event type is none.
/// </summary>
/// <param name="IdHeader">Header holding the event ID, or <see langword="null"/>.</param>
/// <param name="IdPointer">JSON Pointer to the event ID, used when <paramref name="IdHeader"/> is null.</param>
/// <param name="TypeHeader">Header holding the event type, or <see langword="null"/>.</param>
/// <param name="TypePointer">JSON Pointer to the event type, used when <paramref name="TypeHeader"/> is null.</param>
internal sealed record EventLocator(string? IdHeader, string? IdPointer, string? TypeHeader, string? TypePointer)
{
    /// <summary>The option names this reads.</summary>
    public static readonly string[] OptionNames = ["idHeader", "idPointer", "typeHeader", "typePointer"];

    /// <summary>Reads <see cref="OptionNames"/>.</summary>
    /// <exception cref="ProviderOptionsException">A pointer does not start with <c>/</c>.</exception>
    public static EventLocator FromOptions(IReadOnlyDictionary<string, string> options)
    {
        var idPointer = ProviderOptions.Get(options, "idPointer");
        var typePointer = ProviderOptions.Get(options, "typePointer");
        foreach (var pointer in new[] { idPointer, typePointer })
        {
            if (pointer is not null && !pointer.StartsWith('/'))
            {
                throw new ProviderOptionsException($"A JSON Pointer option must start with '/'; got '{pointer}'.");
            }
        }

        return new EventLocator(ProviderOptions.Get(options, "idHeader"), idPointer, ProviderOptions.Get(options, "typeHeader"), typePointer);
    }

    /// <summary>
    /// The fallback event ID of providers that send none: the lowercase hex SHA-256 of the raw body (64 characters). A
    /// provider's retry resends the same bytes, so retries deduplicate.
    /// </summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Returns the verified result for an authentic request, or <see cref="VerificationStatus.MissingEventId"/>.</summary>
    public VerificationResult Read(WebhookRequest request)
    {
        var id = IdHeader is not null ? request.Headers.Get(IdHeader)
            : IdPointer is not null ? JsonFields.ReadPointer(request.Body, IdPointer)
            : BodyHash(request.Body.Span);
        if (string.IsNullOrEmpty(id)) return VerificationResult.Rejected(VerificationStatus.MissingEventId);

        var type = TypeHeader is not null ? request.Headers.Get(TypeHeader)
            : TypePointer is not null ? JsonFields.ReadPointer(request.Body, TypePointer)
            : null;
        return VerificationResult.Verified(id, type);
    }
}
