#!/usr/bin/env bash
# bench/vpc: the API calls and time of a 3-zone New-HaNatVpc, and how Get-HaNatVpc and Test-HaNatRouting grow
# from 10 to 50 HaNat VPCs, against one moto on a free loopback port. Prints figures; asserts nothing on time.
#   bench/vpc/run.sh                 sizes 10 20 30 40 50
#   VPC_BENCH_SIZES="10 20" bench/vpc/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "${VPC_BENCH_NO_BUILD:-}" = 1 ] || ./build.sh >/dev/null
scripts/bootstrap.sh >/dev/null
eval "$(scripts/moto.sh start)"
trap 'scripts/moto.sh stop "$HANAT_MOTO_PID"' EXIT

export HANAT_TEST_ENDPOINT="$HANAT_MOTO_URL" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1
VPC_BENCH_SIZES="${VPC_BENCH_SIZES:-10 20 30 40 50}" dotnet pwsh -NoProfile -NonInteractive -File bench/vpc/measure.ps1
