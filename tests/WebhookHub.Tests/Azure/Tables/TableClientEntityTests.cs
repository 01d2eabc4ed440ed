using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Single-entity operations against Azurite: insert (and the inbox duplicate), point reads with every type, upserts, deletes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClientEntityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddEntity_SameKeysTwice_SecondFailsWith409EntityAlreadyExists()
    {
        var table = await azurite.CreateTableClientAsync("inbox");
        var first = new TableEntity("source-1", "evt_123") { ["ReceivedAt"] = DateTimeOffset.UnixEpoch };
        var etag = await table.AddEntityAsync(first).DefaultTimeout();

        var duplicate = new TableEntity("source-1", "evt_123") { ["ReceivedAt"] = DateTimeOffset.UnixEpoch.AddDays(1) };
        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.AddEntityAsync(duplicate)).DefaultTimeout();

        Assert.StartsWith("W/\"datetime'", etag);
        Assert.Equal(etag, first.ETag);
        Assert.Equal(409, error.Status);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, error.ErrorCode);
        Assert.Null(error.FailedActionIndex);
        Assert.Null(duplicate.ETag);
        var stored = await table.GetEntityAsync("source-1", "evt_123").DefaultTimeout();
        Assert.Equal(DateTimeOffset.UnixEpoch, stored!.GetDateTimeOffset("ReceivedAt"));
    }

    [Fact]
    public async Task GetEntity_EverySupportedType_RoundTripsExactly()
    {
        var table = await azurite.CreateTableClientAsync("types");
        var when = new DateTimeOffset(2026, 11, 21, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        byte[] bytes = [0, 1, 2, 254, 255, 0x7f, 0x80];
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "Grüße, 世界 🎉 'quoted' \"double\"",
            ["Empty"] = "",
            ["Flag"] = true,
            ["Off"] = false,
            ["Small"] = 42,
            ["Negative"] = int.MinValue,
            ["Big"] = (1L << 53) + 1,
            ["Max"] = long.MaxValue,
            ["SmallLong"] = 7L,
            ["Ratio"] = 0.1 + 0.2,
            ["Whole"] = 2.0,
            ["Tiny"] = double.Epsilon,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = bytes,
            ["NoBytes"] = Array.Empty<byte>(),
        };
        await table.AddEntityAsync(entity).DefaultTimeout();

        var read = await table.GetEntityAsync("p", "r").DefaultTimeout();

        Assert.NotNull(read);
        Assert.Equal("Grüße, 世界 🎉 'quoted' \"double\"", read["Text"]);
        Assert.Equal("", read["Empty"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(false, read["Off"]);
        Assert.Equal(42, read["Small"]);
        Assert.Equal(int.MinValue, read["Negative"]);
        Assert.Equal((1L << 53) + 1, read["Big"]);
        Assert.Equal(long.MaxValue, read["Max"]);
        Assert.IsType<long>(read["SmallLong"]);
        Assert.Equal(7L, read["SmallLong"]);
        Assert.Equal(0.1 + 0.2, read["Ratio"]);
        Assert.IsType<double>(read["Whole"]);
        Assert.Equal(2.0, read["Whole"]);
        Assert.Equal(double.Epsilon, read["Tiny"]);
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(bytes, read.GetBinary("Bytes"));
        Assert.Equal(Array.Empty<byte>(), read.GetBinary("NoBytes"));
        Assert.Equal(entity.Properties.Keys.Order(StringComparer.Ordinal), read.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(entity.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task GetEntity_Missing_ReturnsNull()
    {
        var table = await azurite.CreateTableClientAsync("missing");

        Assert.Null(await table.GetEntityAsync("p", "nope").DefaultTimeout());
    }

    [Fact]
    public async Task GetEntity_MissingTable_ThrowsTableNotFound()
    {
        var table = azurite.ServiceClient.GetTableClient("neverCreated" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.GetEntityAsync("p", "r")).DefaultTimeout();

        Assert.Equal(404, error.Status);
        Assert.Equal(TableErrorCodes.TableNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExists_Twice_IsFine()
    {
        var table = await azurite.CreateTableClientAsync("twice");

        await table.CreateIfNotExistsAsync().DefaultTimeout();
        await table.AddEntityAsync(new TableEntity("p", "r")).DefaultTimeout();
    }

    [Fact]
    public async Task UpsertEntity_InsertsThenReplacesOrMerges()
    {
        var table = await azurite.CreateTableClientAsync("upsert");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "b" }, merge: false).DefaultTimeout();

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = 3L }, merge: true).DefaultTimeout();
        var merged = await table.GetEntityAsync("p", "r").DefaultTimeout();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["D"] = true }, merge: false).DefaultTimeout();
        var replaced = await table.GetEntityAsync("p", "r").DefaultTimeout();

        Assert.Equal(["A", "B", "C"], merged!.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["D"], replaced!.Properties.Keys);
    }

    [Fact]
    public async Task DeleteEntity_ExistingThenMissing_TrueThenFalse()
    {
        var table = await azurite.CreateTableClientAsync("delete");
        await table.AddEntityAsync(new TableEntity("p", "r")).DefaultTimeout();

        Assert.True(await table.DeleteEntityAsync("p", "r").DefaultTimeout());
        Assert.False(await table.DeleteEntityAsync("p", "r").DefaultTimeout());
        Assert.Null(await table.GetEntityAsync("p", "r").DefaultTimeout());
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412AndKeepsTheEntity()
    {
        var table = await azurite.CreateTableClientAsync("deletestale");
        var entity = new TableEntity("p", "r") { ["V"] = 1 };
        var stale = await table.AddEntityAsync(entity).DefaultTimeout();
        await table.UpdateEntityAsync(entity, stale, merge: true).DefaultTimeout();

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.DeleteEntityAsync("p", "r", stale)).DefaultTimeout();

        Assert.Equal(412, error.Status);
        Assert.Equal(TableErrorCodes.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.NotNull(await table.GetEntityAsync("p", "r").DefaultTimeout());
    }

    [Fact]
    public async Task AddEntity_ForbiddenKeyCharacter_ThrowsBeforeAnyRequest()
    {
        var table = azurite.ServiceClient.GetTableClient("notCreatedForKeys");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r"))).DefaultTimeout();

        Assert.Contains("TableKey.Escape", error.Message);
    }
}
