using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>HMAC computation and constant-time comparison shared by the provider schemes; allocation-free for usual sizes.</summary>
internal static class SignatureMath
{
    /// <summary>Largest MAC produced (SHA-512): 64 bytes.</summary>
    public const int MaxMacBytes = 64;

    /// <summary>Computes HMAC(<paramref name="key"/>, <paramref name="prefix"/> ‖ <paramref name="body"/>) into <paramref name="destination"/> and returns the MAC length in bytes.</summary>
    public static int Hmac(HashAlgorithmName algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        if (prefix.IsEmpty)
        {
            return HashData(algorithm, key, body, destination);
        }

        var length = prefix.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            prefix.CopyTo(rented);
            body.CopyTo(rented.AsSpan(prefix.Length));
            return HashData(algorithm, key, rented.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HashData(HashAlgorithmName algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (algorithm == HashAlgorithmName.SHA256) return HMACSHA256.HashData(key, data, destination);
        if (algorithm == HashAlgorithmName.SHA512) return HMACSHA512.HashData(key, data, destination);
        if (algorithm == HashAlgorithmName.SHA1) return HMACSHA1.HashData(key, data, destination);
        throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm.Name, "Unsupported HMAC algorithm.");
    }

    /// <summary>Compares a hex-encoded candidate (either case) with <paramref name="mac"/> in constant time for equal lengths.</summary>
    public static bool HexEquals(ReadOnlySpan<char> candidate, ReadOnlySpan<byte> mac)
    {
        if (candidate.Length != mac.Length * 2) return false;
        Span<byte> decoded = stackalloc byte[MaxMacBytes];
        var status = Convert.FromHexString(candidate, decoded[..mac.Length], out _, out var written);
        return status == OperationStatus.Done && written == mac.Length
            && CryptographicOperations.FixedTimeEquals(decoded[..written], mac);
    }

    /// <summary>Compares a standard base64 candidate with <paramref name="mac"/> in constant time for equal lengths.</summary>
    public static bool Base64Equals(ReadOnlySpan<char> candidate, ReadOnlySpan<byte> mac)
    {
        if (candidate.Length > 4 * ((MaxMacBytes + 2) / 3)) return false;
        Span<byte> decoded = stackalloc byte[MaxMacBytes + 3];
        return Convert.TryFromBase64Chars(candidate, decoded, out var written)
            && written == mac.Length
            && CryptographicOperations.FixedTimeEquals(decoded[..written], mac);
    }

    /// <summary>Encodes <paramref name="secret"/> as UTF-8 into <paramref name="scratch"/> when it fits, else into a new array.</summary>
    public static ReadOnlySpan<byte> Utf8(string secret, Span<byte> scratch) =>
        Encoding.UTF8.GetMaxByteCount(secret.Length) <= scratch.Length
            ? scratch[..Encoding.UTF8.GetBytes(secret, scratch)]
            : Encoding.UTF8.GetBytes(secret);

    /// <summary>Writes the ASCII digits of <paramref name="value"/> (for signed-content prefixes such as <c>t.</c>).</summary>
    public static int WriteAscii(ReadOnlySpan<char> value, Span<byte> destination)
    {
        for (var i = 0; i < value.Length; i++)
        {
            destination[i] = (byte)value[i];
        }

        return value.Length;
    }

    /// <summary>Returns the base64-decoded bytes of a Standard Webhooks secret (<c>whsec_</c> + base64), or <see langword="null"/> if it is not base64.</summary>
    public static byte[]? DecodeWhsec(string secret)
    {
        var span = secret.AsSpan();
        return DecodeBase64(span.StartsWith("whsec_", StringComparison.Ordinal) ? span[6..] : span);
    }

    /// <summary>Returns the bytes of standard base64 text, or <see langword="null"/> if it is not base64.</summary>
    public static byte[]? DecodeBase64(ReadOnlySpan<char> text)
    {
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        return Convert.TryFromBase64Chars(text, buffer, out var written) ? buffer[..written] : null;
    }
}
