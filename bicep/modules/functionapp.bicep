// Function app: a Flex Consumption (FC1, Linux) plan and the site, with a system-assigned identity, HTTPS only.
// The app settings are a separate module (functionapp-settings.bicep) so that they are applied after roles.bicep has
// granted the identity its roles: the Key Vault reference and the identity-based connections then resolve on first start.
//
// Runtime: WebhookHub runs as a custom handler (host.json "customHandler" starts `dotnet app/WebhookHub.Functions.dll`),
// yet functionAppConfig.runtime is dotnet-isolated 10.0, not "custom". Flex Consumption runs only the language stacks it
// lists (dotnet-isolated, java, node, powershell, python; `az functionapp list-flexconsumption-runtimes`), and the stack
// decides which runtime the instance image carries. The app is a framework-dependent .NET 10 build, so it needs the image
// that has the .NET 10 runtime and `dotnet` on the PATH: dotnet-isolated 10.0. The Functions host still runs it as a custom
// handler because host.json has a customHandler section; Microsoft's own .NET custom-handler sample on Flex Consumption
// (github.com/Azure-Samples/mcp-sdk-functions-hosting-dotnet, infra/main.bicep) pairs the same host.json shape with
// runtime dotnet-isolated, as its Java and Python siblings pair theirs with java and python.
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings on Flex Consumption: the platform derives
// them from functionAppConfig (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
//
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/serverfarms
//   https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/sites (functionAppConfig)
//   https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to
//   https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers

@description('Azure region of the plan and the app (a region that offers Flex Consumption).')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (its default host name starts with it).')
param appName string

@description('Name of the storage account that holds the deployment container.')
param storageAccountName string

@description('Blob container Flex Consumption deploys the package to.')
param deploymentContainerName string

@description('Largest number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Instances kept warm for the HTTP functions (ingest and the API), to avoid cold starts; 0 = scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

// "http" is the group of all HTTP-triggered functions in per-function scaling.
var alwaysReadyHttp = [
  {
    name: 'http'
    instanceCount: alwaysReadyHttpInstances
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0 ? alwaysReadyHttp : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

@description('Name of the function app.')
output appName string = site.name

@description('Default host name of the function app, without a scheme.')
output defaultHostName string = site.properties.defaultHostName

@description('Object ID of the app\'s system-assigned identity (the principal every role is granted to).')
output principalId string = site.identity.principalId
