// The function app's settings: the contract between this deployment and the app. Every connection is identity-based (no
// keys or connection strings with secrets); the admin API key is a Key Vault reference resolved by the platform with the
// app's system-assigned identity. main.bicep applies this module after roles.bicep, so those resolve on first start.
// This resource replaces the whole settings collection: settings added by hand in the portal are removed on redeploy.
// tests/WebhookHub.Tests/Deployment/DeploymentConsistencyTests.cs reads `var appSettings` below and checks it against the
// options classes the app binds, local.settings.sample.json, and the function.json bindings; keep one `Name: value` per line.
// References:
//   https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/sites/config-appsettings
//   https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
//   https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus#identity-based-connections
//   https://learn.microsoft.com/azure/azure-functions/configure-monitoring#enable-microsoft-entra-authentication
//   https://learn.microsoft.com/azure/app-service/app-service-key-vault-references

@description('Name of the function app.')
param appName string

@description('Name of the storage account used as the Functions host storage (AzureWebJobsStorage).')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Host name of the Service Bus namespace, <name>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Topic the app publishes events to and the dispatch function reads.')
param eventsTopicName string

@description('Subscription of the events topic that the dispatch function reads.')
param dispatchSubscriptionName string

@description('Queue the app puts delivery attempts on and the deliver function reads.')
param deliveriesQueueName string

@description('Table service endpoint, https://<account>.table.<storage suffix>.')
param tableEndpoint string

@description('URI of the Key Vault that holds the signing secrets.')
param keyVaultUri string

@description('Versionless URI of the admin API key entry in Key Vault.')
param adminApiKeyUri string

@description('How long a signing secret read from Key Vault is used before it is read again (TimeSpan, hh:mm:ss).')
param keyVaultCacheTtl string

@description('How long one delivery attempt may take (TimeSpan, hh:mm:ss).')
param deliveryTimeout string

@description('Deliveries one instance sends at once.')
param deliveryMaxConcurrency int

@description('Whether deliveries go to https URLs only.')
param deliveryRequireHttps bool

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var appSettings = {
  // The Functions host: identity-based host storage, Entra-authenticated telemetry, the Service Bus triggers' connection.
  AzureWebJobsStorage__accountName: storageAccountName
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  // WebhookHub: Table Storage and Service Bus adapters; in Functions the triggers do the work, so no background workers.
  WebhookHub__Storage: 'Tables'
  WebhookHub__Messaging: 'ServiceBus'
  WebhookHub__RunWorkers: 'false'
  WebhookHub__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
  WebhookHub__AdminApiKey: '@Microsoft.KeyVault(SecretUri=${adminApiKeyUri})'
  WebhookHub__Tables__Endpoint: tableEndpoint
  WebhookHub__Tables__CreateTables: 'false'
  WebhookHub__ServiceBus__EventsTopic: eventsTopicName
  WebhookHub__ServiceBus__DispatchSubscription: dispatchSubscriptionName
  WebhookHub__ServiceBus__DeliveriesQueue: deliveriesQueueName
  WebhookHub__KeyVault__VaultUri: keyVaultUri
  WebhookHub__KeyVault__CacheTtl: keyVaultCacheTtl
  WebhookHub__KeyVault__RefreshGracePeriod: '01:00:00'
  WebhookHub__Telemetry__EntraAuthentication: 'true'
  WebhookHub__Delivery__Timeout: deliveryTimeout
  WebhookHub__Delivery__MaxConcurrency: string(deliveryMaxConcurrency)
  WebhookHub__Delivery__RequireHttps: deliveryRequireHttps ? 'true' : 'false'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

@description('The public base URL of the app, https://<default host name>.')
output publicBaseUrl string = appSettings.WebhookHub__PublicBaseUrl
