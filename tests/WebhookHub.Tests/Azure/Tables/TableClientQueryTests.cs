using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Queries against Azurite: pages through continuation tokens, filters with every literal form, $select.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClientQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Query_25EntitiesTenPerPage_ThreePagesInOrderEachSeenOnce()
    {
        var table = await azurite.CreateTableClientAsync("paging");
        for (var i = 0; i < 25; i++) await table.AddEntityAsync(new TableEntity("p", $"r{i:D2}") { ["N"] = i }).DefaultTimeout();

        var pages = new List<TablePage>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync(TableFilter.PartitionEquals("p"), maxPerPage: 10, continuationToken: token).DefaultTimeout();
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.NotNull(pages[1].ContinuationToken);
        Assert.Null(pages[2].ContinuationToken);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"r{i:D2}"), pages.SelectMany(p => p.Items).Select(e => e.RowKey));
        Assert.Equal(Enumerable.Range(0, 25), pages.SelectMany(p => p.Items).Select(e => e.GetInt32("N")!.Value));
        Assert.All(pages.SelectMany(p => p.Items), e => Assert.StartsWith("W/\"datetime'", e.ETag));
    }

    [Fact]
    public async Task QueryAll_AcrossPartitions_SeesEveryEntityOnceInKeyOrder()
    {
        var table = await azurite.CreateTableClientAsync("partitions");
        var expected = new List<(string, string)>();
        foreach (var partition in new[] { "a", "b", "c" })
            for (var i = 0; i < 7; i++)
            {
                await table.AddEntityAsync(new TableEntity(partition, $"{i:D2}")).DefaultTimeout();
                expected.Add((partition, $"{i:D2}"));
            }

        var seen = (await table.QueryAllAsync(filter: null, maxPerPage: 4).ToListAsync().AsTask().DefaultTimeout())
            .Select(e => (e.PartitionKey, e.RowKey)).ToList();

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Query_PagesAcrossPartitions_TokenCarriesBothKeys()
    {
        var table = await azurite.CreateTableClientAsync("pagepk");
        foreach (var partition in new[] { "a", "b" })
            for (var i = 0; i < 3; i++) await table.AddEntityAsync(new TableEntity(partition, $"{i}")).DefaultTimeout();

        var first = await table.QueryAsync(null, maxPerPage: 4).DefaultTimeout();
        var second = await table.QueryAsync(null, maxPerPage: 4, continuationToken: first.ContinuationToken).DefaultTimeout();

        Assert.Equal(["a0", "a1", "a2", "b0"], first.Items.Select(e => e.PartitionKey + e.RowKey));
        Assert.Equal(["b1", "b2"], second.Items.Select(e => e.PartitionKey + e.RowKey));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task Query_StringWithQuotes_MatchesExactly()
    {
        var table = await azurite.CreateTableClientAsync("quotes");
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Name"] = "O'Brien" }).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Name"] = "O''Brien" }).DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "3") { ["Name"] = "OBrien" }).DefaultTimeout();

        var single = await table.QueryAsync(TableFilter.Equal("Name", "O'Brien")).DefaultTimeout();
        var doubled = await table.QueryAsync(TableFilter.Equal("Name", "O''Brien")).DefaultTimeout();

        Assert.Equal(["1"], single.Items.Select(e => e.RowKey));
        Assert.Equal(["2"], doubled.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_DateTimeAndLongComparisons_SelectTheRightEntities()
    {
        var table = await azurite.CreateTableClientAsync("compare");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
            await table.AddEntityAsync(new TableEntity("p", $"{i}")
            {
                ["DueAt"] = start.AddMinutes(i).AddTicks(1),
                ["Sequence"] = (1L << 40) + i,
                ["Done"] = i % 2 == 0,
            }).DefaultTimeout();

        var due = await table.QueryAsync(TableFilter.And(
            TableFilter.PartitionEquals("p"),
            TableFilter.Compare("DueAt", "le", start.AddMinutes(2).AddTicks(1)))).DefaultTimeout();
        var big = await table.QueryAsync(TableFilter.Compare("Sequence", "gt", (1L << 40) + 3)).DefaultTimeout();
        var exact = await table.QueryAsync(TableFilter.Equal("Sequence", (1L << 40) + 1)).DefaultTimeout();
        var either = await table.QueryAsync(TableFilter.Or(TableFilter.Equal("Done", true), TableFilter.Equal("Sequence", (1L << 40) + 5))).DefaultTimeout();

        Assert.Equal(["0", "1", "2"], due.Items.Select(e => e.RowKey));
        Assert.Equal(["4", "5"], big.Items.Select(e => e.RowKey));
        Assert.Equal(["1"], exact.Items.Select(e => e.RowKey));
        Assert.Equal(["0", "2", "4", "5"], either.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_RowKeyRange_IsHalfOpen()
    {
        var table = await azurite.CreateTableClientAsync("range");
        foreach (var key in new[] { "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04" })
            await table.AddEntityAsync(new TableEntity("p", key)).DefaultTimeout();

        var page = await table.QueryAsync(TableFilter.And(TableFilter.PartitionEquals("p"), TableFilter.RowKeyRange("2026-01-02", "2026-01-04"))).DefaultTimeout();

        Assert.Equal(["2026-01-02", "2026-01-03"], page.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_Select_ReturnsKeysAndTheChosenPropertiesOnly()
    {
        var table = await azurite.CreateTableClientAsync("select");
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1L, ["B"] = "b", ["C"] = true }).DefaultTimeout();

        var page = await table.QueryAsync(null, select: ["A", "C"]).DefaultTimeout();

        var entity = Assert.Single(page.Items);
        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal(["A", "C"], entity.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1L, entity["A"]);
    }

    [Fact]
    public async Task Query_ForeignContinuationToken_ThrowsArgumentException()
    {
        var table = await azurite.CreateTableClientAsync("token");

        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryAsync(null, continuationToken: "not a token!")).DefaultTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(null, maxPerPage: 1001)).DefaultTimeout();
    }
}
