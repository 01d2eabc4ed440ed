using System.Buffers;

namespace WebhookHub.Providers;

/// <summary>
/// Ed25519 signature verification (RFC 8032) for Standard Webhooks <c>v1a</c> and Discord. The BCL has no Ed25519, so this
/// wraps Portable.BouncyCastle; swapping in another library changes only this file.
/// </summary>
internal static class Ed25519
{
    /// <summary>Public keys and signatures are 32 and 64 bytes.</summary>
    public const int PublicKeyBytes = 32, SignatureBytes = 64;

    /// <summary><see langword="true"/> when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(byte[] publicKey, ReadOnlySpan<byte> message, byte[] signature)
    {
        if (publicKey.Length != PublicKeyBytes || signature.Length != SignatureBytes) return false;
        // The static RFC 8032 routine, not Ed25519Signer: the signer copies the message into a growing MemoryStream first.
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        try
        {
            message.CopyTo(buffer);
            return Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, 0, publicKey, 0, buffer, 0, message.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
