#!/usr/bin/env bash
# Benchmark: the monitor's footprint on a NAT (CPU, memory, threads) in the namespace harness (see README.md).
#   bench/footprint/run.sh [SAMPLE_SECONDS]      default 60
# Settings (environment): FOOTPRINT_WARMUP (seconds after every monitor hears every peer, 20),
# FOOTPRINT_SAMPLE (60), FOOTPRINT_HOST (exe: the hanat-monitor executable, as the unit runs it; pwsh: the
# Start-HaNatMonitor cmdlet in pwsh, as the unit ran it before), FOOTPRINT_MONITOR_DIR (another build of the
# executable, e.g. publish.sh's ReadyToRun fallback, instead of out/hanat-monitor), FOOTPRINT_NO_BUILD=1 (use out/
# as it is).
# Root only (network namespaces). It prints figures and asserts nothing; it exits non-zero when the harness or a
# monitor failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

sample="${1:-${FOOTPRINT_SAMPLE:-60}}"
warmup="${FOOTPRINT_WARMUP:-20}"
for n in "$sample" "$warmup"; do
  case "$n" in '' | *[!0-9]*) echo "run.sh: seconds must be a whole number, got '$n'" >&2; exit 2 ;; esac
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

if [ -z "${FOOTPRINT_NO_BUILD:-}" ]; then
  ./build.sh >/dev/null || { echo "FAILED: ./build.sh" >&2; exit 1; }
else
  dotnet tool restore >/dev/null
fi

exec dotnet pwsh -NoProfile -NonInteractive -File "$here/run.ps1" -SampleSeconds "$sample" -WarmupSeconds "$warmup" \
  -MonitorHost "${FOOTPRINT_HOST:-exe}" ${FOOTPRINT_MONITOR_DIR:+-MonitorDirectory "$FOOTPRINT_MONITOR_DIR"}
