// Development: smallest footprint, scale to zero, lenient alerts. Deploy with scripts/deploy.sh <resource group> dev.
// No secrets here: the admin API key comes from the environment (scripts/deploy.sh generates one on the first deployment);
// the alert address too, so this file stays the same for everyone.
using './main.bicep'

param environmentName = 'dev'
param adminApiKey = readEnvironmentVariable('WEBHOOKHUB_ADMIN_API_KEY', '')
param alertEmail = readEnvironmentVariable('WEBHOOKHUB_ALERT_EMAIL', '')

param storageSku = 'Standard_LRS'
param serviceBusSku = 'Standard'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param logRetentionInDays = 30
param keyVaultSoftDeleteRetentionInDays = 7

// A development environment may deliver to plain-http test receivers.
param deliveryRequireHttps = false

param deliveryFailureRatePercent = 50
param signatureRejectionThreshold = 200
param ingestLatencyP95Milliseconds = 3000
