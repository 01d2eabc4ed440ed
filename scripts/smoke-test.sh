#!/usr/bin/env bash
# Smoke test of a deployed WebhookHub: the app answers, ingest answers an unknown source with the documented problem, and the
# admin API key is the value from Key Vault (not the unresolved Key Vault reference text).
# Usage: scripts/smoke-test.sh <ingest base URL, e.g. https://<app>.azurewebsites.net/api/webhooks/> [<admin key entry URI>]
# Retries for up to WEBHOOKHUB_SMOKE_SECONDS (default 300) while the app starts (cold start, package mount).
# Sends no secret: the only key it presents is one that must be refused.
set -euo pipefail

ingest=${1:?usage: scripts/smoke-test.sh <ingest base URL> [<admin key entry URI>]}
ingest=${ingest%/}
adminKeyUri=${2:-}
site=$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$ingest")
deadline=$((SECONDS + ${WEBHOOKHUB_SMOKE_SECONDS:-300}))

# Prints "<status> <content type>" of a request; status 000 when there is no answer.
probe() {
  curl -sS -o /dev/null --max-time 30 -w '%{http_code} %{content_type}' "$@" 2>/dev/null || true
}

# expect <description> <status> <content-type prefix or -> -- <curl arguments>: retries until it matches or time is up.
expect() {
  local description=$1 status=$2 type=$3
  shift 4
  local answer
  while true; do
    answer=$(probe "$@")
    if [[ ${answer%% *} == "$status" && ( $type == - || ${answer#* } == "$type"* ) ]]; then
      echo "ok    $description ($answer)"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      echo "FAIL  $description: expected $status $type, got $answer" >&2
      return 1
    fi
    sleep 10
  done
}

expect "GET / answers" 200 - -- "$site/"
expect "POST to an unknown source gives 404 problem details" 404 application/problem+json -- \
  -X POST -H 'Content-Type: application/json' --data '{"id":"smoke"}' "$ingest/smoke-test-no-such-source"
expect "the management API refuses a request without a key" 401 application/problem+json -- \
  -X POST -H 'Content-Type: application/json' --data '{}' "$site/api/tenants"
if [[ -n $adminKeyUri ]]; then
  # If the platform could not resolve the Key Vault reference, the setting keeps its literal text, which would then be
  # the admin key. It must be refused like any wrong key.
  expect "the unresolved Key Vault reference text is not the admin key" 401 application/problem+json -- \
    -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer @Microsoft.KeyVault(SecretUri=$adminKeyUri)" \
    --data '{}' "$site/api/tenants"
fi
echo "Smoke test passed: $site"
