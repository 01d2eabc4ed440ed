using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Azure.Tables;
using WebhookHub.Azure.Telemetry;
using WebhookHub.Functions.CustomHandler;
using WebhookHub.Functions.Hosting;
using static WebhookHub.Tests.Deployment.AppSettingNames;

namespace WebhookHub.Tests.Deployment;

/// <summary>
/// What can be checked about the Azure deployment without Azure: the app settings Bicep sets
/// (bicep/modules/functionapp-settings.bicep) and local.settings.sample.json against the options the app binds; the
/// function.json bindings against the Service Bus entities Bicep creates; the role assignments against the adapters in use;
/// the tables. Bicep is read with the regular expressions in <see cref="BicepFile"/>.
/// </summary>
public sealed partial class DeploymentConsistencyTests
{
    private static readonly BicepFile Main = BicepFile.Load("bicep/main.bicep");
    private static readonly BicepFile SettingsModule = BicepFile.Module("functionapp-settings");
    private static readonly BicepFile Roles = BicepFile.Module("roles");

    /// <summary>The app settings Bicep sets: name → Bicep expression.</summary>
    private static IReadOnlyDictionary<string, string> BicepSettings() => BicepFile.Map(SettingsModule.Block("var appSettings = {"));

    private static JsonObject SampleValues() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(BicepFile.Root, "local.settings.sample.json")))!["Values"]!.AsObject();

    private static string Bicep(string setting) =>
        BicepSettings().TryGetValue(setting, out var value) ? value : throw new Xunit.Sdk.XunitException($"Bicep does not set {setting}");

    // ---- (a) every setting the app reads in Azure mode is set -------------------------------------------------------------

    [Fact]
    public void BicepSettings_EverySettingTheAppReadsInAzureMode_IsSet()
    {
        var expected = Of(AzureSections).Select(s => s.Name).Except(DevelopmentOnly)
            .Concat(AzureHosting)
            .Concat(["AzureWebJobsStorage__accountName", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        var missing = expected.Except(BicepSettings().Keys).Order().ToList();

        Assert.True(missing.Count == 0, "Bicep (functionapp-settings.bicep) does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void BicepSettings_NoDevelopmentOnlySettingAndNoKeyMaterial()
    {
        var settings = BicepSettings();

        Assert.DoesNotContain(settings.Keys, DevelopmentOnly.Contains);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.All(settings, s => Assert.DoesNotMatch("(?i)(AccountKey|SharedAccessKey|InstrumentationKey)=", s.Value));
    }

    [Fact]
    public void LocalSettingsSample_EverySettingTheAppReadsInAzureMode_IsListed()
    {
        var expected = Of(AzureSections).Select(s => s.Name)
            .Concat(AzureHosting)
            .Concat(["AzureWebJobsStorage", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "FUNCTIONS_WORKER_RUNTIME"]);

        var missing = expected.Except(SampleValues().Select(v => v.Key)).Order().ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void LocalSettingsSample_ListsEverySettingOfEveryOptionsClass()
    {
        var keys = SampleValues().Select(v => v.Key).ToList();

        var missing = Of(AllSections).Where(s => !keys.Any(s.Names)).Select(s => s.Name).ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void OptionsReflection_FindsNestedAndArraySettings()
    {
        var all = Of(AllSections);

        Assert.Contains(new Setting("WebhookHub__Delivery__CircuitBreaker__FailureRatio", false), all);
        Assert.Contains(new Setting("WebhookHub__Delivery__AllowedNetworks", true), all);
        Assert.Contains(new Setting("WebhookHub__Tables__Endpoint", false), all);
        Assert.Contains(new Setting("WebhookHub__KeyVault__CacheTtl", false), all);
        Assert.DoesNotContain(all, s => s.Name.EndsWith("__SectionName", StringComparison.Ordinal));
        Assert.True(new Setting("WebhookHub__Delivery__AllowedNetworks", true).Names("WebhookHub__Delivery__AllowedNetworks__3"));
        Assert.False(new Setting("WebhookHub__Delivery__Timeout", false).Names("WebhookHub__Delivery__Timeout__0"));
    }

    // ---- (b) nothing set that the app does not read ----------------------------------------------------------------------

    [Fact]
    public void LocalSettingsSample_EveryKey_IsReadByTheAppOrTheHost()
    {
        var unknown = SampleValues().Select(v => v.Key).Where(key => !IsKnown(key)).ToList();

        Assert.True(unknown.Count == 0, "local.settings.sample.json sets what nothing reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public void BicepSettings_EveryKey_IsReadByTheAppOrTheHost()
    {
        var unknown = BicepSettings().Keys.Where(key => !IsKnown(key)).ToList();

        Assert.True(unknown.Count == 0, "Bicep sets what nothing reads: " + string.Join(", ", unknown));
    }

    private static bool IsKnown(string key) =>
        Of(AllSections).Any(s => s.Names(key)) || AzureHosting.Contains(key) || FunctionsHost.Contains(key);

    // ---- the values of the contract -------------------------------------------------------------------------------------

    [Fact]
    public void BicepSettings_SelectTheAzureAdaptersAndLeaveTheWorkToTheTriggers()
    {
        Assert.Equal(StorageKind.Tables, Enum.Parse<StorageKind>(Literal(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Storage)))));
        Assert.Equal(MessagingKind.ServiceBus, Enum.Parse<MessagingKind>(Literal(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Messaging)))));
        Assert.False(bool.Parse(Literal(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.RunWorkers)))));
        Assert.False(bool.Parse(Literal(Env(TableStoreOptions.SectionName, nameof(TableStoreOptions.CreateTables)))));
        Assert.True(bool.Parse(Literal(Env(TelemetryOptions.SectionName, nameof(TelemetryOptions.EntraAuthentication)))));
        Assert.Equal("Authorization=AAD", Literal("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.StartsWith("'@Microsoft.KeyVault(SecretUri=${", Bicep(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.AdminApiKey))), StringComparison.Ordinal);
        Assert.StartsWith("'https://${", Bicep(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.PublicBaseUrl))), StringComparison.Ordinal);
    }

    private static string Literal(string setting) =>
        BicepFile.Literal(Bicep(setting)) ?? throw new Xunit.Sdk.XunitException($"{setting} is not a plain string in Bicep: {Bicep(setting)}");

    [Fact]
    public void FunctionApp_RuntimeVersion_IsTheAppsTargetFramework()
    {
        var site = BicepFile.Module("functionapp").Block("resource site 'Microsoft.Web/sites@2024-04-01' = {");
        var runtime = Regex.Match(site, @"runtime: \{\n\s+name: '([^']+)'\n\s+version: '([^']+)'\n");
        var framework = typeof(WebhookHubOptions).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        Assert.True(runtime.Success, "functionapp.bicep: no functionAppConfig.runtime with name and version");
        Assert.Equal("dotnet-isolated", runtime.Groups[1].Value);
        Assert.Equal(framework, ".NETCoreApp,Version=v" + runtime.Groups[2].Value);
    }

    // ---- (c) bindings name entities that Bicep creates ------------------------------------------------------------------

    [Fact]
    public void FunctionFolders_TriggerTypes_MatchWhatTheAppHandles()
    {
        foreach (var folder in FunctionFolders())
        {
            var trigger = Trigger(folder);
            var type = trigger["type"]!.GetValue<string>();
            if (folder == DispatchFunction.Name || folder == DeliverFunction.Name)
            {
                Assert.Equal("serviceBusTrigger", type);
                Assert.Equal("ServiceBusConnection", trigger["connection"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal("httpTrigger", type);
            }
        }
    }

    [Fact]
    public void FunctionFolders_ServiceBusBindings_ReadTheSettingsTheAppSendsWith()
    {
        Assert.Equal(
            $"%{Env(ServiceBusOptions.SectionName, nameof(ServiceBusOptions.EventsTopic))}%",
            Trigger(DispatchFunction.Name)["topicName"]!.GetValue<string>());
        Assert.Equal(
            $"%{Env(ServiceBusOptions.SectionName, nameof(ServiceBusOptions.DispatchSubscription))}%",
            Trigger(DispatchFunction.Name)["subscriptionName"]!.GetValue<string>());
        Assert.Equal(
            $"%{Env(ServiceBusOptions.SectionName, nameof(ServiceBusOptions.DeliveriesQueue))}%",
            Trigger(DeliverFunction.Name)["queueName"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionFolders_EveryReferencedSetting_ResolvesToAnEntityBicepCreates()
    {
        var topicOf = new Dictionary<string, string>();
        foreach (var folder in FunctionFolders())
        {
            foreach (var (property, value) in Trigger(folder))
            {
                var reference = SettingReference().Match(value!.ToString());
                if (!reference.Success) continue;
                var (symbol, type, module) = CreatedEntity(reference.Groups[1].Value);
                Assert.Equal(EntityTypes[property], type);
                if (property == "topicName") topicOf[folder] = symbol;
                if (property == "subscriptionName")
                {
                    var parent = BicepFile.Map(module.Resource(symbol))["parent"];
                    Assert.Equal(topicOf[folder], parent);
                }
            }
        }

        Assert.NotEmpty(topicOf);
    }

    [Fact]
    public void FunctionFolders_ConnectionSetting_IsIdentityBasedInBicep()
    {
        foreach (var connection in FunctionFolders().Select(f => Trigger(f)["connection"]?.GetValue<string>()).OfType<string>().Distinct())
        {
            Assert.Contains(connection + "__fullyQualifiedNamespace", BicepSettings().Keys);
            Assert.DoesNotContain(connection, BicepSettings().Keys);
        }

        Assert.Equal("ServiceBusConnection__fullyQualifiedNamespace", Env(ServiceBusOptions.NamespaceSetting));
    }

    /// <summary>What each binding property must name, as the Bicep resource type of the entity.</summary>
    private static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["topicName"] = "Microsoft.ServiceBus/namespaces/topics",
        ["subscriptionName"] = "Microsoft.ServiceBus/namespaces/topics/subscriptions",
        ["queueName"] = "Microsoft.ServiceBus/namespaces/queues",
    };

    /// <summary>
    /// Follows a setting to the resource that creates its value: the Bicep expression of the setting is a parameter of
    /// functionapp-settings.bicep; main.bicep passes it <c>&lt;module&gt;.outputs.&lt;output&gt;</c>; that module's output is
    /// <c>&lt;resource&gt;.name</c>. Returns the resource symbol, its type and the module file.
    /// </summary>
    private static (string Symbol, string Type, BicepFile Module) CreatedEntity(string setting)
    {
        var parameter = Bicep(setting);
        Assert.Matches(@"^\w+$", parameter);
        var passed = Main.ModuleParams("functionapp-settings")[parameter];
        var output = ModuleOutput().Match(passed);
        Assert.True(output.Success, $"main.bicep passes {parameter} = {passed}, not a module output");
        var module = BicepFile.Module(Main.Modules[output.Groups[1].Value]);
        var name = ResourceName().Match(module.Outputs[output.Groups[2].Value]);
        Assert.True(name.Success, $"{module.Path}: output {output.Groups[2].Value} is not <resource>.name");
        var symbol = name.Groups[1].Value;
        return (symbol, module.ResourceTypes[symbol], module);
    }

    private static IEnumerable<string> FunctionFolders() =>
        Directory.GetDirectories(Path.Combine(BicepFile.Root, "azure", "functions")).Select(d => Path.GetFileName(d)!).Order();

    private static JsonObject Trigger(string function)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepFile.Root, "azure", "functions", function, "function.json")))!;
        return Assert.Single(json["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();
    }

    [GeneratedRegex("^%([A-Za-z0-9_]+)%$")]
    private static partial Regex SettingReference();

    [GeneratedRegex(@"^(\w+)\.outputs\.(\w+)$")]
    private static partial Regex ModuleOutput();

    [GeneratedRegex(@"^(\w+)\.name$")]
    private static partial Regex ResourceName();

    // ---- (d) role assignments cover every adapter in use ----------------------------------------------------------------

    // Built-in role definition IDs, https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The roles the settings in Bicep call for: (role definition ID, type of the resource it must be granted on).</summary>
    private static IEnumerable<(string Role, string Scope)> RolesNeeded()
    {
        var settings = BicepSettings();
        if (settings.ContainsKey("AzureWebJobsStorage__accountName"))
            yield return (StorageBlobDataOwner, "Microsoft.Storage/storageAccounts");
        if (Literal(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Storage))) == nameof(StorageKind.Tables))
            yield return (StorageTableDataContributor, "Microsoft.Storage/storageAccounts");
        if (Literal(Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Messaging))) == nameof(MessagingKind.ServiceBus))
        {
            yield return (ServiceBusDataSender, "Microsoft.ServiceBus/namespaces");
            yield return (ServiceBusDataReceiver, "Microsoft.ServiceBus/namespaces");
        }

        if (settings.ContainsKey(Env(KeyVaultOptions.SectionName, nameof(KeyVaultOptions.VaultUri))))
            yield return (KeyVaultSecretsOfficer, "Microsoft.KeyVault/vaults");
        if (Literal("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") == "Authorization=AAD")
            yield return (MonitoringMetricsPublisher, "Microsoft.Insights/components");
    }

    /// <summary>Every role assignment in roles.bicep: (role definition ID, type of the resource it is scoped to).</summary>
    private static List<(string Role, string Scope)> RolesAssigned()
    {
        var guids = RoleGuidVariable().Matches(Roles.Text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var types = Roles.ResourceTypes;
        var assigned = new List<(string, string)>();
        foreach (var (symbol, type) in types.Where(t => t.Value == "Microsoft.Authorization/roleAssignments"))
        {
            var body = Roles.Resource(symbol);
            var properties = BicepFile.Map(body);
            Assert.Equal("principalId", properties["principalId"]);
            Assert.Equal("ServicePrincipal", BicepFile.Literal(properties["principalType"]));
            var role = RoleDefinitionReference().Match(properties["roleDefinitionId"]);
            Assert.True(role.Success, $"roles.bicep: {symbol} does not name its role by a GUID variable");
            assigned.Add((guids[role.Groups[1].Value], types[properties["scope"]]));
        }

        return assigned;
    }

    [Fact]
    public void RoleAssignments_CoverEveryAdapterInUse()
    {
        var missing = RolesNeeded().Except(RolesAssigned()).ToList();

        Assert.True(missing.Count == 0, "roles.bicep lacks: " + string.Join(", ", missing));
        Assert.Equal(6, RolesNeeded().Count());
    }

    [Fact]
    public void RoleAssignments_NothingBeyondWhatTheAdaptersNeed_OnlyForTheAppIdentity()
    {
        Assert.Empty(RolesAssigned().Except(RolesNeeded()));
        Assert.Equal(RolesAssigned().Count, RolesAssigned().Distinct().Count());
        Assert.Equal("functionApp.outputs.principalId", Main.ModuleParams("roles")["principalId"]);
        Assert.Equal("functionapp", Main.Modules["functionApp"]);
        Assert.Matches(
            @"\n  identity: \{\n    type: 'SystemAssigned'\n  \}\n",
            BicepFile.Module("functionapp").Block("resource site 'Microsoft.Web/sites@2024-04-01' = {"));
    }

    [Fact]
    public void AppSettings_AreAppliedAfterTheRoles()
    {
        var settings = Main.Block("module settings './modules/functionapp-settings.bicep' = {");

        Assert.Matches(@"dependsOn: \[\s+roles\s+\]", settings);
    }

    // var keyVaultSecretsOfficer = 'b86a8fe4-…'
    [GeneratedRegex(@"^var (\w+) = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'$", RegexOptions.Multiline)]
    private static partial Regex RoleGuidVariable();

    // subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    [GeneratedRegex(@"^subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (\w+)\)$")]
    private static partial Regex RoleDefinitionReference();

    // ---- (e) every table the app uses is created ------------------------------------------------------------------------

    [Fact]
    public void Tables_EveryTableTheAppUses_IsCreatedByBicep()
    {
        var declared = BicepFile.StringItems(Main.Block("var tableNames = ["));
        var storage = BicepFile.Module("storage");

        Assert.Empty(TableNames.All.Except(declared));
        Assert.Equal("tableNames", Main.ModuleParams("storage")["tableNames"]);
        Assert.Matches(
            @"(?m)^resource \w+ 'Microsoft\.Storage/storageAccounts/tableServices/tables@[^']+' = \[for (\w+) in tableNames: \{\n  parent: \w+\n  name: \1\n",
            storage.Text);
    }
}
