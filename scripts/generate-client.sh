#!/usr/bin/env bash
# Generates a C# client for the Clinic API with NSwag from its OpenAPI document:
#   scripts/generate-client.sh [DOCUMENT] [OUTPUT]
# DOCUMENT is a URL or file (default http://localhost:5080/swagger/v1/swagger.json, the API of scripts/run.sh);
# OUTPUT defaults to ClinicApiClient.cs. The settings are the ones the generated-client tests use
# (tests/Clinic.Client.Tests): one ClinicApiClient class whose methods are named after the operationIds,
# optional parameters last, Newtonsoft.Json, the base address taken from the HttpClient you pass in.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
DOCUMENT="${1:-http://localhost:5080/swagger/v1/swagger.json}"
OUTPUT="$(realpath -m "${2:-ClinicApiClient.cs}")"
if [[ -f "$DOCUMENT" ]]; then
  DOCUMENT="$(realpath "$DOCUMENT")"
fi

cd "$REPO_ROOT"
dotnet tool restore >/dev/null
dotnet nswag openapi2csclient \
  "/input:$DOCUMENT" \
  "/output:$OUTPUT" \
  /namespace:Clinic.Client \
  /className:ClinicApiClient \
  /operationGenerationMode:SingleClientFromOperationId \
  /generateOptionalParameters:true \
  /generateClientInterfaces:false \
  /generateNullableReferenceTypes:true \
  /useBaseUrl:false
