using System.Net;
using Azure.Core;
using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>Microsoft Entra: the bearer token of the storage scope on every request, https only.</summary>
public sealed class TableEntraAuthenticationTests
{
    private sealed class FakeCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.Add(requestContext.Scopes);
            return new AccessToken("fake-entra-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task Requests_CarryBearerTokenForTheStorageScope()
    {
        var credential = new FakeCredential();
        var handler = new CapturingHandler
        {
            Respond = r => r.Method == HttpMethod.Get
                ? CapturingHandler.Error(HttpStatusCode.NotFound, "ResourceNotFound")
                : CapturingHandler.WithETag(HttpStatusCode.NoContent, "W/\"datetime'2026-01-01T00%3A00%3A00Z'\""),
        };
        var table = new TableServiceClient(new Uri("https://acct.table.core.windows.net/"), credential, handler.Options()).GetTableClient("inbox");

        await table.AddEntityAsync(new TableEntity("p", "r")).DefaultTimeout();
        Assert.Null(await table.GetEntityAsync("p", "missing").DefaultTimeout());

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer fake-entra-token", r.Header("Authorization")));
        Assert.All(handler.Requests, r => Assert.Equal("2019-02-02", r.Header("x-ms-version")));
        Assert.Equal("https://acct.table.core.windows.net/inbox", handler.Requests[0].Uri.AbsoluteUri);
        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, s => Assert.Equal(["https://storage.azure.com/.default"], s));
    }

    [Fact]
    public void Constructor_HttpEndpoint_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TableServiceClient(new Uri("http://acct.table.core.windows.net"), new FakeCredential()));

        Assert.Contains("https", error.Message);
    }
}
