using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Entity group transactions against Azurite: atomic commit, the failing action's status/code/index, nothing half-written.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClientTransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SubmitTransaction_ThreeAdds_CommitTogetherAndReturnETagsInOrder()
    {
        var table = await azurite.CreateTableClientAsync("batch");
        var entities = Enumerable.Range(0, 3).Select(i => new TableEntity("event-1", $"delivery-{i}") { ["Attempt"] = i, ["Big"] = long.MaxValue - i }).ToList();

        var etags = await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList()).DefaultTimeout();

        Assert.Equal(3, etags.Count);
        var stored = await table.QueryAsync(TableFilter.PartitionEquals("event-1")).DefaultTimeout();
        Assert.Equal(["delivery-0", "delivery-1", "delivery-2"], stored.Items.Select(e => e.RowKey));
        Assert.Equal(etags, stored.Items.Select(e => e.ETag));
        Assert.Equal(etags, entities.Select(e => e.ETag));
        Assert.Equal(long.MaxValue - 2, stored.Items[2]["Big"]);
    }

    [Fact]
    public async Task SubmitTransaction_SecondActionAddsExistingEntity_Fails409AtIndex1AndWritesNothing()
    {
        var table = await azurite.CreateTableClientAsync("batchdup");
        await table.AddEntityAsync(new TableEntity("p", "existing") { ["V"] = "original" }).DefaultTimeout();

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new-0")),
            new(TableTransactionActionType.Add, new TableEntity("p", "existing") { ["V"] = "overwritten" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "new-2")),
        ])).DefaultTimeout();

        Assert.Equal(409, error.Status);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, error.ErrorCode);
        Assert.Equal(1, error.FailedActionIndex);
        var stored = await table.QueryAsync(TableFilter.PartitionEquals("p")).DefaultTimeout();
        var only = Assert.Single(stored.Items);
        Assert.Equal("original", only.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransaction_UpdateWithStaleETag_Fails412WithItsIndex()
    {
        var table = await azurite.CreateTableClientAsync("batchstale");
        var entity = new TableEntity("p", "lease") { ["Owner"] = "a" };
        var stale = await table.AddEntityAsync(entity).DefaultTimeout();
        await table.UpdateEntityAsync(entity, stale, merge: true).DefaultTimeout();

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "b")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "lease") { ["Owner"] = "b" }, stale),
        ])).DefaultTimeout();

        Assert.Equal(412, error.Status);
        Assert.Equal(TableErrorCodes.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.Equal(2, error.FailedActionIndex);
        Assert.Equal(["lease"], (await table.QueryAsync(null).DefaultTimeout()).Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task SubmitTransaction_EveryActionType_AppliesEachAndReturnsNullForDelete()
    {
        var table = await azurite.CreateTableClientAsync("batchall");
        var merged = new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 2 };
        var mergeETag = await table.AddEntityAsync(merged).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 2 }).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "upsertmerge") { ["A"] = 1 }).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "delete")).DefaultTimeout();

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = 20 }, mergeETag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = 20 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsertmerge") { ["B"] = 20 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsertreplace") { ["B"] = 20 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]).DefaultTimeout();

        Assert.All(etags.Take(5), etag => Assert.StartsWith("W/\"datetime'", etag));
        Assert.Null(etags[5]);
        var stored = (await table.QueryAsync(null).DefaultTimeout()).Items.ToDictionary(e => e.RowKey, e => e.Properties);
        Assert.Equal(["add", "merge", "replace", "upsertmerge", "upsertreplace"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, object?> { ["A"] = 1, ["B"] = 20 }, stored["merge"]);
        Assert.Equal(new Dictionary<string, object?> { ["B"] = 20 }, stored["replace"]);
        Assert.Equal(new Dictionary<string, object?> { ["A"] = 1, ["B"] = 20 }, stored["upsertmerge"]);
    }

    [Fact]
    public async Task SubmitTransaction_MixedPartitions_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        // the table does not exist: a request would fail with TableNotFound instead
        var table = azurite.ServiceClient.GetTableClient("neverCreated" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "b")),
        ])).DefaultTimeout();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i}"))).ToList())).DefaultTimeout();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "same")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "same")),
        ])).DefaultTimeout();
        Assert.Empty(await table.SubmitTransactionAsync([]).DefaultTimeout());
    }

    [Fact]
    public async Task SubmitTransaction_HundredActions_CommitsAll()
    {
        var table = await azurite.CreateTableClientAsync("batch100");

        var etags = await table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i:D3}"))).ToList()).DefaultTimeout();

        Assert.Equal(100, etags.Count);
        Assert.All(etags, etag => Assert.StartsWith("W/\"datetime'", etag));
        Assert.Equal(100, await table.QueryAllAsync(null).CountAsync().AsTask().DefaultTimeout());
    }
}
