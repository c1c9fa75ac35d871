#!/usr/bin/env bash
# The command the GitHub Action (action.yml) runs, kept here so test/action.test.ts runs exactly the same:
# mcp-doctor in author mode on MCP_DOCTOR_PATHS, annotations and the text report on stdout, the SARIF file
# written (MCP_DOCTOR_SARIF, empty for none), and the markdown summary appended to $GITHUB_STEP_SUMMARY.
# Inputs arrive as environment variables, never spliced into the script, so no input can inject shell code.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Paths are separated by spaces or newlines; no glob expansion (a path is taken as written).
set -f
# shellcheck disable=SC2206
paths=(${MCP_DOCTOR_PATHS:-.})
set +f
[ "${#paths[@]}" -gt 0 ] || paths=(.)

args=()
# Author mode is static unless --probe: a pull request's commands run only when the workflow asks.
if [ "${MCP_DOCTOR_PROBE:-false}" = "true" ]; then args+=(--probe); else args+=(--no-probe); fi
[ -z "${MCP_DOCTOR_FAIL_ON:-}" ] || args+=(--fail-on "$MCP_DOCTOR_FAIL_ON")
[ -z "${MCP_DOCTOR_SARIF:-}" ] || args+=(--output "sarif:$MCP_DOCTOR_SARIF")
summary="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mcp-doctor-summary.XXXXXX")"
trap 'rm -f "$summary"' EXIT
args+=(--output "markdown:$summary")

GITHUB_ACTIONS=true node "$here/dist/cli/main.js" "${args[@]}" -- "${paths[@]}"
code=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$code"
