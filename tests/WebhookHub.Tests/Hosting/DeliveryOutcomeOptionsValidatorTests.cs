using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Hosting;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Hosting;

public sealed class DeliveryOutcomeOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(DeliveryOptions options) => new DeliveryOutcomeOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validate(new DeliveryOptions()).Succeeded);

    [Theory]
    [InlineData(410, "WebhookHub:Delivery:PermanentStatusCodes entry 410 must be a 3xx, 4xx or 5xx status other than 410 (which disables the subscription).")]
    [InlineData(200, "WebhookHub:Delivery:PermanentStatusCodes entry 200 must be a 3xx, 4xx or 5xx status other than 410 (which disables the subscription).")]
    public void Validate_BadPermanentCode_Fails(int code, string message) =>
        Assert.Equal([message], Validate(new DeliveryOptions { PermanentStatusCodes = [404, code] }).Failures!);

    [Fact]
    public void Validate_ScheduleNotStartingAtZero_Fails() =>
        Assert.Equal(
            ["WebhookHub:Delivery:RetryDelays:0 must be 0 (the first attempt is made when the event is dispatched); got 00:00:05."],
            Validate(new DeliveryOptions { RetryDelays = [TimeSpan.FromSeconds(5)] }).Failures!);

    [Fact]
    public void Validate_OutOfRangeDurations_Fail()
    {
        var result = Validate(new DeliveryOptions
        {
            RetryDelays = [TimeSpan.Zero, TimeSpan.FromDays(8)],
            MaxOverloadPenalty = TimeSpan.FromDays(2),
            MaxRetryAfter = TimeSpan.FromSeconds(-1),
        });

        Assert.Equal(
            [
                "WebhookHub:Delivery:RetryDelays entries must be at most 7 days.",
                "WebhookHub:Delivery:MaxOverloadPenalty must be 0 to 1 day; got 2.00:00:00.",
                "WebhookHub:Delivery:MaxRetryAfter must be 0 to 7 days; got -00:00:01.",
            ],
            result.Failures!);
    }

    [Fact]
    public async Task Start_BadPermanentCode_FailsFast()
    {
        var directory = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"));
        await using var app = WebhookHub.Functions.WebhookHubApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--WebhookHub:Sqlite:Path={Path.Combine(directory, "hub.db")}",
            "--WebhookHub:AdminApiKey=test-admin-key",
            "--WebhookHub:RunWorkers=false",
            "--WebhookHub:Delivery:PermanentStatusCodes:0=200",
        ]);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().DefaultTimeout());

        Assert.Contains("PermanentStatusCodes entry 200", exception.Message);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
