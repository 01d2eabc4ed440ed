using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Filter strings in the Table service's literal forms (querying-tables-and-entities#constructing-filter-strings).</summary>
public sealed class TableFilterTests
{
    [Fact]
    public void Literals_HaveTheDocumentedForms()
    {
        Assert.Equal("Name eq 'O''Brien'", TableFilter.Equal("Name", "O'Brien"));
        Assert.Equal("Name eq ''''''", TableFilter.Equal("Name", "''"));
        Assert.Equal("Flag eq true", TableFilter.Equal("Flag", true));
        Assert.Equal("Sequence eq 9007199254740993L", TableFilter.Equal("Sequence", 9_007_199_254_740_993L));
        Assert.Equal("Sequence lt -5L", TableFilter.Compare("Sequence", "lt", -5L));
        Assert.Equal("DueAt le datetime'2026-01-02T02:04:05.0000001Z'",
            TableFilter.Compare("DueAt", "le", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)).AddTicks(1)));
        Assert.Equal("Id eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff'", TableFilter.Equal("Id", Guid.Parse("6F9619FF-8B86-D011-B42D-00C04FC964FF")));
        Assert.Equal("Hash eq X'00ff10'", TableFilter.Compare("Hash", "eq", new byte[] { 0, 255, 16 }));
        Assert.Equal("Ratio gt 2.0", TableFilter.Compare("Ratio", "gt", 2.0));
        Assert.Equal("Ratio gt 0.5", TableFilter.Compare("Ratio", "gt", 0.5));
        Assert.Equal("Ratio gt 1E+300", TableFilter.Compare("Ratio", "gt", 1e300));
    }

    [Fact]
    public void KeysAndCombinators_ParenthesiseEachClause()
    {
        Assert.Equal("PartitionKey eq 'tenant''s'", TableFilter.PartitionEquals("tenant's"));
        Assert.Equal("RowKey ge 'a' and RowKey lt 'b'", TableFilter.RowKeyRange("a", "b"));
        Assert.Equal("(A eq 1L) and (B eq true)", TableFilter.And(TableFilter.Equal("A", 1L), TableFilter.Equal("B", true)));
        Assert.Equal("(A eq 1L) or (B eq 2L) or (C eq 3L)", TableFilter.Or(TableFilter.Equal("A", 1L), TableFilter.Equal("B", 2L), TableFilter.Equal("C", 3L)));
        Assert.Equal("A eq 1L", TableFilter.And(TableFilter.Equal("A", 1L)));
        Assert.Equal("(PartitionKey eq 'p') and (RowKey ge 'a' and RowKey lt 'b')",
            TableFilter.And(TableFilter.PartitionEquals("p"), TableFilter.RowKeyRange("a", "b")));
    }

    [Theory]
    [InlineData("Name", "like")]
    [InlineData("Name", "EQ")]
    [InlineData("Na me", "eq")]
    [InlineData("Name'", "eq")]
    [InlineData("", "eq")]
    public void Compare_BadOperatorOrProperty_Throws(string property, string op) =>
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Compare(property, op, "x"));

    [Fact]
    public void Combinators_NoClauses_Throw()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.And());
        Assert.Throws<ArgumentException>(() => TableFilter.Or("A eq 1L", " "));
        Assert.Throws<ArgumentException>(() => TableFilter.Compare("Ratio", "gt", double.NaN));
    }
}
