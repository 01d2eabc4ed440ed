#!/usr/bin/env bash
# Assembles the Azure Functions (custom handler) deployment and zips it, keeping file modes:
#   <out>/host.json                 the repository root's host.json (customHandler: dotnet app/WebhookHub.Functions.dll)
#   <out>/<function>/function.json  one folder per function, from azure/functions/
#   <out>/app/                      dotnet publish -c Release of functions/WebhookHub.Functions
# Usage: scripts/publish-functions.sh [out-dir (default artifacts/functions)] [zip (default <out-dir>.zip)]
# Deploy the zip with: az functionapp deployment source config-zip -g <group> -n <app> --src <zip>
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/artifacts/functions}
zip=${2:-$out.zip}

# The functions copied beside host.json; tests/WebhookHub.Tests/CustomHandler/FunctionLayoutTests.cs checks this list.
FUNCTIONS=(ingest api dispatch deliver)

rm -rf "$out" "$zip"
mkdir -p "$out"
dotnet publish "$root/functions/WebhookHub.Functions/WebhookHub.Functions.csproj" -c Release -o "$out/app" --nologo
cp "$root/host.json" "$out/host.json"
for function in "${FUNCTIONS[@]}"; do
  mkdir -p "$out/$function"
  cp "$root/azure/functions/$function/function.json" "$out/$function/function.json"
done

# Zip with each entry's Unix mode in external_attr, so executables stay executable after deployment.
python3 - "$out" "$zip" <<'PY'
import os, stat, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for directory, _, files in sorted(os.walk(source)):
        for name in sorted(files):
            path = os.path.join(directory, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, source))
            info.external_attr = (stat.S_IMODE(os.stat(path).st_mode) | stat.S_IFREG) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as content:
                archive.writestr(info, content.read())
PY
echo "Published $out and $zip"
