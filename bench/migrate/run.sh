#!/usr/bin/env bash
# Benchmark: a VPC on NAT gateways moved onto HaNat (Add-HaNatVpc) and back (Remove-HaNatVpc) in the namespace
# harness, with a private host per zone requesting every 50 ms (see bench/migrate/README.md).
#   bench/migrate/run.sh
# Settings (environment): MIGRATE_NO_BUILD=1 (use out/HaNat as it is), MIGRATE_NO_REMOVE=1 (stop after the add).
# Root only (network namespaces). Prints figures and, last, `migrate zones=3 failed_requests=N add_s=X remove_s=Y`;
# asserts nothing about time; exits non-zero when a zone never reached its NAT or its gateway again, a cmdlet
# failed, or the harness failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Only moto is ever talked to: fake keys; no profile or endpoint of the user's leaks in.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

if [ -z "${MIGRATE_NO_BUILD:-}" ]; then
  ./build.sh >/dev/null || { echo "FAILED: ./build.sh" >&2; exit 1; }
else
  dotnet tool restore >/dev/null
fi

exec dotnet pwsh -NoProfile -NonInteractive -File "$here/run.ps1"
