#!/usr/bin/env bash
# OSCAL export: every scenario fixture and example (with and without each example overlay),
# rendered by the native CLI of stage 10, validates against NIST's official OSCAL 1.2.1
# component-definition JSON schema read from ../shared/oscal/ (never copied into the project).
# Without that folder the check prints SKIPPED and passes nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SECLEAD_ROOT="${SECLEAD_ROOT:-$PWD}"
node tests/oscal/validate-oscal.mjs
