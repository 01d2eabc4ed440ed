using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Azure.Tables;

public sealed class TableConnectionStringTests
{
    [Fact]
    public void Parse_DevelopmentStorage_IsAzuriteWithTheWellKnownAccount()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(Support.AzuriteFixture.AccountKey, parsed.AccountKey);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("AccountName=acct;AccountKey=a2V5", "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn;", "https://acct.table.core.chinacloudapi.cn/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;", "http://127.0.0.1:10002/devstoreaccount1")]
    public void Parse_AccountConnectionStrings_GiveTheTableEndpoint(string connectionString, string endpoint)
    {
        var parsed = TableConnectionString.Parse(connectionString);

        Assert.Equal(new Uri(endpoint), parsed.TableEndpoint);
        Assert.Equal("a2V5", parsed.AccountKey);
        Assert.DoesNotContain("a2V5", parsed.ToString());
    }

    [Theory]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=acct;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("TableEndpoint=https://x.table.core.windows.net;SharedAccessSignature=sv=2019&sig=c2VjcmV0", "SAS")]
    [InlineData("garbage", "name=value")]
    public void Parse_Malformed_NamesThePartNotTheValue(string connectionString, string mentioned)
    {
        var error = Assert.Throws<ArgumentException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains(mentioned, error.Message);
        Assert.DoesNotContain("a2V5", error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }
}
