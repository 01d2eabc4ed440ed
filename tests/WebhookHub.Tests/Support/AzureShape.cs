using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Support;

/// <summary>
/// The Azure shape for tests: Table Storage on the shared Azurite (in tables of the test's own, so that no other test's outbox
/// leftovers are relayed by its hub's sweep) and Service Bus served by <see cref="FakeServiceBus"/> with the deployed entities.
/// </summary>
public static class AzureShape
{
    /// <summary>A namespace with the <c>deliveries</c> queue and the <c>events</c> topic with its <c>dispatch</c> subscription.</summary>
    public static Task<FakeServiceBus> StartBusAsync() =>
        new FakeServiceBus(["deliveries"], new Dictionary<string, string[]> { ["events"] = ["dispatch"] }).StartAsync();

    /// <summary>A store over tables named <paramref name="prefix"/> + a random suffix + the usual names.</summary>
    public static TableWebhookStore OwnTables(AzuriteFixture azurite, string prefix) =>
        new(azurite.ServiceClient, prefix + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The host arguments that select Table Storage on <paramref name="azurite"/> and Service Bus on <paramref name="bus"/>.</summary>
    public static string[] Args(AzuriteFixture azurite, FakeServiceBus bus) =>
    [
        "--WebhookHub:Storage=Tables",
        "--WebhookHub:Messaging=ServiceBus",
        $"--WebhookHub:Tables:ConnectionString={azurite.ConnectionString}",
        $"--WebhookHub:ServiceBus:ConnectionString={bus.ConnectionString}",
    ];
}
