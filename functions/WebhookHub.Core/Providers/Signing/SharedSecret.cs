using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// Constant-time comparison of a shared secret that a provider sends as is (a header value, a query parameter, a
/// <c>clientState</c>) with a source's secrets. Both sides are hashed with SHA-256 first, so the comparison time reveals
/// neither the secret's content nor its length.
/// </summary>
internal static class SharedSecret
{
    private const int StackLimit = 512;

    /// <summary><see langword="true"/> when <paramref name="presented"/> equals one of <paramref name="secrets"/> (ordinal, UTF-8).</summary>
    public static bool MatchesAny(ReadOnlySpan<char> presented, IReadOnlyList<string> secrets)
    {
        if (presented.IsEmpty) return false;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(presented, actual);
        var matched = false;
        foreach (var secret in secrets)
        {
            Digest(secret, expected);
            matched |= CryptographicOperations.FixedTimeEquals(actual, expected);
        }

        return matched;
    }

    /// <summary><see langword="true"/> when <paramref name="presented"/> equals <paramref name="secret"/> (ordinal, UTF-8).</summary>
    public static bool Matches(ReadOnlySpan<char> presented, ReadOnlySpan<char> secret)
    {
        if (presented.IsEmpty) return false;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(presented, actual);
        Digest(secret, expected);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static void Digest(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var written = Encoding.UTF8.GetBytes(text, buffer);
        SHA256.HashData(buffer[..written], destination);
        CryptographicOperations.ZeroMemory(buffer[..written]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }
}
