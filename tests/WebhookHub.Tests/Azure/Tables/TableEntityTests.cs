using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Azure.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Indexer_SupportedTypes_StoredAndNullRemoves()
    {
        var entity = new TableEntity("p", "r") { ["A"] = "x", ["B"] = 5L };

        entity["A"] = null;

        Assert.Equal(["B"], entity.Properties.Keys);
        Assert.Null(entity["A"]);
        Assert.Null(entity.GetString("Missing"));
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("Name@odata.type")]
    [InlineData("")]
    public void Indexer_ReservedOrMalformedName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new TableEntity("p", "r")[name] = "x");

    [Fact]
    public void Indexer_UnsupportedType_ThrowsAndNamesTheSupportedOnes()
    {
        var entity = new TableEntity("p", "r");

        var error = Assert.Throws<ArgumentException>(() => entity["When"] = DateTime.UtcNow);
        Assert.Throws<ArgumentException>(() => entity["Price"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity["Short"] = (short)1);

        Assert.Contains("DateTimeOffset", error.Message);
    }

    [Fact]
    public void Getters_ConvertCompatibleNumbersAndRefuseOtherTypes()
    {
        var entity = new TableEntity("p", "r") { ["I"] = 5, ["L"] = 6L, ["Huge"] = long.MaxValue, ["S"] = "7", ["D"] = 1.5 };

        Assert.Equal(5L, entity.GetInt64("I"));
        Assert.Equal(6, entity.GetInt32("L"));
        Assert.Equal(6.0, entity.GetDouble("L"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Huge"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt64("S"));
        Assert.Throws<InvalidOperationException>(() => entity.GetString("I"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt64("D"));
        Assert.Throws<InvalidOperationException>(() => entity.GetBoolean("S"));
    }

    [Fact]
    public void Indexer_DateTimeOffset_IsKeptInUtc()
    {
        var local = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(5));

        var entity = new TableEntity("p", "r") { ["When"] = local };

        Assert.Equal(TimeSpan.Zero, entity.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(local, entity.GetDateTimeOffset("When"));
    }
}
