#!/usr/bin/env bash
# Publishes what the NAT image installs that is built per architecture, on the machine that runs Packer, before
# `packer build` (which uploads OUT; it needs the .NET SDK and NuGet, as ./build.sh does; see packer/README.md):
#
#   packer/scripts/publish.sh ARCHITECTURE OUT      ARCHITECTURE: arm64 or x86_64 (the template's variable)
#
#   OUT/monitor/   the hanat-monitor executable, Native AOT (one native file: no .NET runtime to install, no JIT,
#                  about half the memory of a ReadyToRun build; bench/footprint/README.md): what hanat-monitor.service
#                  runs, from /opt/hanat/monitor. Native AOT links with a C toolchain: this machine's (gcc or
#                  clang) for its own architecture; for the other one, clang with that architecture's C runtime and
#                  binutils (Debian, Ubuntu: apt-get install clang gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
#                  for arm64 on x86_64). Without them it publishes the monitor self-contained and ReadyToRun
#                  instead, and says so.
#   OUT/module/    the built module (out/HaNat, or HANAT_MODULE_DIR) with HaNat.dll and the AWS SDK's assemblies
#                  compiled ReadyToRun for the architecture, against pwsh's own System.Management.Automation: the boot
#                  takeover's cold start (pwsh, Import-Module, Invoke-HaNatTakeover) JITs far less. The assemblies stay
#                  IL too: a runtime that cannot use the native code (another .NET major) JITs them as before.
#
# The runtime packs and crossgen2 come from NuGet (Microsoft.NETCore.App.Runtime.linux-<arch>,
# Microsoft.NETCore.App.Crossgen2.linux-<host arch>); the SDK picks their version. Run ./build.sh first (the module).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

die() { echo "publish: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: publish.sh ARCHITECTURE OUT (ARCHITECTURE: arm64 or x86_64)"
case "$1" in
  arm64 | aarch64) rid=linux-arm64 target=arm64 ;;
  x86_64 | x64 | amd64) rid=linux-x64 target=x64 ;;
  *) die "no build for the architecture '$1' (arm64 or x86_64)" ;;
esac
out=$2
module_dir=${HANAT_MODULE_DIR:-$root/out/HaNat}
[ -f "$module_dir/HaNat.psd1" ] || die "no module at $module_dir (run ./build.sh first)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

rm -rf "$out/monitor" "$out/module"
mkdir -p "$out"
host=$(uname -m)
case "$host" in x86_64) host=x64 ;; aarch64) host=arm64 ;; esac
project="$root/src/HaNat.MonitorHost/HaNat.MonitorHost.csproj"
# The GNU triple of the target, for a cross link: its C runtime (/usr/TRIPLE, gcc's files under gcc-cross) and
# binutils (TRIPLE-objcopy strips the symbols) are what Debian's gcc-TRIPLE and binutils-TRIPLE packages install.
case "$target" in arm64) triple=aarch64-linux-gnu ;; x64) triple=x86_64-linux-gnu ;; esac
cross_ready() {
  command -v clang >/dev/null 2>&1 && command -v "$triple-objcopy" >/dev/null 2>&1 && [ -d "/usr/$triple/lib" ] &&
    compgen -G "/usr/lib/gcc-cross/$triple/*/crtbegin.o" >/dev/null
}
if [ "$host" = "$target" ] && { command -v clang || command -v gcc; } >/dev/null 2>&1; then
  echo "publish: hanat-monitor for $rid (Native AOT) into $out/monitor"
  dotnet publish "$project" -c Release -r "$rid" -o "$out/monitor" -nologo -v quiet -clp:ErrorsOnly
elif [ "$host" != "$target" ] && cross_ready; then
  # clang links for the target (the compiler passes --target=$triple) against its C runtime.
  echo "publish: hanat-monitor for $rid (Native AOT, cross-linked with clang) into $out/monitor"
  dotnet publish "$project" -c Release -r "$rid" -p:CppCompilerAndLinker=clang -p:ObjCopyName="$triple-objcopy" \
    -o "$out/monitor" -nologo -v quiet -clp:ErrorsOnly
else
  echo "publish: warning: no Native AOT link for $rid here: that needs, on a $1 machine, gcc or clang; on another" \
    "architecture, clang and that architecture's C runtime and binutils (Debian, Ubuntu: apt-get install clang" \
    "gcc-$triple binutils-$triple). hanat-monitor for $rid is published self-contained and ReadyToRun instead" \
    "(about twice the memory on the NAT)." >&2
  dotnet publish "$project" -c Release -r "$rid" --self-contained -p:PublishAot=false -p:PublishReadyToRun=true \
    -o "$out/monitor" -nologo -v quiet -clp:ErrorsOnly
fi
rm -f "$out/monitor"/*.pdb "$out/monitor"/*.dbg
[ -x "$out/monitor/hanat-monitor" ] || die "the publish made no $out/monitor/hanat-monitor"
# What the module's ReadyToRun compile needs: crossgen2 for this machine and the architecture's framework.
dotnet restore "$project" -r "$rid" -p:PublishAot=false -p:PublishReadyToRun=true -p:SelfContained=true -nologo -v quiet >/dev/null

# crossgen2 for this machine, and the architecture's framework (restored above), and the
# System.Management.Automation of the pwsh the image installs (dotnet-tools.json's, which the tests run with).
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
# The newest of the paths a glob matched (none: nothing).
newest() { if [ $# -gt 0 ]; then printf '%s\n' "$@" | sort -V | tail -1; fi; }
shopt -s nullglob
crossgen=$(newest "$packages"/microsoft.netcore.app.crossgen2.linux-"$host"/*/tools/crossgen2)
framework=$(newest "$packages"/microsoft.netcore.app.runtime."$rid"/*/runtimes/"$rid"/lib/net*/)
pwsh_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$root/dotnet-tools.json" | head -1)
automation=$(newest "$packages"/powershell/"$pwsh_version"/tools/net*/any/unix/System.Management.Automation.dll)
shopt -u nullglob
[ -x "$crossgen" ] || die "no crossgen2 in $packages (the restore above fetches it)"
[ -d "$framework" ] || die "no $rid runtime pack in $packages"
[ -f "$automation" ] || die "no System.Management.Automation.dll of pwsh $pwsh_version in $packages (dotnet tool restore)"

echo "publish: the module with ReadyToRun assemblies for $rid into $out/module"
cp -R "$module_dir" "$out/module"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dll in "$module_dir"/HaNat.dll "$module_dir"/AWSSDK.*.dll; do
  name=$(basename "$dll")
  "$crossgen" "$dll" -o "$work/$name" --targetos linux --targetarch "$target" -O \
    -r "$framework*.dll" -r "$module_dir/*.dll" -r "$automation" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; die "crossgen2 could not compile $name"; }
  cp "$work/$name" "$out/module/$name"
done
echo "publish: done ($(du -sh "$out/monitor" | cut -f1) monitor, $(du -sh "$out/module" | cut -f1) module)"
