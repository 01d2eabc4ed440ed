using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// How a provider that signs only the raw body says so: which header holds <c>{Prefix}{hex or base64 HMAC}</c>, with which
/// hash, and where the event ID and type are. Used by the providers that sign this
/// way (Razorpay, Coinbase Commerce, …).
/// </summary>
/// <param name="Header">The signature header.</param>
/// <param name="Algorithm">SHA-1, SHA-256 or SHA-512.</param>
/// <param name="Base64">Base64 when <see langword="true"/>, else hex (either case).</param>
/// <param name="Prefix">Text before the MAC, for example <c>sha256=</c>; compared case-insensitively.</param>
/// <param name="IdHeader">Header holding the event ID, or <see langword="null"/>.</param>
/// <param name="IdPointer">JSON Pointer (RFC 6901) to the event ID in the body when <paramref name="IdHeader"/> is null; without
/// either, the event ID is the lowercase hex SHA-256 of the body.</param>
/// <param name="TypeHeader">Header holding the event type, or <see langword="null"/>.</param>
/// <param name="TypePointer">JSON Pointer to the event type when <paramref name="TypeHeader"/> is null.</param>
public sealed record BodyHmacScheme(
    string Header,
    HashAlgorithmName Algorithm,
    bool Base64,
    string Prefix = "",
    string? IdHeader = null,
    string? IdPointer = null,
    string? TypeHeader = null,
    string? TypePointer = null);
