using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Awkward keys end to end against Azurite: escape → write → read → query → unescape, single and in a transaction.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClientKeyTests(AzuriteFixture azurite)
{
    private static readonly string[] AwkwardRowKeys =
    [
        "a/b", "back\\slash", "hash#tag", "what?", "O'Brien", "''", "100%", "%2F", "a+b", "with space", " lead", "trail ",
        "Grüße 世界 🎉", "ctl\u0001\u001f\u007f\u0085", "", "!bang", "!2F", "&=;,:@$()*", "https://example.com/hook?x=1#y",
    ];

    [Fact]
    public async Task AwkwardKeys_EscapedRoundTripThroughAddGetQueryMergeDelete()
    {
        var table = await azurite.CreateTableClientAsync("keys");
        var partition = TableKey.Escape("tenant/one#1?'%+ ü\t");

        foreach (var raw in AwkwardRowKeys)
            await table.AddEntityAsync(new TableEntity(partition, TableKey.Escape(raw)) { ["Raw"] = raw }).DefaultTimeout();

        foreach (var raw in AwkwardRowKeys)
        {
            var read = await table.GetEntityAsync(partition, TableKey.Escape(raw)).DefaultTimeout();
            Assert.NotNull(read);
            Assert.Equal(raw, TableKey.Unescape(read.RowKey));
            Assert.Equal(raw, read.GetString("Raw"));
            Assert.Equal("tenant/one#1?'%+ ü\t", TableKey.Unescape(read.PartitionKey));
        }

        var listed = await table.QueryAllAsync(TableFilter.PartitionEquals(partition), maxPerPage: 5).ToListAsync().AsTask().DefaultTimeout();
        Assert.Equal(AwkwardRowKeys.Order(StringComparer.Ordinal), listed.Select(e => TableKey.Unescape(e.RowKey)).Order(StringComparer.Ordinal));
        Assert.All(listed, e => Assert.Equal(TableKey.Unescape(e.RowKey), e.GetString("Raw")));

        foreach (var raw in AwkwardRowKeys)
        {
            var key = TableKey.Escape(raw);
            var current = await table.GetEntityAsync(partition, key).DefaultTimeout();
            await table.UpdateEntityAsync(new TableEntity(partition, key) { ["Seen"] = true }, current!.ETag, merge: true).DefaultTimeout();
            Assert.Equal(true, (await table.GetEntityAsync(partition, key).DefaultTimeout())!.GetBoolean("Seen"));
            Assert.True(await table.DeleteEntityAsync(partition, key).DefaultTimeout());
        }

        Assert.Empty((await table.QueryAsync(TableFilter.PartitionEquals(partition)).DefaultTimeout()).Items);
    }

    [Fact]
    public async Task AwkwardKeys_InsideATransaction_AreAddressedCorrectly()
    {
        var table = await azurite.CreateTableClientAsync("batchkeys");
        var partition = TableKey.Escape("p/'q'");
        var existing = new TableEntity(partition, TableKey.Escape("O'Brien / #1")) { ["V"] = 1 };
        var etag = await table.AddEntityAsync(existing).DefaultTimeout();

        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, TableKey.Escape("100% a+b?"))),
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, existing.RowKey) { ["V"] = 2 }, etag),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, TableKey.Escape("Grüße 🎉"))),
        ]).DefaultTimeout();

        var rows = (await table.QueryAsync(TableFilter.PartitionEquals(partition)).DefaultTimeout()).Items;
        Assert.Equal(["100% a+b?", "Grüße 🎉", "O'Brien / #1"], rows.Select(e => TableKey.Unescape(e.RowKey)).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await table.GetEntityAsync(partition, existing.RowKey).DefaultTimeout())!.GetInt32("V"));
    }

    [Fact]
    public async Task WrongAccountKey_Rejected403_MessageHasNoSignatureOrKey()
    {
        const string wrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=";
        var service = TableServiceClient.FromConnectionString(azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, wrongKey));
        var table = service.GetTableClient("wrongkey" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.CreateIfNotExistsAsync()).DefaultTimeout();

        Assert.Equal(403, error.Status);
        Assert.NotNull(error.ErrorCode);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.DoesNotContain("SharedKeyLite", error.ToString());
        Assert.DoesNotContain("signature", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
