using System.Reflection;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Azure.Tables;
using WebhookHub.Azure.Telemetry;
using WebhookHub.Delivery;
using WebhookHub.Functions.Hosting;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Tests.Deployment;

/// <summary>
/// The settings the app reads, as environment-variable names (<c>WebhookHub__Tables__Endpoint</c>), derived by reflection from
/// the options classes it binds: a section name plus every public settable property, nested options classes as sub-sections,
/// arrays as indexed entries (<c>WebhookHub__Delivery__AllowedNetworks__0</c>).
/// </summary>
internal static class AppSettingNames
{
    /// <summary>Every options class the app binds, with its section (WebhookHubServices and the Azure adapters).</summary>
    public static readonly (string Section, Type Options)[] AllSections =
    [
        (WebhookHubOptions.SectionName, typeof(WebhookHubOptions)),
        (DeliveryOptions.SectionName, typeof(DeliveryOptions)),
        (SqliteStoreOptions.SectionName, typeof(SqliteStoreOptions)),
        (TableStoreOptions.SectionName, typeof(TableStoreOptions)),
        (ServiceBusOptions.SectionName, typeof(ServiceBusOptions)),
        (KeyVaultOptions.SectionName, typeof(KeyVaultOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
    ];

    /// <summary>The sections of the Azure adapters, all read when the app runs with Tables and Service Bus.</summary>
    public static readonly (string Section, Type Options)[] AzureSections =
    [
        (TableStoreOptions.SectionName, typeof(TableStoreOptions)),
        (ServiceBusOptions.SectionName, typeof(ServiceBusOptions)),
        (KeyVaultOptions.SectionName, typeof(KeyVaultOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
    ];

    /// <summary>Azure-mode settings that hold keys and exist for development only (Azurite, SAS); never in Bicep.</summary>
    public static readonly string[] DevelopmentOnly =
    [
        Env(TableStoreOptions.SectionName, nameof(TableStoreOptions.ConnectionString)),
        Env(ServiceBusOptions.SectionName, nameof(ServiceBusOptions.ConnectionString)),
    ];

    /// <summary>Host-level WebhookHub settings the Azure deployment must set (the rest of WebhookHubOptions keeps its default).</summary>
    public static readonly string[] AzureHosting =
    [
        Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Storage)),
        Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.Messaging)),
        Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.RunWorkers)),
        Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.PublicBaseUrl)),
        Env(WebhookHubOptions.SectionName, nameof(WebhookHubOptions.AdminApiKey)),
        Env(ServiceBusOptions.NamespaceSetting),
        TelemetryOptions.ConnectionStringSetting,
    ];

    /// <summary>
    /// Settings read by the Functions host, not by the app: the worker runtime (local only; Flex Consumption sets it from
    /// functionAppConfig), host storage as a connection string (local, Azurite) or by account name (identity-based, Azure),
    /// and how the host authenticates to Application Insights. See
    /// https://learn.microsoft.com/azure/azure-functions/functions-app-settings.
    /// </summary>
    public static readonly string[] FunctionsHost =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "AzureWebJobsStorage",
        "AzureWebJobsStorage__accountName",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>A configuration key (<c>WebhookHub:Tables</c>, <c>Endpoint</c>) as an environment-variable name.</summary>
    public static string Env(string section, string? property = null) =>
        (property is null ? section : section + ":" + property).Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The settings of one options class; <see cref="Setting.IsArray"/> marks those that take indexed entries.</summary>
    public static IEnumerable<Setting> Of(string section, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true }) continue;
            var name = Env(section, property.Name);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsArray) yield return new Setting(name, IsArray: true);
            else if (IsScalar(type)) yield return new Setting(name, IsArray: false);
            else foreach (var nested in Of(section + ":" + property.Name, type)) yield return nested;
        }
    }

    /// <summary>The settings of several options classes.</summary>
    public static IReadOnlyList<Setting> Of(IEnumerable<(string Section, Type Options)> sections) =>
        [.. sections.SelectMany(s => Of(s.Section, s.Options))];

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);

    /// <summary>One setting: its environment-variable name, and whether it is an array (entries <c>Name__0</c>, <c>Name__1</c>, …).</summary>
    public readonly record struct Setting(string Name, bool IsArray)
    {
        /// <summary>Whether <paramref name="key"/> names this setting: the same name, or an indexed entry of an array.</summary>
        public bool Names(string key) =>
            key == Name
            || (IsArray && key.StartsWith(Name + "__", StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(Name.Length + 2), out var index) && index >= 0);
    }
}
