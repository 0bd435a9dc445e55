#!/usr/bin/env bash
# The "iam" runner of ./test.sh: records HaNat's calls in moto (Record.Tests.ps1, Pester), then checks the policies
# against AWS's authorization data (mapper.test.mjs, lint.test.mjs, simulate.test.mjs: node's test runner). Needs moto's URL in
# HANAT_TEST_ENDPOINT and the built module in out/HaNat.
#   tests/iam/run.sh RESULTS_DIR     writes RESULTS_DIR/iam.json: {"passed": N, "failed": N, "skipped": N}, the sum of
#                                    both parts; a part that crashed without counts counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
results=${1:?usage: tests/iam/run.sh RESULTS_DIR}
export HANAT_IAM_DIR="$results/iam"
rm -rf "$HANAT_IAM_DIR" "$results/iam.json"
mkdir -p "$HANAT_IAM_DIR"

rc=0
dotnet pwsh -NoProfile -NonInteractive -File scripts/run-pester.ps1 -Path tests/iam/Record.Tests.ps1 \
  -TestResultPath "$results/iam-record.xml" -CountsPath "$results/iam-record.json" </dev/null || rc=1

node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/iam.tap" \
  tests/iam/mapper.test.mjs tests/iam/lint.test.mjs tests/iam/simulate.test.mjs </dev/null || rc=1

python3 - "$results" <<'PY'
import json, re, sys
results = sys.argv[1]
passed = failed = skipped = 0
failures = []
try:
    c = json.load(open(f"{results}/iam-record.json"))
    passed, failed, skipped = c["passed"], c["failed"], c["skipped"]
    failures += c.get("failures", [])
except Exception:
    failed += 1  # the recording crashed before it counted
try:
    tap = open(f"{results}/iam.tap").read()
    count = lambda name: int(re.findall(rf"^# {name} (\d+)$", tap, re.M)[-1])
    passed += count("pass"); failed += count("fail") + count("cancelled"); skipped += count("skipped") + count("todo")
    # Each failed test's name and what it said: the YAML block's "actual" (the denials) or else its error.
    for name, block in re.findall(r"^\s*not ok \d+ - (.+)\n((?:\s+.*\n)*?)\s*\.\.\.$", tap, re.M):
        said = re.search(r"^\s*actual:\s*\n?\s*(.+)$", block, re.M) or re.search(r"^\s*error:\s*(?:\|-)?\s*\n?\s*(.+)$", block, re.M)
        failures.append(name.strip() + (": " + re.sub(r"^(-|\d+:)\s*", "", said.group(1).strip()) if said else ""))
except Exception:
    failed += 1  # node's runner crashed before it counted
json.dump({"passed": passed, "failed": failed, "skipped": skipped, "failures": failures}, open(f"{results}/iam.json", "w"))
print(f"iam: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$rc"
