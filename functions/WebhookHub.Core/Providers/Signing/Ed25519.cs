using System.Buffers;

namespace WebhookHub.Providers;

/// <summary>
/// Ed25519 (RFC 8032): verification for Standard Webhooks <c>v1a</c> and Discord, key generation and signing for WebhookHub's
/// own <c>v1a</c> deliveries. The BCL has no Ed25519, so this wraps Portable.BouncyCastle; swapping in another library changes
/// only this file. Thread-safe.
/// </summary>
internal static class Ed25519
{
    /// <summary>Secret keys (seeds), public keys and signatures are 32, 32 and 64 bytes.</summary>
    public const int SecretKeyBytes = 32, PublicKeyBytes = 32, SignatureBytes = 64;

    /// <summary>Creates a secret key: 32 bytes from the operating system's cryptographic random number generator.</summary>
    public static byte[] CreateSecretKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretKeyBytes);

    /// <summary>Returns the 32-byte public key of a 32-byte secret key.</summary>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is not 32 bytes.</exception>
    public static byte[] PublicKeyOf(byte[] secretKey)
    {
        if (secretKey.Length != SecretKeyBytes) throw new ArgumentException("An Ed25519 secret key is 32 bytes.", nameof(secretKey));
        var publicKey = new byte[PublicKeyBytes];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(secretKey, 0, publicKey, 0);
        return publicKey;
    }

    /// <summary>Returns the 64-byte signature of <paramref name="message"/> (pure Ed25519, no context or pre-hash).</summary>
    /// <param name="secretKey">The 32-byte secret key.</param>
    /// <param name="publicKey">Its 32-byte public key (passed so that it is not derived again for every signature).</param>
    /// <param name="message">The bytes to sign.</param>
    /// <exception cref="ArgumentException">A key has the wrong length.</exception>
    public static byte[] Sign(byte[] secretKey, byte[] publicKey, ReadOnlySpan<byte> message)
    {
        if (secretKey.Length != SecretKeyBytes || publicKey.Length != PublicKeyBytes)
        {
            throw new ArgumentException("Ed25519 secret and public keys are 32 bytes each.");
        }

        var signature = new byte[SignatureBytes];
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        try
        {
            message.CopyTo(buffer);
            Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(secretKey, 0, publicKey, 0, buffer, 0, message.Length, signature, 0);
            return signature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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
