#!/usr/bin/env bash
# The first command: installs what is missing, builds the module, starts an AWS emulator (moto) on a free
# loopback port, and runs examples/demo.ps1 against it. Nothing touches real AWS. moto is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")"

scripts/bootstrap.sh
./build.sh

# Not on an EC2 instance: let HaNat's IMDS probe be refused at once. An emulator takes any keys.
export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL

moto_pid=""
# shellcheck disable=SC2317 # reached through the EXIT trap
stop_moto() { if [ -n "$moto_pid" ]; then scripts/moto.sh stop "$moto_pid"; fi; }
trap stop_moto EXIT
trap 'exit 130' INT TERM

moto_env=$(scripts/moto.sh start)
eval "$moto_env"
moto_pid=$HANAT_MOTO_PID
echo "moto_server at $HANAT_MOTO_URL"

dotnet pwsh -NoProfile -NonInteractive -File examples/demo.ps1 -EndpointUrl "$HANAT_MOTO_URL"
