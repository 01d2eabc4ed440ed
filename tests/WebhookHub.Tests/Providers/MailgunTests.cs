using System.Text.Json;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class MailgunTests
{
    private static Vector Delivered => Vectors.Load("mailgun.json").Single(v => v.Name == "delivered");

    private static Vector Legacy => Vectors.Load("mailgun.json").Single(v => v.Headers["Content-Type"].StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal));

    private static string SignatureField(Vector vector, string name)
    {
        using var document = JsonDocument.Parse(vector.Body);
        return document.RootElement.GetProperty("signature").GetProperty(name).GetString()!;
    }

    private static string Flip(string value) => value[..^1] + (value[^1] == 'a' ? "b" : "a");

    [Theory]
    [InlineData("token")]
    [InlineData("signature")]
    public void Verify_TamperedSignedField_Invalid(string field)
    {
        var value = SignatureField(Delivered, field);
        var body = Delivered.Body.Replace($"\"{value}\"", $"\"{Flip(value)}\"", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("mailgun", Delivered, body: body).Status);
    }

    [Fact]
    public void Verify_TamperedEventData_StillVerifiedBecauseMailgunDoesNotSignIt()
    {
        var body = Delivered.Body.Replace("\"event\":\"delivered\"", "\"event\":\"complained\"", StringComparison.Ordinal);
        Assert.NotEqual(Delivered.Body, body);

        var result = Verify("mailgun", Delivered, body: body);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("complained", result.EventType);
    }

    [Fact]
    public void Verify_LegacyFormWithTamperedToken_Invalid()
    {
        var body = Legacy.Body.Replace("&token=", "&token=x", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("mailgun", Legacy, body: body).Status);
    }

    [Fact]
    public void Verify_LegacyForm_IdIsBodyHash() =>
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Legacy.Body))),
            Verify("mailgun", Legacy).EventId);

    [Fact]
    public void Verify_SecondSecretMatches_Verified() =>
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("mailgun", Delivered, "old-signing-key", Delivered.Secret).Status);

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("mailgun", Delivered, now: Delivered.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "3600" };
        Assert.Equal(VerificationStatus.Verified, Verify("mailgun", Delivered, now: Delivered.NowTime.AddSeconds(1800), options: options).Status);
    }

    [Fact]
    public void Verify_NonNumericTimestamp_Malformed()
    {
        var timestamp = SignatureField(Delivered, "timestamp");
        var body = Delivered.Body.Replace($"\"timestamp\":\"{timestamp}\"", "\"timestamp\":\"soon\"", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("mailgun", Delivered, body: body).Status);
    }

    [Fact]
    public void Verify_BrokenJson_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("mailgun", Delivered, body: "{\"signature\":").Status);

    [Theory]
    [InlineData("{\"event-data\":{\"id\":\"x\",\"event\":\"delivered\"}}")]
    [InlineData("event=delivered&recipient=a%40example.com")]
    public void Verify_NoSignature_Missing(string body) =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("mailgun", Delivered, body: body).Status);

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Mailgun().CreateVerifier(new Dictionary<string, string> { ["apiKey"] = "x" }));
}
