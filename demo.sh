#!/usr/bin/env bash
# The first command: installs what is missing, builds the module (unless out/ is already newer than its sources),
# and shows HaNat at work against an AWS emulator (moto). Nothing touches real AWS.
#
# As root on Linux (sudo ./demo.sh), with the namespace harness's tools (iproute2, iptables, python3 with moto,
# which scripts/bootstrap.sh installs): examples/demo-failover.ps1, a failover for real. A three-zone HaNat VPC on
# moto, its NATs in network namespaces running the real monitor, a private host per zone requesting, one NAT
# killed, and the timeline: detection, takeover, egress back, the replacement's failback; then Test-HaNatRouting.
# About a minute; the namespaces are deleted at the end whatever happens (Ctrl+C too).
#
# Otherwise (or when that cannot run here, which it says): examples/demo.ps1 against a moto_server started on a
# free loopback port and stopped on exit: a NAT instance's boot takeover and the routing audit before and after.
#
# HANAT_DEMO_NO_ROOT=1 takes the path a user without root takes, even as root (the test of that path runs as root:
# the .NET SDK and its tools under /root are not usable by another user).
set -euo pipefail
cd "$(dirname "$0")"

scripts/bootstrap.sh

# build.sh remakes out/ from scratch, the module's manifest first: the build is current when both products are there
# and no input of the build (outside bin/ and obj/) is newer than that manifest.
build_is_current() {
  [ -f out/HaNat/HaNat.psd1 ] && [ -x out/hanat-monitor/hanat-monitor ] || return 1
  local newer
  newer=$(find src docs/help HaNat.psd1 LICENSE build.sh scripts/build-help.ps1 dotnet-tools.json packer/systemd \
    \( -name bin -o -name obj \) -prune -o -type f -newer out/HaNat/HaNat.psd1 -print -quit 2>/dev/null)
  [ -z "$newer" ]
}
if build_is_current; then echo "demo.sh: out/ is newer than the sources: not rebuilt"; else ./build.sh; fi

# Not on an EC2 instance: let HaNat's IMDS probe be refused at once. An emulator takes any keys.
export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL

# What the failover demo needs that is missing here (empty: it can run); it checks the rest (namespaces) itself.
failover_missing() {
  if [ "${HANAT_DEMO_NO_ROOT:-}" = 1 ] || [ "$(id -u)" -ne 0 ]; then echo "root"; return; fi
  if [ "$(uname -s)" != Linux ]; then echo "Linux"; return; fi
  local tool missing=()
  for tool in ip iptables python3 moto_server setsid timeout curl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  echo "${missing[*]}"
}

suffix_file=""
moto_pid=""
# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  if [ -n "$moto_pid" ]; then scripts/moto.sh stop "$moto_pid"; fi
  # demo-failover.ps1 deletes its namespaces itself; this is for a pwsh that was killed before it could.
  if [ -n "$suffix_file" ] && [ -s "$suffix_file" ]; then
    local suffix ns
    suffix=$(cat "$suffix_file")
    for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep "^hnt-$suffix-" || true); do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
      ip netns delete "$ns" 2>/dev/null && echo "demo.sh: deleted namespace $ns, left behind"
    done
  fi
  if [ -n "$suffix_file" ]; then rm -f "$suffix_file"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

needs=$(failover_missing)
if [ -z "$needs" ]; then
  suffix_file=$(mktemp)
  rc=0
  dotnet pwsh -NoProfile -NonInteractive -File examples/demo-failover.ps1 -SuffixPath "$suffix_file" || rc=$?
  # 3: this machine cannot run it (namespaces refused, ...), and it said why: the other demo instead.
  [ "$rc" -eq 3 ] || exit "$rc"
  echo "demo.sh: the failover demo cannot run here (above); the boot takeover demo instead"
  skipped="the failover demo could not run here (see above)"
elif [ "$needs" = root ]; then
  skipped="the failover demo (a NAT killed, its zone taken over, egress back, the replacement's failback) needs root for network namespaces: sudo ./demo.sh shows it"
else
  skipped="the failover demo needs $needs, not found on PATH (scripts/bootstrap.sh installs it)"
  echo "demo.sh: $skipped; the boot takeover demo instead"
fi

moto_env=$(scripts/moto.sh start)
eval "$moto_env"
moto_pid=$HANAT_MOTO_PID
echo "moto_server at $HANAT_MOTO_URL"

dotnet pwsh -NoProfile -NonInteractive -File examples/demo.ps1 -EndpointUrl "$HANAT_MOTO_URL"
echo
echo "demo.sh: skipped: $skipped"
