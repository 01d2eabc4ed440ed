using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Optimistic concurrency against Azurite: merge/replace with ETags, and what each mode keeps.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClientConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UpdateEntity_StaleETag_Throws412AndChangesNothing()
    {
        var table = await azurite.CreateTableClientAsync("stale");
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "pending" }).DefaultTimeout();
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Status"] = "leased" }, stale, merge: true).DefaultTimeout();

        var error = await Assert.ThrowsAsync<TableRequestException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["Status"] = "stolen" }, stale, merge: true)).DefaultTimeout();

        Assert.Equal(412, error.Status);
        Assert.Equal(TableErrorCodes.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.Equal("leased", (await table.GetEntityAsync("p", "r").DefaultTimeout())!.GetString("Status"));
    }

    [Fact]
    public async Task UpdateEntity_CurrentETag_SucceedsWithANewETag()
    {
        var table = await azurite.CreateTableClientAsync("current");
        var entity = new TableEntity("p", "r") { ["Attempts"] = 0 };
        var first = await table.AddEntityAsync(entity).DefaultTimeout();

        entity["Attempts"] = 1;
        var second = await table.UpdateEntityAsync(entity, entity.ETag, merge: true).DefaultTimeout();
        entity["Attempts"] = 2;
        var third = await table.UpdateEntityAsync(entity, entity.ETag, merge: false).DefaultTimeout();

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        Assert.Equal(third, entity.ETag);
        var stored = await table.GetEntityAsync("p", "r").DefaultTimeout();
        Assert.Equal(third, stored!.ETag);
        Assert.Equal(2, stored.GetInt32("Attempts"));
    }

    [Fact]
    public async Task UpdateEntity_MergeKeepsOtherPropertiesReplaceDropsThem()
    {
        var table = await azurite.CreateTableClientAsync("modes");
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" }).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" }).DefaultTimeout();

        await table.UpdateEntityAsync(new TableEntity("p", "merge") { ["B"] = "B2", ["C"] = "c" }, ifMatch: null, merge: true).DefaultTimeout();
        await table.UpdateEntityAsync(new TableEntity("p", "replace") { ["B"] = "B2", ["C"] = "c" }, ifMatch: null, merge: false).DefaultTimeout();

        var merged = await table.GetEntityAsync("p", "merge").DefaultTimeout();
        var replaced = await table.GetEntityAsync("p", "replace").DefaultTimeout();
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "a", ["B"] = "B2", ["C"] = "c" }, merged!.Properties);
        Assert.Equal(new Dictionary<string, object?> { ["B"] = "B2", ["C"] = "c" }, replaced!.Properties);
    }

    [Fact]
    public async Task UpdateEntity_Missing_Throws404ResourceNotFound()
    {
        var table = await azurite.CreateTableClientAsync("nothere");

        var error = await Assert.ThrowsAsync<TableRequestException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r"), ifMatch: null, merge: true)).DefaultTimeout();

        Assert.Equal(404, error.Status);
        Assert.Equal(TableErrorCodes.ResourceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntity_TwoWritersSameETag_ExactlyOneWins()
    {
        var table = await azurite.CreateTableClientAsync("race");
        var etag = await table.AddEntityAsync(new TableEntity("p", "lease")).DefaultTimeout();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity("p", "lease") { ["Owner"] = $"worker{i}" }, etag, merge: true);
                return true;
            }
            catch (TableRequestException e) when (e.Status == 412)
            {
                return false;
            }
        })).DefaultTimeout();

        Assert.Single(outcomes, won => won);
    }
}
