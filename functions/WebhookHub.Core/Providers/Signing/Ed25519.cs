using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

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
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        var buffer = message.ToArray();
        verifier.BlockUpdate(buffer, 0, buffer.Length);
        return verifier.VerifySignature(signature);
    }
}
