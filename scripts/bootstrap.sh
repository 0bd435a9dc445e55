#!/usr/bin/env bash
# Installs what building and testing HaNat needs, and only what is missing. Safe to run again: when everything
# is present it installs nothing, prints nothing but one line, and takes about a second.
#   - pwsh, as the dotnet local tool pinned in dotnet-tools.json (dotnet tool restore)
#   - Pester, from NuGet, at the version tests/tools/Tools.proj names (dotnet restore)
#   - Debian packages (APT_PACKAGES below)
#   - moto_server, awscli, boto3 and cfn-lint, normally installed with pip already (PIP_CHECKS below)
#   - the IAM check's npm packages (tests/iam/package-lock.json), with npm ci, when node_modules is missing or
#     older than the lock file
set -euo pipefail
cd "$(dirname "$0")/.."

# The one list of Debian packages the build, the tests and the AMI tooling use. systemd brings systemd-analyze
# (the units are verified with it) and systemctl; procps brings sysctl (the boot path test applies the image's
# sysctl drop-in with it) and kill; openssl makes the heartbeat key as the README's one-liner does (TemplateDeploy);
# gcc and libc6-dev link the monitor's Native AOT build (./build.sh publishes it; binutils comes with gcc).
APT_PACKAGES=(curl iproute2 iptables shellcheck packer systemd procps openssl gcc libc6-dev)

# "how to tell it is there" -> "what to pip install when it is not".
PIP_CHECKS=(
  "command:moto_server|moto[server]==5.2.1"
  "command:aws|awscli"
  "command:cfn-lint|cfn-lint"
  "python:boto3|boto3"
)

installed=()
say() { echo "bootstrap: $*"; }
die() { echo "bootstrap: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root to run: $*"
  fi
}

global_packages() {
  if [ -n "${NUGET_PACKAGES:-}" ]; then echo "${NUGET_PACKAGES%/}"; return; fi
  dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p' | sed 's:/*$::'
}

# --- .NET SDK: the one thing bootstrap cannot install by itself.
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet, 10.0 or later) is not installed; install it first."
packages_dir=$(global_packages)
[ -n "$packages_dir" ] || die "could not find the NuGet global packages folder (dotnet nuget locals global-packages --list)."

# --- pwsh: the local tool in dotnet-tools.json.
pwsh_version=$(sed -n '/"powershell"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' dotnet-tools.json | head -n 1)
had_pwsh=false
# (dotnet tool restore may find it in the default folder even when NUGET_PACKAGES points elsewhere.)
for folder in "$packages_dir" "$HOME/.nuget/packages"; do
  [ -n "$pwsh_version" ] && [ -d "$folder/powershell/$pwsh_version" ] && had_pwsh=true
done
if ! out=$(dotnet tool restore 2>&1); then
  echo "$out" >&2
  die "dotnet tool restore failed: pwsh $pwsh_version could not be installed from NuGet."
fi
$had_pwsh || installed+=("pwsh $pwsh_version (dotnet local tool)")

# --- Pester: a PackageDownload in tests/tools/Tools.proj.
pester_version=$(sed -n 's/.*Include="Pester" *Version="\[\{0,1\}\([^]"]*\)\]\{0,1\}".*/\1/p' tests/tools/Tools.proj | head -n 1)
[ -n "$pester_version" ] || die "tests/tools/Tools.proj names no Pester version."
if [ ! -f "$packages_dir/pester/$pester_version/tools/Pester.psd1" ]; then
  if ! out=$(dotnet restore tests/tools/Tools.proj -nologo 2>&1); then
    echo "$out" >&2
    die "could not restore Pester $pester_version from NuGet (tests/tools/Tools.proj)."
  fi
  [ -f "$packages_dir/pester/$pester_version/tools/Pester.psd1" ] ||
    die "Pester $pester_version was restored, but $packages_dir/pester/$pester_version/tools/Pester.psd1 is not there."
  installed+=("Pester $pester_version (NuGet)")
fi

# --- Debian packages.
missing=()
for package in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]}, and this is not a Debian-like system: install them by hand."
  say "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get may be running (a parallel session, unattended upgrades): wait for its lock.
  as_root apt-get -o DPkg::Lock::Timeout=300 -qq update </dev/null >/dev/null ||
    die "apt-get update failed; cannot install ${missing[*]}."
  as_root apt-get -o DPkg::Lock::Timeout=300 -qq install -y --no-install-recommends "${missing[@]}" </dev/null >/dev/null ||
    die "apt-get install ${missing[*]} failed."
  installed+=("${missing[@]}")
fi

# --- moto and the AWS command-line tools: pip-installed on these machines; install only what is missing.
missing=()
for check in "${PIP_CHECKS[@]}"; do
  probe=${check%%|*}
  package=${check#*|}
  case "$probe" in
    command:*) command -v "${probe#command:}" >/dev/null 2>&1 || missing+=("$package") ;;
    python:*) python3 -c "import importlib.util as u, sys; sys.exit(u.find_spec('${probe#python:}') is None)" >/dev/null 2>&1 ||
                missing+=("$package") ;;
  esac
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v python3 >/dev/null 2>&1 || die "python3 is not installed, and moto needs it: install Python 3 and then: pip install ${missing[*]}"
  say "installing ${missing[*]} with pip"
  if ! python3 -m pip install --quiet "${missing[@]}" </dev/null; then
    die "pip could not install ${missing[*]} (is PyPI reachable?). The tests need moto_server (moto[server] 5.2.1), awscli, boto3 and cfn-lint: install them by hand, then run this again."
  fi
  hash -r
  command -v moto_server >/dev/null 2>&1 || die "pip installed moto[server], but moto_server is not on PATH ($PATH)."
  installed+=("${missing[@]}")
fi

# --- The IAM check's packages: node and npm must be there; npm ci only when the lock file changed since.
iam_check=tests/iam
if [ ! -f "$iam_check/node_modules/.package-lock.json" ] || [ "$iam_check/package-lock.json" -nt "$iam_check/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null 2>&1 || die "node and npm (node 20 or later) are not installed; the IAM check (tests/iam) needs them: install them first."
  say "installing the IAM check's npm packages (npm ci in $iam_check)"
  if ! out=$(cd "$iam_check" && npm ci --no-audit --no-fund 2>&1); then
    echo "$out" >&2
    die "npm ci in $iam_check failed (is the npm registry reachable?)."
  fi
  installed+=("npm packages of $iam_check")
fi

if [ ${#installed[@]} -eq 0 ]; then
  say "everything was already installed"
else
  list=$(printf '%s, ' "${installed[@]}")
  say "installed: ${list%, }"
fi
