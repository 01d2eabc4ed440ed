using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Tenancy;

/// <summary>
/// API keys: <c>whk_</c> + 32 random bytes in base64url. Only the SHA-256 of a key is stored; a key's 256 bits of entropy
/// make a slow hash unnecessary. Comparison of hashes is by equality of stored digests (an index lookup), and of the admin key
/// in constant time.
/// </summary>
public static class ApiKeys
{
    /// <summary>Creates a new random API key.</summary>
    public static string Create() => "whk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Returns the 32-byte SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Compares two keys in time independent of where they differ.</summary>
    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(expected));

    /// <summary>Creates a Standard Webhooks signing secret: <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string CreateSigningSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a resource ID: <paramref name="prefix"/> + <c>_</c> + 12 random bytes in lowercase hex (24 characters).</summary>
    public static string NewId(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
