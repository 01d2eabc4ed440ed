// Production: zone-redundant storage, Premium Service Bus, one warm instance for the HTTP functions, stricter alerts.
// Deploy with scripts/deploy.sh <resource group> prod (or the deploy workflow). No secrets here: the admin API key comes
// from the environment (scripts/deploy.sh generates one on the first deployment and keeps it afterwards).
using './main.bicep'

param environmentName = 'prod'
param adminApiKey = readEnvironmentVariable('WEBHOOKHUB_ADMIN_API_KEY', '')
param alertEmail = readEnvironmentVariable('WEBHOOKHUB_ALERT_EMAIL', '')

param storageSku = 'Standard_ZRS'
// Premium gives dedicated capacity and steady latency; 'Standard' also works and costs far less at low volume.
param serviceBusSku = 'Premium'
param serviceBusPremiumMessagingUnits = 1
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 1
param logRetentionInDays = 90
param keyVaultSoftDeleteRetentionInDays = 90

param deliveryRequireHttps = true

param deliveryFailureRatePercent = 20
param signatureRejectionThreshold = 50
param ingestLatencyP95Milliseconds = 1000
