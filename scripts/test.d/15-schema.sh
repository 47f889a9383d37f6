#!/usr/bin/env bash
# JSON Schemas (core/schema/) agree with the native validator: valid examples and scenario
# profiles pass both, the expressible bad profiles fail both at the same pointers, every
# report matches the report schema. Builds nothing: uses the CLI that stage 10 built.
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=build/debug/plugins/cli/seclead
[ -x "$cli" ] || { echo "15-schema: $cli is missing (stage 10 builds it)"; exit 1; }
SECLEAD_CLI="$cli" node tests/schema/check-schemas.mjs
