using System.Net;
using System.Text;
using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>The $batch request body and the parsing of batch answers (success, failure with and without an index, LF line ends).</summary>
public sealed class TableTransactionWireTests
{
    private const string Endpoint = "https://acct.table.core.windows.net";
    private readonly CapturingHandler _handler = new();
    private readonly TableClient _table;

    public TableTransactionWireTests()
    {
        _table = TableServiceClient.FromConnectionString(
            $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net",
            _handler.Options()).GetTableClient("events");
    }

    [Fact]
    public async Task Submit_WritesOneChangesetWithAnApplicationHttpPartPerAction()
    {
        _handler.Respond = _ => BatchAnswer(lineEnd: "\r\n", ("204 No Content", "W/\"1\""), ("204 No Content", "W/\"2\""), ("204 No Content", null));

        var etags = await _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a") { ["N"] = 1L }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "O'Brien"), "W/\"0\""),
            new(TableTransactionActionType.Delete, new TableEntity("p", "c")),
        ]).DefaultTimeout();

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Endpoint + "/$batch", request.Uri.AbsoluteUri);
        var contentType = request.Header("Content-Type");
        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType);
        var batchBoundary = contentType["multipart/mixed; boundary=".Length..];
        Assert.DoesNotContain("\n", request.Body.Replace("\r\n", ""));
        var lines = request.Body.Split("\r\n");
        Assert.Equal("--" + batchBoundary, lines[0]);
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=changeset_", lines[1]);
        var changeset = lines[1]["Content-Type: multipart/mixed; boundary=".Length..];
        Assert.Equal(3, lines.Count(l => l == "--" + changeset));
        Assert.Equal(3, lines.Count(l => l == "Content-Type: application/http"));
        Assert.Equal(3, lines.Count(l => l == "Content-Transfer-Encoding: binary"));
        Assert.Equal(
        [
            $"POST {Endpoint}/events HTTP/1.1",
            $"MERGE {Endpoint}/events(PartitionKey='p',RowKey='O%27%27Brien') HTTP/1.1",
            $"DELETE {Endpoint}/events(PartitionKey='p',RowKey='c') HTTP/1.1",
        ], lines.Where(l => l.EndsWith(" HTTP/1.1")));
        Assert.Equal(["If-Match: W/\"0\"", "If-Match: *"], lines.Where(l => l.StartsWith("If-Match:")));
        Assert.Contains("""{"PartitionKey":"p","RowKey":"a","N@odata.type":"Edm.Int64","N":"1"}""", lines);
        Assert.Equal("--" + changeset + "--", lines[^3]);
        Assert.Equal("--" + batchBoundary + "--", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(["W/\"1\"", "W/\"2\"", null], etags);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public async Task Submit_FailedOperationWithIndexPrefix_ReportsItsStatusCodeAndIndex(string lineEnd)
    {
        _handler.Respond = _ => BatchAnswer(lineEnd, ("412 Precondition Failed",
            """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"lang":"en-US","value":"2:The update condition specified in the request was not satisfied.\nRequestId:x\nTime:y"}}}"""));

        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.SubmitTransactionAsync(ThreeAdds())).DefaultTimeout();

        Assert.Equal(412, error.Status);
        Assert.Equal(TableErrorCodes.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.Equal(2, error.FailedActionIndex);
        Assert.Equal("Table SubmitTransaction on 'events' failed with status 412 (UpdateConditionNotSatisfied) at action 2.", error.Message);
    }

    [Fact]
    public async Task Submit_FailedOperationWithoutIndex_LeavesTheIndexUnknown()
    {
        _handler.Respond = _ => BatchAnswer("\r\n", ("400 Bad Request",
            """{"odata.error":{"code":"InvalidInput","message":{"lang":"en-US","value":"One of the request inputs is not valid."}}}"""));

        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.SubmitTransactionAsync(ThreeAdds())).DefaultTimeout();

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidInput", error.ErrorCode);
        Assert.Null(error.FailedActionIndex);
    }

    [Fact]
    public async Task Submit_WholeBatchRejected_ReportsTheBatchStatus()
    {
        _handler.Respond = _ => CapturingHandler.Error(HttpStatusCode.RequestEntityTooLarge, "RequestBodyTooLarge");

        var error = await Assert.ThrowsAsync<TableRequestException>(() => _table.SubmitTransactionAsync(ThreeAdds())).DefaultTimeout();

        Assert.Equal(413, error.Status);
        Assert.Equal("RequestBodyTooLarge", error.ErrorCode);
        Assert.Null(error.FailedActionIndex);
    }

    [Fact]
    public async Task Submit_FewerResultsThanActions_IsAnError()
    {
        _handler.Respond = _ => BatchAnswer("\r\n", ("204 No Content", "W/\"1\""));

        await Assert.ThrowsAsync<TableRequestException>(() => _table.SubmitTransactionAsync(ThreeAdds())).DefaultTimeout();
    }

    private static List<TableTransactionAction> ThreeAdds() =>
        Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i}"))).ToList();

    /// <summary>A 202 shaped like the REST reference's batch response: one changeset response, one application/http part per operation.
    /// A part is (status line, ETag) for a success or (status line, error JSON) for a failure.</summary>
    private static HttpResponseMessage BatchAnswer(string lineEnd, params (string Status, string? ETagOrBody)[] parts)
    {
        var batch = "batchresponse_" + Guid.NewGuid();
        var changeset = "changesetresponse_" + Guid.NewGuid();
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append(lineEnd);
        Line("--" + batch);
        Line("Content-Type: multipart/mixed; boundary=" + changeset);
        Line("");
        foreach (var (status, value) in parts)
        {
            Line("--" + changeset);
            Line("Content-Type: application/http");
            Line("Content-Transfer-Encoding: binary");
            Line("");
            Line("HTTP/1.1 " + status);
            Line("DataServiceVersion: 3.0;");
            if (status.StartsWith('2'))
            {
                if (value is not null) Line("ETag: " + value);
                Line("");
                Line("");
            }
            else
            {
                Line("Content-Type: application/json;odata=minimalmetadata;charset=utf-8");
                Line("");
                Line(value!);
            }
        }

        Line("--" + changeset + "--");
        Line("--" + batch + "--");
        var response = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(text.ToString()) };
        response.Content.Headers.Remove("Content-Type");
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=" + batch);
        return response;
    }
}
