using System.Net;
using System.Text.Json;
using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>The exact requests the client sends (URL, method, headers, JSON) and how it reads answers, over a capturing handler.</summary>
public sealed class TableClientWireTests
{
    private const string ETag = "W/\"datetime'2026-11-21T12%3A00%3A00.0000000Z'\"";
    private readonly CapturingHandler _handler = new() { Respond = _ => CapturingHandler.WithETag(HttpStatusCode.NoContent, ETag) };
    private readonly TableClient _table;

    public TableClientWireTests()
    {
        _table = TableServiceClient.FromConnectionString(
            $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net",
            _handler.Options()).GetTableClient("events");
    }

    [Fact]
    public async Task AddEntity_PostsTypedJsonWithTheDocumentedHeaders()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "text",
            ["B"] = true,
            ["I"] = 7,
            ["L"] = 9_007_199_254_740_993L,
            ["D"] = 2.0,
            ["T"] = new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1),
            ["G"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            ["X"] = new byte[] { 1, 2, 255 },
        };

        var etag = await _table.AddEntityAsync(entity).DefaultTimeout();

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://acct.table.core.windows.net/events", request.Uri.AbsoluteUri);
        Assert.Equal("application/json;odata=nometadata", request.Header("Accept"));
        Assert.Equal("return-no-content", request.Header("Prefer"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("3.0", request.Header("DataServiceVersion"));
        Assert.Equal("2019-02-02", request.Header("x-ms-version"));
        Assert.StartsWith("SharedKeyLite acct:", request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        var json = body.RootElement;
        Assert.Equal("p", json.GetProperty("PartitionKey").GetString());
        Assert.Equal("r", json.GetProperty("RowKey").GetString());
        Assert.Equal("text", json.GetProperty("S").GetString());
        Assert.False(json.TryGetProperty("S@odata.type", out _));
        Assert.True(json.GetProperty("B").GetBoolean());
        Assert.Equal(7, json.GetProperty("I").GetInt32());
        Assert.False(json.TryGetProperty("I@odata.type", out _));
        Assert.Equal("Edm.Int64", json.GetProperty("L@odata.type").GetString());
        Assert.Equal("9007199254740993", json.GetProperty("L").GetString());
        Assert.Equal("Edm.Double", json.GetProperty("D@odata.type").GetString());
        Assert.Equal(2.0, json.GetProperty("D").GetDouble());
        Assert.Equal("Edm.DateTime", json.GetProperty("T@odata.type").GetString());
        Assert.Equal("2026-11-21T12:00:00.0000001Z", json.GetProperty("T").GetString());
        Assert.Equal("Edm.Guid", json.GetProperty("G@odata.type").GetString());
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", json.GetProperty("G").GetString());
        Assert.Equal("Edm.Binary", json.GetProperty("X@odata.type").GetString());
        Assert.Equal("AQL/", json.GetProperty("X").GetString());
        Assert.Equal(ETag, etag);
    }

    [Fact]
    public async Task UpdateAndDelete_UseMergePutDeleteWithIfMatch()
    {
        await _table.UpdateEntityAsync(new TableEntity("p", "r"), ifMatch: null, merge: true).DefaultTimeout();
        await _table.UpdateEntityAsync(new TableEntity("p", "r"), ifMatch: ETag, merge: false).DefaultTimeout();
        await _table.UpsertEntityAsync(new TableEntity("p", "r"), merge: true).DefaultTimeout();
        await _table.UpsertEntityAsync(new TableEntity("p", "r"), merge: false).DefaultTimeout();
        await _table.DeleteEntityAsync("p", "r").DefaultTimeout();
        await _table.DeleteEntityAsync("p", "r", ETag).DefaultTimeout();

        Assert.Equal(["MERGE", "PUT", "MERGE", "PUT", "DELETE", "DELETE"], _handler.Requests.Select(r => r.Method.Method));
        Assert.All(_handler.Requests, r => Assert.Equal("https://acct.table.core.windows.net/events(PartitionKey='p',RowKey='r')", r.Uri.AbsoluteUri));
        Assert.Equal(["*", ETag, null, null, "*", ETag], _handler.Requests.Select(r => r.Headers.GetValueOrDefault("If-Match")));
    }

    [Fact]
    public async Task EntityUrl_KeysQuoteDoubledAndPercentEncoded()
    {
        _handler.Respond = _ => CapturingHandler.Error(HttpStatusCode.NotFound, "ResourceNotFound");

        await _table.GetEntityAsync("O'Brien ü", "a+b%c&d=e").DefaultTimeout();

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("/events(PartitionKey='O%27%27Brien%20%C3%BC',RowKey='a%2Bb%25c%26d%3De')", request.Uri.AbsolutePath);
        Assert.Equal("application/json;odata=minimalmetadata", request.Header("Accept"));
    }

    [Fact]
    public async Task Query_SendsFilterTopSelectAndContinuationAndPacksTheNextToken()
    {
        _handler.Respond = _ => CapturingHandler.Json(HttpStatusCode.OK,
            """{"odata.metadata":"x","value":[{"odata.etag":"W/\"1\"","PartitionKey":"p","RowKey":"r","Timestamp":"2026-11-21T12:00:00.1234567Z","N@odata.type":"Edm.Int64","N":"5","Whole":3,"Frac":3.5}]}""",
            ("x-ms-continuation-NextPartitionKey", "1!8!cA--"), ("x-ms-continuation-NextRowKey", "1!8!cg--"));

        var first = await _table.QueryAsync(TableFilter.Equal("Name", "O'Brien & co"), maxPerPage: 10, select: ["Name"]).DefaultTimeout();
        _handler.Respond = _ => CapturingHandler.Json(HttpStatusCode.OK, """{"value":[]}""");
        var second = await _table.QueryAsync(null, continuationToken: first.ContinuationToken).DefaultTimeout();

        var query = System.Web.HttpUtility.ParseQueryString(_handler.Requests[0].Uri.Query);
        Assert.Equal("/events()", _handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("Name eq 'O''Brien & co'", query["$filter"]);
        Assert.Equal("10", query["$top"]);
        Assert.Equal("PartitionKey,RowKey,Name", query["$select"]);
        Assert.DoesNotContain(" ", _handler.Requests[0].Uri.Query);
        var next = System.Web.HttpUtility.ParseQueryString(_handler.Requests[1].Uri.Query);
        Assert.Equal("1!8!cA--", next["NextPartitionKey"]);
        Assert.Equal("1!8!cg--", next["NextRowKey"]);
        Assert.Null(next["$filter"]);
        var entity = Assert.Single(first.Items);
        Assert.Equal("W/\"1\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), entity.Timestamp);
        Assert.Equal(5L, entity["N"]);
        Assert.Equal(3, entity["Whole"]);
        Assert.Equal(3.5, entity["Frac"]);
        Assert.Null(second.ContinuationToken);
        Assert.Empty(second.Items);
    }

    [Fact]
    public async Task Query_OnlyPartitionKeyContinues_TokenStillRoundTrips()
    {
        _handler.Respond = _ => CapturingHandler.Json(HttpStatusCode.OK, """{"value":[]}""", ("x-ms-continuation-NextPartitionKey", "1!4!YQ--"));

        var page = await _table.QueryAsync(null).DefaultTimeout();
        await _table.QueryAsync(null, continuationToken: page.ContinuationToken).DefaultTimeout();

        var next = System.Web.HttpUtility.ParseQueryString(_handler.Requests[1].Uri.Query);
        Assert.Equal("1!4!YQ--", next["NextPartitionKey"]);
        Assert.Null(next["NextRowKey"]);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "EntityAlreadyExists")]
    [InlineData(HttpStatusCode.PreconditionFailed, "UpdateConditionNotSatisfied")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidInput")]
    public async Task Errors_409And412AndOther4xx_SurfaceAtOnceWithoutRetry(HttpStatusCode status, string code)
    {
        _handler.Respond = _ => CapturingHandler.Error(status, code);

        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.UpdateEntityAsync(new TableEntity("p", "r"), ETag, merge: true)).DefaultTimeout();

        Assert.Single(_handler.Requests);
        Assert.Equal((int)status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal($"Table MergeEntity on 'events' failed with status {(int)status} ({code}).", error.Message);
    }

    [Fact]
    public async Task Errors_5xx_AreRetriedByTheAzureCorePolicy()
    {
        _handler.Respond = _ => _handler.Requests.Count < 3
            ? CapturingHandler.Error(HttpStatusCode.InternalServerError, "InternalError")
            : CapturingHandler.WithETag(HttpStatusCode.NoContent, ETag);

        var etag = await _table.UpsertEntityAsync(new TableEntity("p", "r"), merge: true).DefaultTimeout();

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(ETag, etag);
    }

    [Fact]
    public async Task Errors_NoAnswer_RetriedThenOneTableRequestExceptionWithStatus0()
    {
        _handler.Respond = _ => throw new HttpRequestException("connection refused");

        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.GetEntityAsync("p", "r")).DefaultTimeout();

        Assert.Equal(4, _handler.Requests.Count);
        Assert.Equal(0, error.Status);
        Assert.Null(error.ErrorCode);
        Assert.NotNull(error.InnerException);
        Assert.Equal("Table GetEntity on 'events' got no answer from the service (HttpRequestException).", error.Message);
    }

    [Fact]
    public async Task Errors_CodeOnlyInHeaderOrXml_AreStillRead()
    {
        _handler.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<?xml version=\"1.0\"?><Error><Code>AuthorizationFailure</Code><Message>no</Message></Error>") };
            return response;
        };
        var xml = await Assert.ThrowsAsync<TableRequestException>(() => _table.AddEntityAsync(new TableEntity("p", "r"))).DefaultTimeout();
        _handler.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
            response.Headers.TryAddWithoutValidation("x-ms-error-code", "AuthorizationPermissionMismatch");
            return response;
        };
        var header = await Assert.ThrowsAsync<TableRequestException>(() => _table.AddEntityAsync(new TableEntity("p", "r"))).DefaultTimeout();

        Assert.Equal("AuthorizationFailure", xml.ErrorCode);
        Assert.Equal("AuthorizationPermissionMismatch", header.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExists_PostsTableNameAndIgnoresTableAlreadyExistsOnly()
    {
        _handler.Respond = _ => CapturingHandler.Error(HttpStatusCode.Conflict, "TableAlreadyExists");
        await _table.CreateIfNotExistsAsync().DefaultTimeout();
        _handler.Respond = _ => CapturingHandler.Error(HttpStatusCode.Conflict, "TableBeingDeleted");
        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.CreateIfNotExistsAsync()).DefaultTimeout();

        Assert.Equal("https://acct.table.core.windows.net/Tables", _handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("""{"TableName":"events"}""", _handler.Requests[0].Body);
        Assert.Equal("TableBeingDeleted", error.ErrorCode);
    }

    [Fact]
    public void GetTableClient_InvalidNames_AreRefused()
    {
        var service = TableServiceClient.FromConnectionString("UseDevelopmentStorage=true");

        foreach (var name in new[] { "ab", "1abc", "has-dash", "Tables", new string('a', 64), "" })
            Assert.Throws<ArgumentException>(() => service.GetTableClient(name));
        Assert.Equal("abc", service.GetTableClient("abc").Name);
    }
}
