using WebhookHub.Functions;

namespace WebhookHub.Tests.Hosting;

/// <summary>Start-up refuses adapter combinations that cannot work and an admin key that is an unresolved Key Vault reference.</summary>
public sealed class HostingModeValidatorTests
{
    [Theory]
    [InlineData("--WebhookHub:Storage=Tables --WebhookHub:Tables:ConnectionString=UseDevelopmentStorage=true --WebhookHub:ServiceBus:ConnectionString=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=a2V5", "needs WebhookHub:Messaging = ServiceBus")]
    [InlineData("--WebhookHub:Messaging=ServiceBus", "needs WebhookHub:Messaging = Embedded")]
    [InlineData("--WebhookHub:AdminApiKey=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/admin-api-key/)", "unresolved Key Vault reference")]
    public async Task Start_InvalidHosting_FailsWithReason(string setting, string expected)
    {
        await using var app = WebhookHubApp.Build(["--urls=http://127.0.0.1:0", "--WebhookHub:AdminApiKey=k", $"--WebhookHub:Sqlite:Path={Path.GetTempFileName()}", .. setting.Split(' ')]);

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Start_TablesWithExplicitTooLargeBodyOrNoAdminKey_Fails()
    {
        await using var app = WebhookHubApp.Build([
            "--urls=http://127.0.0.1:0", "--WebhookHub:Storage=Tables", "--WebhookHub:Messaging=ServiceBus", "--WebhookHub:MaxBodyBytes=1048576",
            "--WebhookHub:Tables:ConnectionString=UseDevelopmentStorage=true",
            "--WebhookHub:ServiceBus:ConnectionString=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=a2V5"]);

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("MaxBodyBytes is 1048576", error.Message);
        Assert.Contains("AdminApiKey must be set", error.Message);
    }
}
