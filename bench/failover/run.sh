#!/usr/bin/env bash
# Benchmark: failover and failback of HaNat's NATs in the namespace harness (see bench/failover/README.md).
#   bench/failover/run.sh [RUNS]            RUNS per fault, default 5
# Settings (environment): FAILOVER_RUNS (5), FAILOVER_FAULTS (space-separated, e.g. "NatDead UplinkDown";
# "NatDead x2" is two zones at once: write it NatDead_x2 here), FAILOVER_NO_BUILD=1 (use out/HaNat as it is),
# FAILOVER_ELASTIC_IPS=1 (each zone's Elastic IP and an internet gateway; adds the source-address columns).
# Root only (network namespaces). It prints figures and asserts nothing about time; it exits non-zero when a
# run's egress never came back, a zone did not fail back, or the harness failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

runs="${1:-${FAILOVER_RUNS:-5}}"
case "$runs" in '' | *[!0-9]*) echo "run.sh: RUNS must be a whole number, got '$runs'" >&2; exit 2 ;; esac

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Only moto is ever talked to: fake keys; no profile or endpoint of the user's leaks in.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

if [ -z "${FAILOVER_NO_BUILD:-}" ]; then
  ./build.sh >/dev/null || { echo "FAILED: ./build.sh" >&2; exit 1; }
else
  dotnet tool restore >/dev/null
fi

export FAILOVER_FAULTS="${FAILOVER_FAULTS:-}" FAILOVER_ELASTIC_IPS="${FAILOVER_ELASTIC_IPS:-}"
exec dotnet pwsh -NoProfile -NonInteractive -File "$here/run.ps1" -Runs "$runs"
