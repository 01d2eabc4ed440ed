using System.Diagnostics.CodeAnalysis;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// The form a vaulted secret takes in the store: <c>kv:</c> + the Key Vault secret name, with no version, so reading it always
/// returns the latest version. Names are 1 to 127 characters of <c>0-9 a-z A-Z -</c> (pattern <c>^[0-9a-zA-Z-]+$</c> of the
/// Set Secret operation, learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret; length from
/// learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, "Vault-name and Object-name"). A stored value
/// that is not of this form is a secret kept in the store itself (written before a vault was configured).
/// </summary>
public static class SecretReference
{
    /// <summary>The prefix that marks a reference.</summary>
    public const string Prefix = "kv:";

    /// <summary>The longest secret name Key Vault accepts: 127.</summary>
    public const int MaxNameLength = 127;

    /// <summary>The reference to secret <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid secret name.</exception>
    public static string For(string name) =>
        IsValidName(name) ? Prefix + name : throw new ArgumentException($"'{name}' is not a Key Vault secret name (1 to {MaxNameLength} characters of 0-9, a-z, A-Z and '-').", nameof(name));

    /// <summary>Whether <paramref name="stored"/> is a reference, and if so the secret name it holds.</summary>
    public static bool TryGetName([NotNullWhen(true)] string? stored, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var candidate = stored[Prefix.Length..];
        if (!IsValidName(candidate)) return false;
        name = candidate;
        return true;
    }

    /// <summary>Whether <paramref name="stored"/> is a reference rather than a secret value.</summary>
    public static bool IsReference([NotNullWhen(true)] string? stored) => TryGetName(stored, out _);

    /// <summary>Whether <paramref name="name"/> is a valid Key Vault secret name.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength) return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }

        return true;
    }
}
