#!/usr/bin/env bash
# Benchmark: a rolling replacement of every NAT (Update-HaNatVpc) in the namespace harness, then one planned handover
# per trigger (SIGTERM, lifecycle state Terminated, a spot notice), with a private host per zone requesting every
# 50 ms (see bench/rollout/README.md).
#   bench/rollout/run.sh
# Settings (environment): ROLLOUT_NO_BUILD=1 (use out/HaNat as it is), ROLLOUT_INSTANCE_TYPE (t3.small),
# ROLLOUT_NO_HANDOVERS=1 (stop after the rollout), ROLLOUT_STAND_IN=1 (the rollout through the EC2 API as
# Update-HaNatVpc's contract says, not the cmdlet: for the harness on its own).
# Root only (network namespaces). Prints figures and, last,
# `rollout zones=3 failed_requests=N handovers=H handover_failed_requests=M seconds=S`; asserts nothing about time;
# exits non-zero when a zone was not replaced, a handover did not complete, the cmdlet failed, or the harness failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Only moto is ever talked to: fake keys; no profile or endpoint of the user's leaks in.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

if [ -z "${ROLLOUT_NO_BUILD:-}" ]; then
  ./build.sh >/dev/null || { echo "FAILED: ./build.sh" >&2; exit 1; }
else
  dotnet tool restore >/dev/null
fi

exec dotnet pwsh -NoProfile -NonInteractive -File "$here/run.ps1"
