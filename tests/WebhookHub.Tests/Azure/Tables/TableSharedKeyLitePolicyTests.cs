using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Shared Key Lite: string-to-sign and signature against a published vector and fixed inputs, signing per attempt, no leaks.</summary>
public sealed class TableSharedKeyLitePolicyTests
{
    private const string DevelopmentKey = AzuriteFixture.AccountKey;

    [Fact]
    public async Task Sign_PublishedServicePropertiesVector_MatchesTheSdkSignature()
    {
        // Azure/azure-sdk-for-node, test/services/table/sharedkeylitetable-tests.js (testSignRequestServiceProperties):
        // devstoreaccount1, GET ?restype=service&comp=properties, Date Mon, 05 Dec 2011 17:55:02 GMT.
        var handler = new CapturingHandler();
        var time = new FakeTimeProvider(new DateTimeOffset(2011, 12, 5, 17, 55, 2, TimeSpan.Zero));
        var pipeline = HttpPipelineBuilder.Build(handler.Options(), [], [new TableSharedKeyLitePolicy("devstoreaccount1", DevelopmentKey, time)], new ResponseClassifier());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://devstoreaccount1.table.core.windows.net/?restype=service&comp=properties"));

        await pipeline.SendAsync(message, CancellationToken.None).AsTask().DefaultTimeout();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Mon, 05 Dec 2011 17:55:02 GMT", request.Header("x-ms-date"));
        Assert.Equal("SharedKeyLite devstoreaccount1:b89upLBiJ54w3Ju3zBv4GzThZGj/M6C3CdTm1BySj28=", request.Header("Authorization"));
    }

    [Fact]
    public async Task Sign_AzuritePathStyle_CanonicalResourceRepeatsTheAccount()
    {
        // HMAC-SHA256 of "Fri, 23 Sep 2011 01:37:34 GMT\n/devstoreaccount1/devstoreaccount1/Tables" under the Azurite key,
        // computed independently (Python hmac), so a wrong canonical resource cannot pass.
        var handler = new CapturingHandler();
        var time = new FakeTimeProvider(new DateTimeOffset(2011, 9, 23, 1, 37, 34, TimeSpan.Zero));
        var table = TableServiceClient.FromConnectionString("UseDevelopmentStorage=true", handler.Options(time)).GetTableClient("inbox");

        await table.CreateIfNotExistsAsync().DefaultTimeout();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/Tables", request.Uri.AbsoluteUri);
        Assert.Equal("Fri, 23 Sep 2011 01:37:34 GMT", request.Header("x-ms-date"));
        Assert.Equal("SharedKeyLite devstoreaccount1:2VSgH2jwsFoSdeYK3HTjygm6EFBPJusaGZ6H9RSPQkA=", request.Header("Authorization"));
    }

    [Fact]
    public void StringToSign_EntityWithAwkwardKeys_UsesTheEncodedPathAndOnlyComp()
    {
        var policy = new TableSharedKeyLitePolicy("acct", DevelopmentKey, TimeProvider.System);
        var entity = new Uri("https://acct.table.core.windows.net/events(PartitionKey='O%27%27Brien%20%C3%BC',RowKey='a%2Bb%25')?$select=A&comp=acl&timeout=5");

        var stringToSign = policy.BuildStringToSign("Sat, 21 Nov 2026 12:00:00 GMT", entity);

        Assert.Equal("Sat, 21 Nov 2026 12:00:00 GMT\n/acct/events(PartitionKey='O%27%27Brien%20%C3%BC',RowKey='a%2Bb%25')?comp=acl", stringToSign);
    }

    [Fact]
    public async Task Send_Retried_EachAttemptIsDatedAndSignedAfresh()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        var handler = new CapturingHandler();
        handler.Respond = _ =>
        {
            if (handler.Requests.Count > 1) return CapturingHandler.WithETag(HttpStatusCode.NoContent, "W/\"datetime'2026-11-21T12%3A01%3A00Z'\"");
            time.Advance(TimeSpan.FromMinutes(1));
            return CapturingHandler.Error(HttpStatusCode.ServiceUnavailable, "ServerBusy");
        };
        var table = TableServiceClient.FromConnectionString("UseDevelopmentStorage=true", handler.Options(time)).GetTableClient("inbox");

        await table.AddEntityAsync(new TableEntity("p", "r")).DefaultTimeout();

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(["Sat, 21 Nov 2026 12:00:00 GMT", "Sat, 21 Nov 2026 12:01:00 GMT"], handler.Requests.Select(r => r.Header("x-ms-date")));
        Assert.NotEqual(handler.Requests[0].Header("Authorization"), handler.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Error_ServiceEchoesTheStringToSign_ExceptionCarriesNoAuthorizationMaterial()
    {
        var handler = new CapturingHandler();
        var table = TableServiceClient.FromConnectionString("UseDevelopmentStorage=true", handler.Options()).GetTableClient("inbox");
        handler.Respond = request => CapturingHandler.Json(HttpStatusCode.Forbidden,
            """{"odata.error":{"code":"AuthenticationFailed","message":{"lang":"en-US","value":"The MAC signature found in the HTTP request '"""
            + request.Header("Authorization") + "' is not the same as any computed signature. Server used following string to sign: '"
            + request.Header("x-ms-date") + """'."}}}""");

        var error = await Assert.ThrowsAsync<TableRequestException>(() => table.AddEntityAsync(new TableEntity("p", "r"))).DefaultTimeout();

        var authorization = handler.Requests[0].Header("Authorization");
        var signature = authorization[(authorization.IndexOf(':') + 1)..];
        Assert.Equal(403, error.Status);
        Assert.Equal(TableErrorCodes.AuthenticationFailed, error.ErrorCode);
        Assert.DoesNotContain(signature, error.ToString());
        Assert.DoesNotContain("SharedKeyLite", error.ToString());
        Assert.DoesNotContain(DevelopmentKey, error.ToString());
        Assert.DoesNotContain("MAC signature", error.Message);
    }

    [Fact]
    public void FromConnectionString_BadKey_MessageDoesNotQuoteIt()
    {
        const string notBase64 = "this-is-not*base64-secret";

        var error = Assert.Throws<ArgumentException>(() =>
            TableServiceClient.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={notBase64};EndpointSuffix=core.windows.net"));

        Assert.DoesNotContain(notBase64, error.Message);
        Assert.Contains("AccountKey", error.Message);
    }
}
