#!/usr/bin/env bash
# Benchmark: a replacement NAT's boot takeover, whole process, HaNat against the original design's boot script.
#   bench/takeover/run.sh [PAIRS]
# Settings (environment): TAKEOVER_PAIRS (5)      pairs of runs, one of each side, alternating which goes first
#                         TAKEOVER_STARTS (10)    pwsh starts of each kind: bare, importing an empty module, HaNat
#                         TAKEOVER_BREAKDOWN (3)  in-process breakdowns of HaNat's time (0: none)
#                         TAKEOVER_NO_BUILD=1     use out/HaNat as it is instead of running ./build.sh
# It prints figures and asserts nothing about time. It exits non-zero when something fails functionally: a side
# exits non-zero, a private subnet's default route does not end at the new NAT, source/dest check stays on, or
# HaNat writes a route before it turns source/dest check off.
#
# HaNat:  pwsh (its own dll under `dotnet`, not the tool shim) -Command "Import-Module ...; Invoke-HaNatTakeover ...".
# legacy: bench/takeover/legacy-takeover.sh, aws-cli calls (the real aws script, not a pyenv shim).
# Each run gets a fresh fixture (moto reset, then fixture.py build); moto's request recorder counts its API calls
# and gives their order. The recorder has no timestamps, so the legacy black-hole window is measured on the client
# side, from timestamps the script takes around its calls.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

pairs="${1:-${TAKEOVER_PAIRS:-5}}"
starts="${TAKEOVER_STARTS:-10}"
breakdowns="${TAKEOVER_BREAKDOWN:-3}"
for n in "$pairs" "$starts" "$breakdowns"; do
  case "$n" in '' | *[!0-9]*) echo "run.sh: counts must be whole numbers, got '$n'" >&2; exit 2 ;; esac
done
if [ "$pairs" -lt 1 ] || [ "$starts" -lt 1 ]; then echo "run.sh: PAIRS and TAKEOVER_STARTS must be >= 1" >&2; exit 2; fi

fixture="$here/fixture.py"
legacy="$here/legacy-takeover.sh"
module="$root/out/HaNat/HaNat.psd1"

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# --- tools -------------------------------------------------------------------------------------------------------
if [ -z "${TAKEOVER_NO_BUILD:-}" ]; then
  ./build.sh >/dev/null || fail "./build.sh"
else
  dotnet tool restore >/dev/null
fi
[ -f "$module" ] || fail "no module at $module (run ./build.sh)"

pwsh_version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tools"]["powershell"]["version"])' \
  dotnet-tools.json)
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')
pwsh_dll=""
for candidate in "${packages%/}/powershell/$pwsh_version"/tools/*/any/unix/pwsh.dll; do
  if [ -f "$candidate" ]; then pwsh_dll="$candidate"; break; fi
done
[ -n "$pwsh_dll" ] || fail "pwsh.dll of the powershell tool $pwsh_version not found under $packages (dotnet tool restore)"

# The aws script itself: a pyenv shim would add a bash wrapper to every call that a NAT's aws-cli does not have.
aws_cli=""
if command -v pyenv >/dev/null 2>&1; then aws_cli=$(pyenv which aws 2>/dev/null || true); fi
[ -n "$aws_cli" ] || aws_cli=$(command -v aws || true)
[ -n "$aws_cli" ] || fail "aws-cli is not installed"

# --- moto, and an environment that is the same for both sides -------------------------------------------------------
work=$(mktemp -d /tmp/hanat-bench-takeover.XXXXXX)
moto_pid=""
cleanup() {
  if [ -n "$moto_pid" ]; then scripts/moto.sh stop "$moto_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# moto's recorder appends to this file (its default is ./moto_recording in moto's working directory).
started=$(MOTO_RECORDER_FILEPATH="$work/recording.jsonl" HANAT_MOTO_LOG="$work/moto.log" scripts/moto.sh start) \
  || fail "moto did not start"
eval "$started"
moto_pid="$HANAT_MOTO_PID"
url="$HANAT_MOTO_URL"

unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_EC2 AWS_REGION
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE="$work/no-config" AWS_SHARED_CREDENTIALS_FILE="$work/no-credentials"

# --- helpers ---------------------------------------------------------------------------------------------------
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

calc() {
  awk "BEGIN { printf \"$1\n\", $2 }"
}

# run_side SIDE LABEL: one takeover on a fresh fixture; appends a row to the table and the figures to the arrays.
hanat_s=() legacy_s=() hanat_cpu=() legacy_cpu=() hanat_calls=() legacy_calls=() legacy_win=() legacy_win_low=()
hanat_actions="" legacy_actions=""
run_side() {
  local side="$1" label="$2" line new subnet_a subnet_b out timing secs cpu rc calls order actions window="" low=""
  line=$(python3 "$fixture" build "$url") || fail "fixture build"
  read -r new _ _ subnet_a subnet_b <<<"$line"
  out="$work/$side-$label.out"
  python3 "$fixture" recorder "$url" clear
  python3 "$fixture" recorder "$url" start
  if [ "$side" = hanat ]; then
    timing=$(AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1 python3 "$fixture" time "$out" -- \
      dotnet "$pwsh_dll" -NoProfile -NonInteractive -Command \
      "Import-Module '$module'; Invoke-HaNatTakeover -InstanceId $new -EndpointUrl $url -Region us-east-1") && rc=0 || rc=$?
  else
    : >"$work/trace"
    timing=$(LEGACY_TRACE="$work/trace" AWS_CLI="$aws_cli" python3 "$fixture" time "$out" -- "$legacy" "$new" "$url") \
      && rc=0 || rc=$?
  fi
  python3 "$fixture" recorder "$url" stop
  read -r secs cpu <<<"$timing"
  if [ "$rc" != 0 ]; then
    cat "$out" >&2
    fail "$side run $label exited $rc"
  fi
  if ! python3 "$fixture" verify "$url" "$new" "$subnet_a" "$subnet_b"; then
    cat "$out" >&2
    fail "$side run $label: the private subnets do not route 0.0.0.0/0 to $new"
  fi
  line=$(python3 "$fixture" calls "$url" "$new") || fail "reading moto's recording"
  read -r calls order actions <<<"$line"
  if [ "$side" = hanat ]; then
    [ "$order" = sdc-first ] || fail "hanat run $label: $order (a route was written before source/dest check was off): $actions"
    window=none
    if [ "$label" != warm-up ]; then hanat_s+=("$secs"); hanat_cpu+=("$cpu"); hanat_calls+=("$calls"); fi
    hanat_actions="$actions"
  else
    # Both requests reach moto near the end of their aws process (most of each is the CLI starting), so the
    # window is the time from the first route write's return to the source/dest change's return; "low" is a
    # bound that is certainly inside it (route written, source/dest change not yet sent).
    window=$(awk '$1 == "route-write-done" { r = $2 } $1 == "sdc-start" { s = $2 } $1 == "sdc-done" { d = $2 }
      END { if (r == "" || d == "") exit 1; printf "%.3f %.3f\n", d - r, s - r }' "$work/trace") \
      || fail "legacy run $label left no trace of its route write and source/dest change"
    read -r window low <<<"$window"
    if [ "$label" != warm-up ]; then
      legacy_s+=("$secs"); legacy_cpu+=("$cpu"); legacy_calls+=("$calls"); legacy_win+=("$window"); legacy_win_low+=("$low")
    fi
    legacy_actions="$actions"
    window="$window (>= $low)"
  fi
  printf '%-8s %-7s %8s %8s %6s  %-28s %s\n' "$label" "$side" "$secs" "$cpu" "$calls" "$order" "$window"
}

# --- header ----------------------------------------------------------------------------------------------------
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "takeover benchmark: $pairs pairs, one fresh fixture per run (moto reset), alternating which side goes first"
echo "  fixture: 1 VPC, 1 zone, 2 private subnets (network=private) on ONE route table whose 0.0.0.0/0 -> a terminated NAT"
echo "  hanat:   dotnet $pwsh_dll -NoProfile -NonInteractive -Command 'Import-Module $module; Invoke-HaNatTakeover ...'"
echo "  legacy:  $legacy with $aws_cli ($("$aws_cli" --version 2>&1 | cut -d' ' -f1))"
echo "  moto $(python3 -c 'import moto; print(moto.__version__)') at $url; dotnet $(dotnet --version); $(nproc) CPUs; load average at start $load_start"
echo
printf '%-8s %-7s %8s %8s %6s  %-28s %s\n' run side wall_s cpu_s calls "source/dest-check vs routes" \
  "black-hole window s"

# --- pairs -----------------------------------------------------------------------------------------------------
# One unmeasured run of each side first: disk cache, .pyc files and the like are then warm for both.
run_side hanat warm-up
run_side legacy warm-up
for pair in $(seq 1 "$pairs"); do
  if [ $((pair % 2)) = 1 ]; then
    run_side hanat "$pair"
    run_side legacy "$pair"
  else
    run_side legacy "$pair"
    run_side hanat "$pair"
  fi
done

# --- pwsh start, with and without the module ---------------------------------------------------------------------
# A third variant imports an empty manifest module: what pwsh's first Import-Module costs whatever the module, so
# that the overhead can be split into pwsh's share and HaNat's own.
mkdir -p "$work/Empty"
echo "@{ ModuleVersion = '1.0'; GUID = '4b1f0c3e-7d2a-4e59-8f61-0a9c2d3e4f50' }" >"$work/Empty/Empty.psd1"
bare=() imported=() empty=() bare_cpu=() imported_cpu=() empty_cpu=()
variants=(bare empty import)
for i in $(seq 1 "$starts"); do
  for k in 0 1 2; do
    # Rotate the order, so that no variant always runs right after another.
    variant=${variants[$(((i + k) % 3))]}
    case "$variant" in
      bare) script='exit' ;;
      empty) script="Import-Module '$work/Empty/Empty.psd1'; exit" ;;
      import) script="Import-Module '$module'; exit" ;;
    esac
    timing=$(python3 "$fixture" time "$work/start.out" -- dotnet "$pwsh_dll" -NoProfile -NonInteractive -Command "$script") \
      || fail "pwsh -Command \"$script\""
    case "$variant" in
      bare) bare+=("${timing%% *}"); bare_cpu+=("${timing##* }") ;;
      empty) empty+=("${timing%% *}"); empty_cpu+=("${timing##* }") ;;
      import) imported+=("${timing%% *}"); imported_cpu+=("${timing##* }") ;;
    esac
  done
done

# --- figures ---------------------------------------------------------------------------------------------------
hanat_median=$(median "${hanat_s[@]}")
legacy_median=$(median "${legacy_s[@]}")
ratio=$(calc '%.3f' "$hanat_median / $legacy_median")
hanat_cpu_median=$(median "${hanat_cpu[@]}")
legacy_cpu_median=$(median "${legacy_cpu[@]}")
cpu_ratio=$(calc '%.3f' "$hanat_cpu_median / $legacy_cpu_median")
hanat_calls_median=$(median "${hanat_calls[@]}")
legacy_calls_median=$(median "${legacy_calls[@]}")
window_median=$(median "${legacy_win[@]}")
window_low_median=$(median "${legacy_win_low[@]}")
bare_median=$(median "${bare[@]}")
imported_median=$(median "${imported[@]}")
overhead_s=$(calc '%.3f' "$imported_median - $bare_median")
overhead_pct=$(calc '%.1f' "100 * ($imported_median - $bare_median) / $bare_median")
empty_median=$(median "${empty[@]}")
first_import_s=$(calc '%.3f' "$empty_median - $bare_median")
own_import_s=$(calc '%.3f' "$imported_median - $empty_median")
bare_cpu_median=$(median "${bare_cpu[@]}")
empty_cpu_median=$(median "${empty_cpu[@]}")
imported_cpu_median=$(median "${imported_cpu[@]}")
overhead_cpu_pct=$(calc '%.1f' "100 * ($imported_cpu_median - $bare_cpu_median) / $bare_cpu_median")
goal() { awk "BEGIN { print (($1) ? \"met\" : \"NOT met\") }"; }

echo
echo "whole process, wall time, median of $pairs (seconds):"
printf '  %-8s %8s   all: %s\n' hanat "$hanat_median" "${hanat_s[*]}"
printf '  %-8s %8s   all: %s\n' legacy "$legacy_median" "${legacy_s[*]}"
echo "  ratio hanat/legacy = $ratio (goal <= 0.25: $(goal "$ratio <= 0.25"))"
echo "whole process, CPU time (user+system, all its processes), median of $pairs (seconds):"
printf '  %-8s %8s   all: %s\n' hanat "$hanat_cpu_median" "${hanat_cpu[*]}"
printf '  %-8s %8s   all: %s\n' legacy "$legacy_cpu_median" "${legacy_cpu[*]}"
echo "  ratio hanat/legacy = $cpu_ratio (less sensitive than wall time to other load on the machine)"
echo "API calls (moto's recorder):"
echo "  hanat  $hanat_calls_median: $hanat_actions"
echo "  legacy $legacy_calls_median: $legacy_actions"
echo "black-hole window (a private default route points at the new NAT while its source/dest check is still on):"
echo "  hanat  none: ModifyInstanceAttribute SourceDestCheck=false precedes every route write, in every run"
echo "  legacy ${window_median} s median (at least ${window_low_median} s); all: ${legacy_win[*]}"
echo "pwsh start, median of $starts each (seconds):"
printf '  %-38s wall %6s cpu %6s   wall all: %s\n' "-Command 'exit'" "$bare_median" "$bare_cpu_median" "${bare[*]}"
printf '  %-38s wall %6s cpu %6s   wall all: %s\n' "-Command 'Import-Module Empty; exit'" "$empty_median" \
  "$empty_cpu_median" "${empty[*]}"
printf '  %-38s wall %6s cpu %6s   wall all: %s\n' "-Command 'Import-Module HaNat; exit'" "$imported_median" \
  "$imported_cpu_median" "${imported[*]}"
echo "  import overhead = $overhead_s s = $overhead_pct% of wall time (goal <= 15%: $(goal "$overhead_pct <= 15"));" \
  "$overhead_cpu_pct% of CPU time"
echo "  of which pwsh's first Import-Module of any module (an empty manifest): $first_import_s s; HaNat's own: $own_import_s s"

# --- where HaNat's time goes -----------------------------------------------------------------------------------
if [ "$breakdowns" -gt 0 ]; then
  names=(process_to_script import takeover_cold cold_in_aws_calls cold_first_call format takeover_warm warm_in_aws_calls
    launch_exit)
  declare -A samples=()
  for _ in $(seq 1 "$breakdowns"); do
    line=$(python3 "$fixture" build "$url") || fail "fixture build"
    read -r new _ <<<"$line"
    timing=$(AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1 python3 "$fixture" time "$work/breakdown.out" -- \
      dotnet "$pwsh_dll" -NoProfile -NonInteractive -File "$here/breakdown.ps1" "$module" "$url" "$new" "$fixture") \
      || { cat "$work/breakdown.out" >&2; fail "breakdown.ps1"; }
    line=$(tail -n 1 "$work/breakdown.out")
    declare -A one=()
    for pair in $line; do
      one[${pair%%=*}]="${pair#*=}"
      samples[${pair%%=*}]+="${pair#*=} "
    done
    # What the wall time holds beyond the script: the runtime's launch before the process start time, and exit.
    samples[launch_exit]+="$(calc '%.0f' "${timing%% *} * 1000 - ${one[process_to_script]} - ${one[script]}") "
  done
  declare -A med=()
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086 # the samples are a space-separated list of numbers
    med[$name]=$(median ${samples[$name]})
  done
  echo "where HaNat's time goes, inside one pwsh process, median of $breakdowns (ms):"
  printf '  %-60s %6.0f\n' \
    "process start to first script line (runtime, pwsh, runspace)" "${med[process_to_script]}" \
    "Import-Module HaNat (first command of the session)" "${med[import]}" \
    "Invoke-HaNatTakeover, first in the process (cold)" "${med[takeover_cold]}" \
    "  of which waiting on AWS calls (critical path)" "${med[cold_in_aws_calls]}" \
    "  of which the first call, DescribeInstances" "${med[cold_first_call]}" \
    "default formatting of the 2 results (cold)" "${med[format]}" \
    "process launch before its start time, and exit" "${med[launch_exit]}" \
    "Invoke-HaNatTakeover again in the same process (warm)" "${med[takeover_warm]}" \
    "  of which waiting on AWS calls (critical path)" "${med[warm_in_aws_calls]}"
fi

echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg) (at start $load_start)"
echo
echo "takeover pairs=$pairs hanat_median_s=$hanat_median legacy_median_s=$legacy_median ratio=$ratio" \
  "hanat_calls=$hanat_calls_median legacy_calls=$legacy_calls_median import_overhead_pct=$overhead_pct" \
  "hanat_window=none legacy_window_s=$window_median hanat_cpu_s=$hanat_cpu_median legacy_cpu_s=$legacy_cpu_median" \
  "import_overhead_cpu_pct=$overhead_cpu_pct import_any_module_s=$first_import_s import_hanat_own_s=$own_import_s"
