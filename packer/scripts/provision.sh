#!/usr/bin/env bash
# Provisions HaNat's NAT image. packer/hanat-nat.pkr.hcl runs it as root on the Amazon Linux 2023 build instance,
# after uploading the built module, packer/files and packer/systemd to $HANAT_STAGE.
#
#   provision.sh [STEP...]        the steps, in this order when none is named:
#     packages   network: installs iptables-nft and libicu (PowerShell needs ICU) with dnf, and downloads the
#                PowerShell release tarball and checks its SHA-256 (against HANAT_PWSH_SHA256 when set, else
#                against the release's own hashes.sha256)
#     pwsh       unpacks PowerShell into $ROOT/opt/microsoft/powershell/7 and links $ROOT/usr/bin/pwsh, the
#                program the units start
#     files      the module into $ROOT/usr/local/share/powershell/Modules/HaNat, the hanat-monitor executable
#                (Native AOT, from packer/scripts/publish.sh) into $ROOT/opt/hanat/monitor, the units into
#                $ROOT/etc/systemd/system, packer/files (sysctl drop-in, preset, unit drop-ins) onto $ROOT, and
#                the units enabled with the symlinks `systemctl enable` makes (from each unit's WantedBy=)
#     verify     on the instance only: the image's pwsh imports the module, iptables runs, systemd-analyze
#                verify accepts the units, HaNat's sysctl drop-in applies and reads back (that file alone)
#     cleanup    leaves no per-instance state in the image: SSH host keys (sshd-keygen makes new ones at first
#                boot), authorized_keys (cloud-init writes the launch key of each new instance), cloud-init's
#                instance state and logs, the journal, shell history, the dnf cache, the machine id (systemd
#                makes a new one at first boot, so that no two NATs share a DHCP client id), and the stage
#
# Environment:
#   HANAT_ROOT=/                  where to install. Anything else is a throwaway root (the tests use one): the
#                                 steps that need the network or the package manager (packages, verify) are
#                                 skipped there, and pwsh is skipped unless HANAT_PWSH_TARBALL names a tarball.
#                                 Installing into / is refused anywhere but on Amazon Linux 2023.
#   HANAT_STAGE=/tmp/hanat        what Packer uploaded: module/, monitor/, files/, systemd/ (removed by cleanup on /)
#   HANAT_MODULE_DIR, HANAT_MONITOR_DIR, HANAT_FILES_DIR, HANAT_UNITS_DIR   the parts of the stage, one by one
#   HANAT_PWSH_VERSION            the PowerShell release (packages step); the template passes it
#   HANAT_ARCHITECTURE            arm64 or x86_64, checked against the machine's (packages step)
#   HANAT_PWSH_TARBALL            the PowerShell tarball (default: the one packages downloaded into the stage)
#   HANAT_PWSH_SHA256             pins the tarball's SHA-256
set -euo pipefail

ROOT=${HANAT_ROOT:-/}
STAGE=${HANAT_STAGE:-/tmp/hanat}
MODULE_DIR=${HANAT_MODULE_DIR:-$STAGE/module}
MONITOR_DIR=${HANAT_MONITOR_DIR:-$STAGE/monitor}
FILES_DIR=${HANAT_FILES_DIR:-$STAGE/files}
UNITS_DIR=${HANAT_UNITS_DIR:-$STAGE/systemd}
PWSH_TARBALL=${HANAT_PWSH_TARBALL:-$STAGE/powershell.tar.gz}

# Where things go, relative to the root. The units' ExecStart names both paths: they must not move.
MODULE_TARGET=usr/local/share/powershell/Modules/HaNat
MONITOR_TARGET=opt/hanat/monitor
UNIT_TARGET=etc/systemd/system
PWSH_HOME=opt/microsoft/powershell/7
PWSH_LINK=usr/bin/pwsh
UNITS=(hanat-takeover.service hanat-monitor.service)

say() { echo "provision: $*"; }
die() { echo "provision: $*" >&2; exit 1; }

# $ROOT joined with a path relative to it; "/" + "usr/bin" is "/usr/bin", "/tmp/r" + "usr/bin" is "/tmp/r/usr/bin".
at() { echo "${ROOT%/}/$1"; }
real_root() { [ "$(cd "$ROOT" && pwd -P)" = / ]; }

check_root() {
  [ -d "$ROOT" ] || die "HANAT_ROOT=$ROOT is not a directory."
  [ "$(id -u)" -eq 0 ] || die "run as root: the image's files belong to root."
  if real_root; then
    local id="" version=""
    if [ -r /etc/os-release ]; then
      # shellcheck source=/dev/null
      id=$(. /etc/os-release && echo "${ID:-}")
      # shellcheck source=/dev/null
      version=$(. /etc/os-release && echo "${VERSION_ID:-}")
    fi
    if [ "$id" != amzn ] || [ "$version" != 2023 ]; then
      die "this installs into / only on Amazon Linux 2023 (this is ${id:-unknown} ${version:-}); set HANAT_ROOT=DIR to install into a directory."
    fi
  fi
}

# --- packages: the only step that uses the network.
pwsh_arch() {
  case "$1" in
    x86_64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) die "no PowerShell build for the architecture $1." ;;
  esac
}

# A checksum list as plain UTF-8 with LF line ends. PowerShell's releases publish hashes.sha256 in UTF-16LE with a
# byte-order mark and CRLF line ends, in which awk never finds a name: UTF-16 (by its BOM, either byte order; LE
# when it has no BOM but has NUL bytes) is converted, then a UTF-8 BOM and the CRs are dropped.
sums_text() {
  local file=$1 bom nuls
  bom=$(LC_ALL=C od -An -tx1 -N2 "$file" | tr -d ' \n')
  nuls=$(LC_ALL=C tr -cd '\000' <"$file" | wc -c)
  if [ "$bom" = fffe ]; then
    iconv -f UTF-16LE -t UTF-8 "$file"
  elif [ "$bom" = feff ]; then
    iconv -f UTF-16BE -t UTF-8 "$file"
  elif [ "$nuls" -gt 0 ]; then
    iconv -f UTF-16LE -t UTF-8 "$file"
  else
    cat "$file"
  fi | LC_ALL=C sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//'
}

# The SHA-256 that a checksum list gives for NAME, or nothing. Lines are "HASH  NAME" or "HASH *NAME".
listed_sum() {
  local file=$1 name=$2
  sums_text "$file" | awk -v n="$name" '{ f = $NF; sub(/^\*/, "", f) } f == n { print $1; exit }'
}

step_packages() {
  if ! real_root; then say "packages: skipped (HANAT_ROOT=$ROOT: no package manager or network into a throwaway root)"; return; fi
  [ -n "${HANAT_PWSH_VERSION:-}" ] || die "packages: HANAT_PWSH_VERSION is not set (the template passes it)."
  local machine expected arch
  machine=$(uname -m)
  arch=$(pwsh_arch "$machine")
  if [ -n "${HANAT_ARCHITECTURE:-}" ]; then
    expected=$(pwsh_arch "$HANAT_ARCHITECTURE")
    [ "$expected" = "$arch" ] || die "packages: the template asked for $HANAT_ARCHITECTURE, but this instance is $machine."
  fi

  say "packages: dnf install iptables-nft libicu"
  dnf -y -q install iptables-nft libicu

  local name base sums expected_sum actual_sum
  name="powershell-${HANAT_PWSH_VERSION}-linux-${arch}.tar.gz"
  base="https://github.com/PowerShell/PowerShell/releases/download/v${HANAT_PWSH_VERSION}"
  mkdir -p "$(dirname "$PWSH_TARBALL")"
  say "packages: downloading $base/$name"
  curl -fsSL --retry 5 --retry-connrefused -o "$PWSH_TARBALL" "$base/$name"
  if [ -n "${HANAT_PWSH_SHA256:-}" ]; then
    expected_sum=$HANAT_PWSH_SHA256
  else
    sums="$(dirname "$PWSH_TARBALL")/hashes.sha256"
    curl -fsSL --retry 5 --retry-connrefused -o "$sums" "$base/hashes.sha256"
    expected_sum=$(listed_sum "$sums" "$name")
    [ -n "$expected_sum" ] || die "packages: $base/hashes.sha256 does not list $name (or is in an encoding this does not read)."
  fi
  actual_sum=$(sha256sum "$PWSH_TARBALL" | awk '{ print $1 }')
  [ "${actual_sum,,}" = "${expected_sum,,}" ] || die "packages: $name has SHA-256 $actual_sum, expected $expected_sum."
  say "packages: $name verified (sha256 $actual_sum)"
}

# --- pwsh: unpack the tarball under the root.
step_pwsh() {
  if [ ! -f "$PWSH_TARBALL" ]; then
    if real_root; then die "pwsh: no tarball at $PWSH_TARBALL (run the packages step first)."; fi
    say "pwsh: skipped (no tarball at $PWSH_TARBALL; HANAT_PWSH_TARBALL names one)"
    return
  fi
  if [ -n "${HANAT_PWSH_SHA256:-}" ]; then
    local sum
    sum=$(sha256sum "$PWSH_TARBALL" | awk '{ print $1 }')
    [ "${sum,,}" = "${HANAT_PWSH_SHA256,,}" ] || die "pwsh: $PWSH_TARBALL has SHA-256 $sum, expected $HANAT_PWSH_SHA256."
  fi
  local home
  home=$(at "$PWSH_HOME")
  rm -rf "$home"
  install -d -m 0755 "$home" "$(at usr/bin)"
  tar -xzf "$PWSH_TARBALL" -C "$home" --no-same-owner
  [ -f "$home/pwsh" ] || die "pwsh: $PWSH_TARBALL has no pwsh at its top."
  chmod 0755 "$home/pwsh"
  chmod -R u=rwX,go=rX "$home"
  # An absolute link, as on the finished image; it dangles in a throwaway root until that root is /.
  ln -sfn "/$PWSH_HOME/pwsh" "$(at "$PWSH_LINK")"
  local shells
  shells=$(at etc/shells)
  if [ -f "$shells" ] && ! grep -qx "/$PWSH_LINK" "$shells"; then echo "/$PWSH_LINK" >>"$shells"; fi
  say "pwsh: installed into /$PWSH_HOME, linked from /$PWSH_LINK"
}

# --- files: module, units, drop-ins, enablement. No network.
# WantedBy= targets from a unit's [Install] section, one a line.
wanted_by() {
  awk '
    /^[[:space:]]*\[/ { section = $0; gsub(/[[:space:]]/, "", section); next }
    section == "[Install]" && /^[[:space:]]*WantedBy[[:space:]]*=/ {
      sub(/^[^=]*=[[:space:]]*/, ""); n = split($0, targets, /[[:space:]]+/)
      for (i = 1; i <= n; i++) if (targets[i] != "") print targets[i]
    }' "$1"
}

step_files() {
  [ -f "$MODULE_DIR/HaNat.psd1" ] || die "files: no module at $MODULE_DIR (HaNat.psd1 missing; run ./build.sh)."
  [ -f "$MONITOR_DIR/hanat-monitor" ] || die "files: no hanat-monitor at $MONITOR_DIR (packer/scripts/publish.sh publishes it)."
  [ -d "$FILES_DIR" ] || die "files: no directory $FILES_DIR."
  local unit module
  for unit in "${UNITS[@]}"; do [ -f "$UNITS_DIR/$unit" ] || die "files: no unit $UNITS_DIR/$unit."; done

  module=$(at "$MODULE_TARGET")
  rm -rf "$module"
  install -d -m 0755 "$module"
  cp -R --no-preserve=ownership "$MODULE_DIR/." "$module/"
  # Data and assemblies, nothing to execute: 0644, whatever modes the build left.
  find "$module" -type d -exec chmod 0755 {} +
  find "$module" -type f -exec chmod 0644 {} +
  say "files: module $(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$module/HaNat.psd1") into /$MODULE_TARGET"

  # The monitor's executable 0755: one native file (Native AOT), or, from publish.sh's ReadyToRun fallback, the
  # apphost with the runtime and assemblies beside it 0644 (the runtime's native libraries are mapped, not executed).
  local monitor
  monitor=$(at "$MONITOR_TARGET")
  rm -rf "$monitor"
  install -d -m 0755 "$monitor"
  cp -R --no-preserve=ownership "$MONITOR_DIR/." "$monitor/"
  find "$monitor" -type d -exec chmod 0755 {} +
  find "$monitor" -type f -exec chmod 0644 {} +
  chmod 0755 "$monitor/hanat-monitor"
  say "files: hanat-monitor into /$MONITOR_TARGET"

  # packer/files mirrors the root: every file lands at its own path, 0644, in directories 0755.
  local file relative
  while IFS= read -r -d '' file; do
    relative=${file#"$FILES_DIR"/}
    install -d -m 0755 "$(dirname "$(at "$relative")")"
    install -m 0644 "$file" "$(at "$relative")"
    say "files: /$relative"
  done < <(find "$FILES_DIR" -type f -print0 | sort -z)

  local units wants target
  units=$(at "$UNIT_TARGET")
  install -d -m 0755 "$units"
  for unit in "${UNITS[@]}"; do
    install -m 0644 "$UNITS_DIR/$unit" "$units/$unit"
    target=$(wanted_by "$units/$unit")
    [ -n "$target" ] || die "files: $unit has no WantedBy= in [Install]: nothing would start it."
    while IFS= read -r target; do
      wants="$units/$target.wants"
      install -d -m 0755 "$wants"
      ln -sfn "/$UNIT_TARGET/$unit" "$wants/$unit"
      say "files: /$UNIT_TARGET/$unit, enabled in $target"
    done <<<"$target"
  done
}

# Applies one sysctl.d file as the boot does (systemd-sysctl, which reads globs such as net.ipv4.conf.*.x; Amazon
# Linux 2023's procps-ng 3.3 sysctl -p does not), then reads every key back from /proc/sys: each must exist (a glob
# must match something) and hold the file's value. systemd-sysctl only logs a key it cannot find, so the read-back is
# what catches a misspelt key. Only this file: other packages' drop-ins are not HaNat's to vouch for.
SYSTEMD_SYSCTL=${HANAT_SYSTEMD_SYSCTL:-/usr/lib/systemd/systemd-sysctl}
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }
apply_sysctl_file() {
  local file=$1 line key value path actual found
  [ -f "$file" ] || die "sysctl: no file $file."
  # Absolute: systemd-sysctl looks a bare name up in its own directories.
  file="$(cd "$(dirname "$file")" && pwd -P)/$(basename "$file")"
  "$SYSTEMD_SYSCTL" "$file" || die "sysctl: systemd-sysctl could not apply $file."
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*([#\;]|$) ]] && continue
    [[ $line == *=* ]] || die "sysctl: $file: not a key = value line: $line"
    key=${line%%=*} value=${line#*=}
    key=$(trim "$key") value=$(trim "$value")
    key=${key#-}
    found=0
    for path in /proc/sys/${key//.//}; do
      [ -e "$path" ] || continue
      found=1
      actual=$(<"$path")
      [ "$actual" = "$value" ] || die "sysctl: ${path#/proc/sys/} is $actual after applying $file, which sets $value."
    done
    [ "$found" = 1 ] || die "sysctl: $file sets $key, which this kernel does not have (misspelt?)."
  done <"$file"
  say "sysctl: $file applied and read back"
}

# --- verify: the finished instance, as it will boot.
step_verify() {
  if ! real_root; then say "verify: skipped (HANAT_ROOT=$ROOT: needs the image's own pwsh, iptables and systemd)"; return; fi
  "/$MONITOR_TARGET/hanat-monitor" --help >/dev/null || die "verify: /$MONITOR_TARGET/hanat-monitor does not run."
  "/$PWSH_LINK" -NoProfile -NonInteractive -Command \
    "\$ErrorActionPreference = 'Stop'; Import-Module /$MODULE_TARGET/HaNat.psd1; foreach (\$c in 'Invoke-HaNatTakeover', 'Start-HaNatMonitor') { \$null = Get-Command \$c -Module HaNat }; 'pwsh ' + \$PSVersionTable.PSVersion + ', HaNat ' + (Get-Module HaNat).Version"
  iptables -V
  local unit
  for unit in "${UNITS[@]}"; do systemd-analyze verify "/$UNIT_TARGET/$unit"; done
  apply_sysctl_file /etc/sysctl.d/90-hanat.conf
  for unit in "${UNITS[@]}"; do
    [ "$(systemctl is-enabled "$unit")" = enabled ] || die "verify: $unit is not enabled."
  done
  say "verify: pwsh imports HaNat, hanat-monitor runs, iptables runs, the units verify and are enabled"
}

# --- cleanup: nothing of the build instance stays in the image.
step_cleanup() {
  if real_root; then dnf clean all -q || true; fi
  local prefix=${ROOT%/} pattern path
  local patterns=(etc/ssh/ssh_host_'*' root/.ssh/authorized_keys home/'*'/.ssh/authorized_keys
    root/.bash_history home/'*'/.bash_history var/lib/cloud/instance var/lib/cloud/instances var/lib/cloud/data
    var/lib/cloud/sem var/log/cloud-init.log var/log/cloud-init-output.log var/log/journal/'*' var/cache/dnf/'*')
  shopt -s nullglob
  for pattern in "${patterns[@]}"; do
    # The root quoted, the pattern left to glob: only what exists under the root matches.
    # shellcheck disable=SC2206
    local matches=("$prefix"/$pattern)
    for path in "${matches[@]}"; do rm -rf -- "$path"; done
  done
  shopt -u nullglob
  if [ -f "$(at etc/machine-id)" ]; then : >"$(at etc/machine-id)"; fi
  if real_root && [ -d "$STAGE" ]; then rm -rf -- "$STAGE"; fi
  say "cleanup: no host keys, authorized keys, cloud-init state, logs, history, dnf cache or machine id left"
}

main() {
  local steps=("$@") step
  [ ${#steps[@]} -gt 0 ] || steps=(packages pwsh files verify cleanup)
  for step in "${steps[@]}"; do
    case "$step" in
      packages | pwsh | files | verify | cleanup) ;;
      *) die "unknown step '$step' (steps: packages pwsh files verify cleanup)." ;;
    esac
  done
  check_root
  say "into $ROOT: ${steps[*]}"
  for step in "${steps[@]}"; do "step_$step"; done
  say "done"
}

# Run as a script, the steps; sourced (the tests do), only the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
