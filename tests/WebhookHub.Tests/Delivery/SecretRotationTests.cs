using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Tests.Delivery;

public sealed class SecretRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static Subscription Subscription(params RetiringSecret[] previous) =>
        new("sub_1", "ten_1", "https://example.com/hook", ["*"], [], "whsec_current", true, Now)
        {
            SigningKeys = new SubscriptionSigningKeys { PreviousSecrets = previous, Ed25519SecretKey = "whsk_k", Ed25519PublicKey = "whpk_k" },
        };

    [Fact]
    public void Defaults_24HoursOverlap_7DaysMost_5Kept()
    {
        Assert.Equal(TimeSpan.FromHours(24), SecretRotation.DefaultOverlap);
        Assert.Equal(TimeSpan.FromDays(7), SecretRotation.MaxOverlap);
        Assert.Equal(5, SecretRotation.MaxPreviousSecrets);
    }

    [Fact]
    public void Rotate_Overlap_NewSecretCurrentOldOneRetiringEd25519Kept()
    {
        var rotated = SecretRotation.Rotate(Subscription(), "whsec_new", TimeSpan.FromHours(24), Now);

        Assert.Equal("whsec_new", rotated.Secret);
        Assert.Equal([new RetiringSecret("whsec_current", Now.AddHours(24))], rotated.SigningKeys.PreviousSecrets);
        Assert.Equal(["whsec_current"], rotated.SigningKeys.ActivePreviousSecrets(Now.AddHours(23)));
        Assert.Empty(rotated.SigningKeys.ActivePreviousSecrets(Now.AddHours(24)));
        Assert.Equal("whsk_k", rotated.SigningKeys.Ed25519SecretKey);
    }

    [Fact]
    public void Rotate_ZeroOverlap_OldSecretDropped()
    {
        var rotated = SecretRotation.Rotate(Subscription(), "whsec_new", TimeSpan.Zero, Now);

        Assert.Empty(rotated.SigningKeys.PreviousSecrets);
    }

    [Fact]
    public void Rotate_AgainDuringOverlap_BothEarlierSecretsSignUntilTheirOwnExpiry()
    {
        var once = SecretRotation.Rotate(Subscription(), "whsec_second", TimeSpan.FromHours(24), Now);
        var twice = SecretRotation.Rotate(once, "whsec_third", TimeSpan.FromHours(1), Now.AddHours(2));

        Assert.Equal(["whsec_current", "whsec_second"], twice.SigningKeys.ActivePreviousSecrets(Now.AddHours(2)));
        Assert.Equal(["whsec_current"], twice.SigningKeys.ActivePreviousSecrets(Now.AddHours(3)));
    }

    [Fact]
    public void Rotate_ExpiredDroppedAndAtMostFiveKept()
    {
        var previous = Enumerable.Range(1, 6).Select(i => new RetiringSecret($"whsec_{i}", Now.AddHours(i))).Append(new RetiringSecret("whsec_gone", Now)).ToArray();

        var rotated = SecretRotation.Rotate(Subscription(previous), "whsec_new", TimeSpan.FromMinutes(30), Now);

        Assert.Equal(["whsec_6", "whsec_5", "whsec_4", "whsec_3", "whsec_2"], rotated.SigningKeys.PreviousSecrets.Select(p => p.Value));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7 * 24 * 3600 + 1)]
    public void Rotate_OverlapOutOfRange_Throws(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretRotation.Rotate(Subscription(), "whsec_new", TimeSpan.FromSeconds(seconds), Now));
}
