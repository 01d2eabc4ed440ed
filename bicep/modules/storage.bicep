// Storage: one StorageV2 account for the Functions host (AzureWebJobsStorage, identity-based), the Flex Consumption
// deployment container, and WebhookHub's tables. Shared key access is off, so every caller authenticates with Microsoft
// Entra (the app's identity holds Storage Blob Data Owner and Storage Table Data Contributor, see roles.bicep).
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts
//   https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts/blobservices/containers
//   https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts/tableservices/tables
//   https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent (allowSharedKeyAccess)

@description('Azure region of the account.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container that Flex Consumption deploys the app package to (functionAppConfig.deployment.storage).')
param deploymentContainerName string

@description('Tables the app uses; created here because the app runs with WebhookHub__Tables__CreateTables=false.')
param tableNames array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

@description('Name of the storage account.')
output storageAccountName string = storage.name

@description('Blob endpoint of the account, with a trailing slash.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Table endpoint without a trailing slash: https://<account>.table.<storage suffix>.')
output tableEndpoint string = 'https://${storage.name}.table.${environment().suffixes.storage}'

@description('Name of the deployment container.')
output deploymentContainerName string = deploymentContainer.name
