// WebhookHub on Azure: the whole deployment into one resource group.
//   az deployment group create -g <resource group> -f bicep/main.bicep -p bicep/main.prod.bicepparam
// (scripts/deploy.sh runs this, then publishes and deploys the app package and smoke-tests it; see README "Deploying to Azure".)
//
// Modules, one per resource area (bicep/README.md describes each):
//   monitoring            Log Analytics workspace, Application Insights (local auth off)
//   storage               storage account: Functions host storage, deployment container, the app's tables
//   servicebus            namespace, events topic + dispatch subscription, deliveries queue
//   keyvault              vault (RBAC, soft delete, purge protection) and the admin API key entry
//   functionapp           Flex Consumption plan + site (system-assigned identity, custom handler on dotnet-isolated 10.0)
//   roles                 the app identity's role assignments
//   functionapp-settings  the app settings (after roles, so identity-based connections and the Key Vault reference resolve)
//   alerts                action group, dead-letter / failure-rate / signature-rejection / ingest-latency alerts
//   workbook              per-tenant workbook
// Names derive from `name`, `environmentName` and a hash of the resource group, so two environments never collide and
// a redeployment finds the same resources. Modules get resource names from `names` (known before the deployment runs),
// never from another module's outputs, so that what-if can show every resource (linter rule what-if-short-circuiting);
// where that drops an implicit dependency, dependsOn states it.

targetScope = 'resourceGroup'

@description('Short lower-case prefix of every resource name (letters and digits only).')
@minLength(3)
@maxLength(11)
param name string = 'webhookhub'

@description('Environment this deployment is for; part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Azure region for every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Extra tags for every resource.')
param tags object = {}

@description('Admin API key to store in Key Vault (key for POST /api/tenants). Empty keeps the stored key; scripts/deploy.sh generates one on the first deployment.')
@secure()
param adminApiKey string = ''

@description('E-mail address the alerts go to; empty creates the action group without a receiver.')
param alertEmail string = ''

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Service Bus tier: Standard (shared) or Premium (dedicated messaging units).')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Messaging units when serviceBusSku is Premium.')
@allowed([
  1
  2
  4
  8
  16
])
param serviceBusPremiumMessagingUnits int = 1

@description('Invocations of one message that may fail before Service Bus dead-letters it.')
@minValue(1)
@maxValue(100)
param serviceBusMaxDeliveryCount int = 10

@description('Service Bus peek-lock duration (ISO 8601, at most PT5M).')
param serviceBusLockDuration string = 'PT1M'

@description('Service Bus message time to live (ISO 8601); longer than the longest retry delay (7 days).')
param serviceBusMessageTimeToLive string = 'P14D'

@description('Service Bus duplicate detection window (ISO 8601).')
param serviceBusDuplicateDetectionWindow string = 'PT10M'

@description('Largest number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP functions (ingest, API); 0 scales to zero and accepts cold starts.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days a deleted Key Vault or secret stays recoverable (fixed once the vault exists).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('How long the app caches a signing secret read from Key Vault (TimeSpan hh:mm:ss).')
param keyVaultCacheTtl string = '00:05:00'

@description('How long one delivery attempt may take (TimeSpan hh:mm:ss).')
param deliveryTimeout string = '00:00:15'

@description('Deliveries one instance sends at once.')
@minValue(1)
@maxValue(1024)
param deliveryMaxConcurrency int = 64

@description('Deliver to https URLs only (recommended outside development).')
param deliveryRequireHttps bool = true

@description('Request name of the ingest endpoint in Application Insights (method and route template).')
param ingestRequestName string = 'POST /api/webhooks/{sourceId}'

@description('Alert: failure percentage of a tenant\'s delivery attempts within 15 minutes.')
@minValue(1)
@maxValue(100)
param deliveryFailureRatePercent int = 20

@description('Alert: attempts a tenant needs within 15 minutes before its failure rate is judged.')
@minValue(1)
param deliveryFailureMinAttempts int = 20

@description('Alert: signature rejections of one tenant within 15 minutes.')
@minValue(1)
param signatureRejectionThreshold int = 50

@description('Alert: p95 ingest duration over 15 minutes, in milliseconds.')
@minValue(50)
param ingestLatencyP95Milliseconds int = 1000

@description('Alert: ingest requests needed within 15 minutes before the p95 is judged.')
@minValue(1)
param ingestLatencyMinRequests int = 20

var token = uniqueString(resourceGroup().id, name, environmentName)
var prefix = '${toLower(name)}-${environmentName}'

var names = {
  workspace: 'log-${prefix}-${token}'
  applicationInsights: 'appi-${prefix}-${token}'
  storageAccount: take('st${toLower(name)}${environmentName}${token}', 24)
  serviceBus: 'sb-${prefix}-${token}'
  keyVault: 'kv-${take(toLower(name), 8)}-${environmentName}-${take(token, 6)}'
  plan: 'plan-${prefix}-${token}'
  // At most 32 characters: the Functions host derives its host ID from the first 32 characters of the app name.
  functionApp: 'func-${prefix}-${take(token, 8)}'
  actionGroup: 'ag-${prefix}-${token}'
  actionGroupShort: take('whub${environmentName}', 12)
  alertPrefix: prefix
  workbook: guid(resourceGroup().id, name, environmentName, 'workbook')
}

// The app's contract (fixed names, not per deployment): the tables it reads and writes (WebhookHub.Azure.Tables), the
// Service Bus entities (the defaults of ServiceBusOptions), the Flex deployment container and the admin key's entry name.
var tableNames = [
  'tenants'
  'events'
  'deliveries'
  'replayjobs'
]
var eventsTopicName = 'events'
var dispatchSubscriptionName = 'dispatch'
var deliveriesQueueName = 'deliveries'
var deploymentContainerName = 'app-package'
var adminApiKeyName = 'webhookhub-admin-api-key'

var baseTags = {
  application: 'webhookhub'
  environment: environmentName
}
var allTags = union(baseTags, tags)

module monitoring './modules/monitoring.bicep' = {
  name: 'webhookhub-monitoring'
  params: {
    location: location
    tags: allTags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    retentionInDays: logRetentionInDays
  }
}

module storage './modules/storage.bicep' = {
  name: 'webhookhub-storage'
  params: {
    location: location
    tags: allTags
    storageAccountName: names.storageAccount
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    tableNames: tableNames
  }
}

module serviceBus './modules/servicebus.bicep' = {
  name: 'webhookhub-servicebus'
  params: {
    location: location
    tags: allTags
    namespaceName: names.serviceBus
    sku: serviceBusSku
    premiumMessagingUnits: serviceBusPremiumMessagingUnits
    eventsTopicName: eventsTopicName
    dispatchSubscriptionName: dispatchSubscriptionName
    deliveriesQueueName: deliveriesQueueName
    maxDeliveryCount: serviceBusMaxDeliveryCount
    lockDuration: serviceBusLockDuration
    messageTimeToLive: serviceBusMessageTimeToLive
    duplicateDetectionWindow: serviceBusDuplicateDetectionWindow
  }
}

module keyVault './modules/keyvault.bicep' = {
  name: 'webhookhub-keyvault'
  params: {
    location: location
    tags: allTags
    vaultName: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    adminApiKeyName: adminApiKeyName
    adminApiKey: adminApiKey
  }
}

module functionApp './modules/functionapp.bicep' = {
  name: 'webhookhub-functionapp'
  params: {
    location: location
    tags: allTags
    planName: names.plan
    appName: names.functionApp
    storageAccountName: names.storageAccount
    deploymentContainerName: storage.outputs.deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
  }
}

module roles './modules/roles.bicep' = {
  name: 'webhookhub-roles'
  dependsOn: [
    storage
    serviceBus
    keyVault
    monitoring
  ]
  params: {
    appName: names.functionApp
    principalId: functionApp.outputs.principalId
    storageAccountName: names.storageAccount
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
}

module settings './modules/functionapp-settings.bicep' = {
  name: 'webhookhub-functionapp-settings'
  dependsOn: [
    roles
  ]
  params: {
    appName: names.functionApp
    storageAccountName: storage.outputs.storageAccountName
    applicationInsightsName: names.applicationInsights
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    eventsTopicName: serviceBus.outputs.eventsTopicName
    dispatchSubscriptionName: serviceBus.outputs.dispatchSubscriptionName
    deliveriesQueueName: serviceBus.outputs.deliveriesQueueName
    tableEndpoint: storage.outputs.tableEndpoint
    keyVaultUri: keyVault.outputs.vaultUri
    adminApiKeyUri: keyVault.outputs.adminApiKeyUri
    keyVaultCacheTtl: keyVaultCacheTtl
    deliveryTimeout: deliveryTimeout
    deliveryMaxConcurrency: deliveryMaxConcurrency
    deliveryRequireHttps: deliveryRequireHttps
  }
}

module alerts './modules/alerts.bicep' = {
  name: 'webhookhub-alerts'
  params: {
    location: location
    tags: allTags
    namePrefix: names.alertPrefix
    actionGroupName: names.actionGroup
    actionGroupShortName: names.actionGroupShort
    alertEmail: alertEmail
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    ingestRequestName: ingestRequestName
    deliveryFailureRatePercent: deliveryFailureRatePercent
    deliveryFailureMinAttempts: deliveryFailureMinAttempts
    signatureRejectionThreshold: signatureRejectionThreshold
    ingestLatencyP95Milliseconds: ingestLatencyP95Milliseconds
    ingestLatencyMinRequests: ingestLatencyMinRequests
  }
}

module workbook './modules/workbook.bicep' = {
  name: 'webhookhub-workbook'
  params: {
    location: location
    tags: allTags
    workbookName: names.workbook
    displayName: 'WebhookHub (${environmentName})'
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    ingestRequestName: ingestRequestName
  }
}

@description('Base URL providers post to: append a source ID.')
output ingestBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api/webhooks/'

@description('Base URL of the management API.')
output apiBaseUrl string = '${settings.outputs.publicBaseUrl}/api/'

@description('Name of the function app (deploy the package to it).')
output functionAppName string = functionApp.outputs.appName

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.storageAccountName

@description('Name of the Service Bus namespace.')
output serviceBusNamespaceName string = serviceBus.outputs.namespaceName

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.outputs.vaultName

@description('Name of the Key Vault entry that holds the admin API key (the name, not the value).')
output adminApiKeyName string = adminApiKeyName

@description('Versionless URI of the admin API key entry (what the app setting references; not the value).')
output adminApiKeyUri string = keyVault.outputs.adminApiKeyUri

@description('Name of the Application Insights component.')
output applicationInsightsName string = monitoring.outputs.applicationInsightsName

@description('Name of the Log Analytics workspace.')
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName

@description('Name of the action group the alerts notify.')
output actionGroupName string = alerts.outputs.actionGroupName

@description('Names of the alert rules.')
output alertRuleNames array = alerts.outputs.alertRuleNames

@description('Resource ID of the on-call workbook.')
output workbookId string = workbook.outputs.workbookId
