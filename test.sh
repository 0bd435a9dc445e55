#!/usr/bin/env bash
# The test command: installs what is missing, builds the module, runs every test, and closes with one line,
#   N passed, N failed[, N skipped]
# which adds up the runners' counts. It exits non-zero when anything failed, and a runner that crashed or timed
# out without counts counts as one failure, never as none.
#
#   ./test.sh                          everything: xunit (tests/HaNat.Tests), Pester (tests/pester), then the IAM
#                                      check (tests/iam: the policies against AWS's authorization data); the
#                                      long namespace-harness suites (each with its own namespaces and moto,
#                                      minutes of mostly waiting on timers) run beside them in two groups,
#                                      "failover" and "netns" (see background_groups below)
#   ./test.sh -Path tests/pester/Harness.Tests.ps1 -Tag Fast
#                                      arguments go to scripts/run-pester.ps1 (Pester's filters)
# Environment:
#   HANAT_RUNNERS="xunit pester iam"   the runners to run (default all three)
#   HANAT_XUNIT_FILTER=EXPR            dotnet test --filter EXPR
#   HANAT_PESTER_TAG, HANAT_PESTER_EXCLUDE_TAG   comma-separated Pester tags (see scripts/run-pester.ps1)
#   HANAT_RUNNER_TIMEOUT=1800          seconds before a runner is stopped and counted as failed
#   CONFIGURATION=Release              the build configuration, as for ./build.sh
#
# The runners share one moto_server on a free loopback port, started here (scripts/moto.sh) and stopped on exit
# whatever happens; its URL is in HANAT_TEST_ENDPOINT (xunit's MotoServer uses it, and starts one of its own only
# when run alone), and it is reset between the runners. Reports go to TestResults/.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

configuration="${CONFIGURATION:-Release}"
runners="${HANAT_RUNNERS:-xunit pester iam}"
runner_timeout="${HANAT_RUNNER_TIMEOUT:-1800}"
results="$PWD/TestResults"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "${CI:-}" = true ]; then
  # In CI, no MSBuild node outlives the run.
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
fi

# The tests talk to moto only: fake credentials, one region, and an IMDS endpoint that refuses at once, so
# that "am I on an instance?" costs nothing off an instance. No profile of the developer's leaks in.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_EC2_METADATA_DISABLED

moto_pid=""
runner_pid=""
background_pids=()
background_names=()
background_starts=()
passed=0 failed=0 skipped=0
summary=()

# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  if [ -n "$runner_pid" ]; then kill -TERM "$runner_pid" 2>/dev/null; wait "$runner_pid" 2>/dev/null; fi
  local pid
  for pid in "${background_pids[@]}"; do
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  done
  if [ -n "$moto_pid" ]; then scripts/moto.sh stop "$moto_pid"; fi
}
trap cleanup EXIT
trap 'trap - INT TERM; echo "test.sh: interrupted" >&2; exit 130' INT TERM

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# Runs a runner in the background under a timeout, so that Ctrl+C and the timeout end it and all its children.
run_runner() {
  timeout --kill-after=20 "$runner_timeout" "$@" &
  runner_pid=$!
  local rc=0
  wait "$runner_pid" || rc=$?
  runner_pid=""
  return "$rc"
}

# record NAME RC START [passed failed skipped]: one summary line per runner; no counts means it crashed.
record() {
  local name=$1 rc=$2 start=$3 p=${4:-} f=${5:-} s=${6:-} note=""
  if [ -z "$p" ]; then
    p=0 f=1 s=0
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then note=" (timed out after ${runner_timeout} s; counted as 1 failure)"
    else note=" (crashed with exit code $rc and no counts; counted as 1 failure)"; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 note=" (exit code $rc with no failed test; counted as 1 failure)"
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  summary+=("$(printf '%-8s passed %s, failed %s, skipped %s in %s%s' "$name" "$p" "$f" "$s" "$(elapsed "$start")" "$note")")
}

# "passed failed skipped" from the counts file scripts/run-pester.ps1 (or tests/iam/run.sh) writes; fails when
# there is none (a crash).
pester_counts() {
  python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); print(c["passed"], c["failed"], c["skipped"])' "$1" 2>/dev/null
}

# The failed tests' names from a counts file (scripts/run-pester.ps1 writes them), for the closing summary.
failure_lines() {
  python3 -c 'import json, sys
for line in json.load(open(sys.argv[1])).get("failures", [])[:20]: print("  failed: " + line[:300])' "$1" 2>/dev/null
}
failures=()

# A step before the runners failed: nothing can be tested; still close with the count line.
step_failed() {
  summary+=("$(printf '%-8s FAILED (exit code %s): no test ran' "$1" "$2")")
  failed=$((failed + 1))
  finish
}

finish() {
  echo
  echo "== summary"
  printf '%s\n' "${summary[@]}"
  if [ "${#failures[@]}" -gt 0 ]; then printf '%s\n' "${failures[@]}"; fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ] && exit 0
  exit 1
}

rm -rf "$results"
mkdir -p "$results"

echo "== bootstrap"
scripts/bootstrap.sh || step_failed bootstrap $?

echo "== build ($configuration)"
./build.sh || step_failed build $?

echo "== moto"
export HANAT_MOTO_LOG="$results/moto.log"
if ! moto_env=$(scripts/moto.sh start); then step_failed moto 1; fi
eval "$moto_env"
moto_pid=$HANAT_MOTO_PID
export HANAT_TEST_ENDPOINT=$HANAT_MOTO_URL
echo "moto_server at $HANAT_TEST_ENDPOINT (log: $HANAT_MOTO_LOG)"

reset_moto() { curl -fsS -X POST -o /dev/null "$HANAT_TEST_ENDPOINT/moto-api/reset"; }

# The namespace-harness suites that build their own namespaces and their own moto (New-FailoverFabric) spend most
# of their minutes waiting on timers (heartbeats, boots, two-minute loss runs): with no Pester arguments they run
# beside the other runners, in two groups of about equal length, each in its own pwsh with its output kept in
# TestResults/<group>.log and printed when it ends. Each group is "name:file file ...".
# Every *.Netns suite builds its own namespaces and its own moto, so none of them needs the shared moto: all of
# them run here (with the root demo's test, Demo.Tests.ps1), and the foreground keeps the suites that share moto.
# The template suites that make no AWS call (cfn-lint's ~110 s, Packer's) run here too, so that the foreground
# (xunit, Pester, IAM: ~880 s with them) is no longer the long pole.
# Aimed at, in seconds on a 2-core machine: failover ~800, netns ~780, the foreground ~750.
background_groups=(
  "failover:tests/pester/Failover.Netns.Tests.ps1 tests/pester/Ec2Faults.Netns.Tests.ps1 tests/pester/Demo.Tests.ps1 tests/pester/BootPath.Netns.Tests.ps1 tests/pester/Examples.Netns.Tests.ps1 tests/pester/DataPlane.Netns.Tests.ps1 tests/pester/DataPlaneWatch.Netns.Tests.ps1 tests/pester/Template.Tests.ps1"
  "netns:tests/pester/Rollout.Netns.Tests.ps1 tests/pester/ElasticIp.Netns.Tests.ps1 tests/pester/Handover.Netns.Tests.ps1 tests/pester/Migration.Netns.Tests.ps1 tests/pester/NatGatewayHarness.Netns.Tests.ps1 tests/pester/Monitor.Netns.Tests.ps1 tests/pester/TakeoverServed.Netns.Tests.ps1 tests/pester/HostNat.Netns.Tests.ps1 tests/pester/TemplateAlarms.Tests.ps1 tests/pester/Packer.Tests.ps1"
)
pester_exclude=()
if [ $# -eq 0 ] && [[ " $runners " == *" pester "* ]]; then
  for group in "${background_groups[@]}"; do
    name=${group%%:*}
    files=()
    for file in ${group#*:}; do [ -f "$file" ] && files+=("$file"); done
    [ "${#files[@]}" -eq 0 ] && continue
    echo "== $name: ${files[*]}, beside the other runners (log: TestResults/$name.log)"
    background_starts+=("$(now)")
    timeout --kill-after=20 "$runner_timeout" dotnet pwsh -NoProfile -NonInteractive -File scripts/run-pester.ps1 \
      -Path "$(IFS=,; echo "${files[*]}")" -TestResultPath "$results/$name.xml" -CountsPath "$results/$name.json" \
      </dev/null >"$results/$name.log" 2>&1 &
    background_pids+=("$!")
    background_names+=("$name")
    pester_exclude+=("${files[@]}")
  done
  # pwsh -File passes each argument as one string: several paths go comma-separated (run-pester.ps1 splits them).
  if [ "${#pester_exclude[@]}" -gt 0 ]; then pester_exclude=(-ExcludePath "$(IFS=,; echo "${pester_exclude[*]}")"); fi
fi

for runner in $runners; do
  case "$runner" in
    xunit)
      echo "== xunit: tests/HaNat.Tests"
      start=$(now)
      rm -f "$results/xunit.trx"
      rc=0
      run_runner dotnet test tests/HaNat.Tests -c "$configuration" --nologo \
        --results-directory "$results" --logger "trx;LogFileName=xunit.trx" --logger "console;verbosity=normal" \
        ${HANAT_XUNIT_FILTER:+--filter "$HANAT_XUNIT_FILTER"} </dev/null || rc=$?
      # passed, failed (failed + error + timeout + aborted), skipped (not executed): all from the trx's Counters.
      counts=$(python3 - "$results/xunit.trx" 2>/dev/null <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
c = root.find('.//{*}ResultSummary/{*}Counters').attrib
n = lambda k: int(c.get(k, 0))
print(n('passed'), n('failed') + n('error') + n('timeout') + n('aborted'), n('notExecuted'))
PY
      ) || counts=""
      # shellcheck disable=SC2086 # counts is three numbers, split on purpose
      record xunit "$rc" "$start" $counts
      ;;
    pester)
      echo "== pester: tests/pester"
      reset_moto || echo "test.sh: could not reset moto before Pester" >&2
      start=$(now)
      rc=0
      run_runner dotnet pwsh -NoProfile -NonInteractive -File scripts/run-pester.ps1 \
        -TestResultPath "$results/pester.xml" -CountsPath "$results/pester.json" "${pester_exclude[@]}" "$@" </dev/null || rc=$?
      counts=$(pester_counts "$results/pester.json") || counts=""
      # shellcheck disable=SC2086
      record pester "$rc" "$start" $counts
      mapfile -t -O "${#failures[@]}" failures < <(failure_lines "$results/pester.json")
      ;;
    iam)
      echo "== iam: tests/iam (HaNat's calls recorded in moto, then checked against AWS's authorization data)"
      reset_moto || echo "test.sh: could not reset moto before the IAM check" >&2
      start=$(now)
      rc=0
      run_runner tests/iam/run.sh "$results" </dev/null || rc=$?
      counts=$(pester_counts "$results/iam.json") || counts=""
      # shellcheck disable=SC2086
      record iam "$rc" "$start" $counts
      mapfile -t -O "${#failures[@]}" failures < <(failure_lines "$results/iam.json")
      ;;
    *)
      summary+=("$(printf '%-8s unknown runner in HANAT_RUNNERS' "$runner")")
      failed=$((failed + 1))
      ;;
  esac
done

for index in "${!background_pids[@]}"; do
  name=${background_names[$index]}
  echo "== $name: waiting"
  rc=0
  wait "${background_pids[$index]}" || rc=$?
  background_pids[index]=""
  cat "$results/$name.log"
  counts=$(pester_counts "$results/$name.json") || counts=""
  # shellcheck disable=SC2086
  record "$name" "$rc" "${background_starts[$index]}" $counts
  mapfile -t -O "${#failures[@]}" failures < <(failure_lines "$results/$name.json")
done

if ! kill -0 "$moto_pid" 2>/dev/null; then
  summary+=("moto     moto_server died during the run (log: $HANAT_MOTO_LOG); counted as 1 failure")
  failed=$((failed + 1))
fi
finish
