using Azure;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>The SDK adapter and the naming of vault secrets: valid names only, errors carry status and code but no value.</summary>
public sealed class KeyVaultSecretVaultTests
{
    private readonly FakeSecretClient _client = new();

    [Theory]
    [InlineData("")]
    [InlineData("has_underscore")]
    [InlineData("has.dot")]
    [InlineData("kv:nested")]
    public async Task PutAsync_InvalidName_ThrowsBeforeCallingVault(string name)
    {
        var vault = new KeyVaultSecretVault(_client);

        await Assert.ThrowsAsync<ArgumentException>(() => vault.PutAsync(name, "whsec_x").DefaultTimeout());

        Assert.Empty(_client.Sets);
    }

    [Fact]
    public async Task PutAsync_NameOf127Characters_Accepted_128Refused()
    {
        var vault = new KeyVaultSecretVault(_client);

        await vault.PutAsync(new string('a', 127), "v").DefaultTimeout();
        await Assert.ThrowsAsync<ArgumentException>(() => vault.PutAsync(new string('a', 128), "v").DefaultTimeout());
    }

    [Fact]
    public async Task GetAsync_SecretMissing_KeyVaultExceptionWith404AndCode()
    {
        var vault = new KeyVaultSecretVault(_client);

        var error = await Assert.ThrowsAsync<KeyVaultException>(() => vault.GetAsync("kv:source-gone").DefaultTimeout());

        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
        Assert.Equal("source-gone", error.SecretName);
    }

    [Fact]
    public async Task GetAsync_NotAReference_ArgumentExceptionWithoutEchoingIt()
    {
        var vault = new KeyVaultSecretVault(_client);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => vault.GetAsync("whsec_plain_value").DefaultTimeout());

        Assert.DoesNotContain("whsec_plain_value", error.Message);
        Assert.Empty(_client.Gets);
    }

    [Fact]
    public void SecretNames_IdsWithUnderscores_BecomeValidNames()
    {
        var source = SecretNames.ForSourceSecret("src_0a1b2c3d4e5f60718293a4b5", "sec_ffeeddccbbaa998877665544");
        var subscription = SecretNames.ForSubscriptionSecret("sub_0a1b2c3d4e5f60718293a4b5");
        var key = SecretNames.ForEd25519Key("sub_0a1b2c3d4e5f60718293a4b5");

        Assert.Equal("source-src-0a1b2c3d4e5f60718293a4b5-sec-ffeeddccbbaa998877665544", source);
        Assert.Matches("^subscription-sub-0a1b2c3d4e5f60718293a4b5-secret-[0-9a-f]{16}$", subscription);
        Assert.Matches("^subscription-sub-0a1b2c3d4e5f60718293a4b5-ed25519-[0-9a-f]{16}$", key);
        Assert.NotEqual(subscription, SecretNames.ForSubscriptionSecret("sub_0a1b2c3d4e5f60718293a4b5"));
    }

    [Fact]
    public void SecretNames_IdWithForbiddenCharacters_HashedIntoValidName()
    {
        var name = SecretNames.ForSourceSecret("src/../weird id", "sec_1");

        Assert.True(SecretReference.IsValidName(name), name);
        Assert.DoesNotContain("weird", name);
        Assert.Equal(name, SecretNames.ForSourceSecret("src/../weird id", "sec_1"));
    }

    [Theory]
    [InlineData("kv:source-a-b", true)]
    [InlineData("kv:", false)]
    [InlineData("kv:has space", false)]
    [InlineData("whsec_abc", false)]
    [InlineData("KV:source-a", false)]
    public void SecretReference_IsReference(string stored, bool expected) => Assert.Equal(expected, SecretReference.IsReference(stored));
}
