using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebhookHub.Tests.CustomHandler;

/// <summary>
/// The deployable layout, checked without building it: host.json's customHandler section, each azure/functions/*/function.json,
/// and the function list of scripts/publish-functions.sh.
/// </summary>
public sealed partial class FunctionLayoutTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebhookHub.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("WebhookHub.sln not found above " + AppContext.BaseDirectory);
    }

    private static JsonObject FunctionJson(string function) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "azure", "functions", function, "function.json")))!.AsObject();

    private static IReadOnlyList<string> PublishedFunctions()
    {
        var script = File.ReadAllText(Path.Combine(Root, "scripts", "publish-functions.sh"));
        var match = FunctionsLine().Match(script);
        Assert.True(match.Success, "scripts/publish-functions.sh has no FUNCTIONS=(…) line");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"^FUNCTIONS=\(([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex FunctionsLine();

    [Fact]
    public void PublishScript_EveryFunctionFolderExistsAndNoneIsLeftOut()
    {
        var published = PublishedFunctions();
        var folders = Directory.GetDirectories(Path.Combine(Root, "azure", "functions")).Select(Path.GetFileName).Order();

        Assert.Equal(["api", "deliver", "dispatch", "ingest"], published.Order());
        Assert.Equal(published.Order(), folders);
        Assert.All(published, f => Assert.True(File.Exists(Path.Combine(Root, "azure", "functions", f, "function.json")), f));
    }

    [Theory]
    [InlineData("ingest", "webhooks/{sourceId}", new[] { "post", "get", "options" })]
    [InlineData("api", "{*path}", new[] { "get", "post", "put", "patch", "delete" })]
    public void FunctionJson_HttpFunction_AnonymousProxiedTrigger(string function, string route, string[] methods)
    {
        var bindings = FunctionJson(function)["bindings"]!.AsArray();

        var trigger = Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
        Assert.Equal("in", trigger["direction"]!.GetValue<string>());
        Assert.Equal("anonymous", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Equal(methods, trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        var output = Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "http")!;
        Assert.Equal("out", output["direction"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dispatch", "topicName")]
    [InlineData("deliver", "queueName")]
    public void FunctionJson_QueueFunction_ServiceBusTriggerNamedMessage(string function, string entityProperty)
    {
        var trigger = Assert.Single(FunctionJson(function)["bindings"]!.AsArray())!;

        Assert.Equal("serviceBusTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("in", trigger["direction"]!.GetValue<string>());
        Assert.Equal(WebhookHub.Functions.CustomHandler.InvocationContext.TriggerBinding, trigger["name"]!.GetValue<string>());
        Assert.Equal("ServiceBusConnection", trigger["connection"]!.GetValue<string>());
        Assert.Matches("^%WebhookHub__ServiceBus__[A-Za-z]+%$", trigger[entityProperty]!.GetValue<string>());
        if (function == "dispatch") Assert.Matches("^%WebhookHub__ServiceBus__[A-Za-z]+%$", trigger["subscriptionName"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionJson_AppSettingsReferenced_ListedInLocalSettingsSample()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var referenced = Directory.GetFiles(Path.Combine(Root, "azure", "functions"), "function.json", SearchOption.AllDirectories)
            .SelectMany(path => Regex.Matches(File.ReadAllText(path), "%([A-Za-z0-9_]+)%").Select(m => m.Groups[1].Value));

        Assert.All(referenced, setting => Assert.True(values.ContainsKey(setting), setting));
        Assert.Contains(values, pair => pair.Key.StartsWith("ServiceBusConnection", StringComparison.Ordinal));
        Assert.Equal("custom", values["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_CustomHandler_StartsPublishedAppWithProxyingAndBundle4()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
        var handler = host["customHandler"]!;
        Assert.True(handler["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("dotnet", handler["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("app/WebhookHub.Functions.dll", handler["description"]!["defaultWorkerPath"]!.GetValue<string>());
        Assert.Equal("app", handler["description"]!["workingDirectory"]!.GetValue<string>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
