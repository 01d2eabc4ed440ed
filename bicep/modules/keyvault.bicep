// Key Vault: holds the tenants' signing secrets (written and read by the app at run time) and the admin API key, which the
// function app reads through a Key Vault reference app setting. Authorisation is Azure RBAC only (no access policies);
// soft delete and purge protection keep a deleted secret or vault recoverable (both cannot be switched off again).
//
// The admin API key secret is written only when adminApiKey is given: scripts/deploy.sh generates one on the first
// deployment and passes nothing afterwards, so later deployments keep the key (give a new value to rotate it).
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults
//   https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults/secrets
//   https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview

@description('Azure region of the vault.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the vault (3-24 letters, digits and hyphens, starting with a letter).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Days a deleted vault or secret can be recovered (7-90; fixed once the vault exists).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the secret that holds the admin API key.')
param adminApiKeyName string

@description('The admin API key to store; empty keeps the secret as it is (no write).')
@secure()
param adminApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource adminApiKeyEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(adminApiKey)) {
  parent: vault
  name: adminApiKeyName
  properties: {
    value: adminApiKey
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output vaultName string = vault.name

@description('URI of the vault, with a trailing slash (WebhookHub__KeyVault__VaultUri).')
output vaultUri string = vault.properties.vaultUri

@description('Versionless URI of the admin API key entry, for the Key Vault reference (not the value).')
output adminApiKeyUri string = '${vault.properties.vaultUri}secrets/${adminApiKeyName}/'
