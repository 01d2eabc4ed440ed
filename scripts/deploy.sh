#!/usr/bin/env bash
# Deploys WebhookHub to Azure: the infrastructure (bicep/main.bicep with bicep/main.<environment>.bicepparam), then the app
# package (scripts/publish-functions.sh, deployed to the Flex Consumption app), then scripts/smoke-test.sh.
# Usage: scripts/deploy.sh <resource group> <dev|test|prod> [--what-if]
#   --what-if   show what the infrastructure deployment would change, then stop.
# Needs: az, logged in (az login, or azure/login in CI) with Owner or Contributor + Role Based Access Control Administrator
#        on the resource group (the deployment assigns roles); az bicep; the .NET 10 SDK; python3; curl; openssl.
# Environment:
#   WEBHOOKHUB_ADMIN_API_KEY  a new admin API key to store (rotation). Unset: the stored key is kept; on the first deployment
#                             one is generated. Either way it is stored only in Key Vault and never printed.
#   WEBHOOKHUB_ALERT_EMAIL    e-mail address for the alerts (read by the parameter file).
#   WEBHOOKHUB_PACKAGE        a zip already built by scripts/publish-functions.sh (CI's artifact); unset: build one now.
set -euo pipefail

usage="usage: scripts/deploy.sh <resource group> <dev|test|prod> [--what-if]"
root=$(cd "$(dirname "$0")/.." && pwd)
group=${1:?$usage}
environment=${2:?$usage}
mode=${3:-}
params="$root/bicep/main.$environment.bicepparam"
[[ -f $params ]] || { echo "no parameter file bicep/main.$environment.bicepparam" >&2; exit 2; }
deployment="webhookhub-$environment"

# An output of the last deployment of this environment (empty when there is none).
output() {
  az deployment group show -g "$group" -n "$deployment" --query "properties.outputs.$1.value" -o tsv 2>/dev/null || true
}

if [[ $mode == --what-if ]]; then
  az deployment group what-if -g "$group" -n "$deployment" -f "$root/bicep/main.bicep" -p "$params"
  exit 0
fi

# The admin API key: without a new one, keep what Key Vault holds; if Key Vault holds none yet, generate one. The check reads
# the entry's metadata through Azure Resource Manager (no access to its value needed).
if [[ -z ${WEBHOOKHUB_ADMIN_API_KEY:-} ]]; then
  vault=$(output keyVaultName)
  entry=$(output adminApiKeyName)
  vaultId=$([[ -n $vault ]] && az keyvault show -g "$group" -n "$vault" --query id -o tsv 2>/dev/null || true)
  if [[ -z $vaultId || -z $entry ]] || ! az resource show --ids "$vaultId/secrets/$entry" -o none 2>/dev/null; then
    WEBHOOKHUB_ADMIN_API_KEY=$(openssl rand -hex 32)
    export WEBHOOKHUB_ADMIN_API_KEY
    if [[ -n ${GITHUB_ACTIONS:-} ]]; then echo "::add-mask::$WEBHOOKHUB_ADMIN_API_KEY"; fi
    echo "No admin API key stored yet: generated one; it is kept only in Key Vault (see README, 'Deploying to Azure')."
  fi
fi

echo "Deploying infrastructure ($deployment) to resource group $group ..."
az deployment group create -g "$group" -n "$deployment" -f "$root/bicep/main.bicep" -p "$params" -o none
unset WEBHOOKHUB_ADMIN_API_KEY

app=$(output functionAppName)
package=${WEBHOOKHUB_PACKAGE:-}
if [[ -z $package ]]; then
  package="$root/artifacts/webhookhub-functions.zip"
  "$root/scripts/publish-functions.sh" "$root/artifacts/functions" "$package"
fi

# Flex Consumption takes packages through its one-deploy endpoint, which this command uses for Flex apps; the zip keeps
# file modes (scripts/publish-functions.sh). https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies
echo "Deploying $package to $app ..."
az functionapp deployment source config-zip -g "$group" -n "$app" --src "$package" -o none

"$root/scripts/smoke-test.sh" "$(output ingestBaseUrl)" "$(output adminApiKeyUri)"
echo "Ingest base URL: $(output ingestBaseUrl)"
