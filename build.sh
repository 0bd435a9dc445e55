#!/usr/bin/env bash
# Builds the module into out/HaNat/ (importable: Import-Module ./out/HaNat/HaNat.psd1), and the monitor's executable
# into out/hanat-monitor/: published Native AOT for this machine, as the image build publishes it for the NAT's
# architecture (packer/scripts/publish.sh), so that the tests and the namespace harness run what a NAT runs. The
# native link needs a C toolchain (clang, or gcc); scripts/bootstrap.sh installs gcc where it is missing.
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"

dotnet tool restore >/dev/null
# The executable references the library: one build makes both.
dotnet build src/HaNat.MonitorHost/HaNat.MonitorHost.csproj -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

bin="src/HaNat/bin/$configuration/netstandard2.0"
out="out/HaNat"
rm -rf "$out"
mkdir -p "$out/en-US"
cp HaNat.psd1 LICENSE "$out/"
# pwsh 7 brings its own System.* and Microsoft.Bcl.* assemblies; ship only HaNat and the AWS SDK.
cp "$bin"/HaNat.dll "$bin"/AWSSDK.*.dll "$out/"
cp src/HaNat/HaNat.Format.ps1xml "$out/"
# Help: regenerated from docs/help/ and the built cmdlets; what is missing is listed and fails the help tests.
dotnet pwsh -NoProfile -NonInteractive -File scripts/build-help.ps1 -ModulePath "$out/HaNat.psd1" ||
  echo "build: the help is incomplete (listed above); tests/pester/Help.Tests.ps1 will fail" >&2
cp src/HaNat/en-US/* "$out/en-US/"
monitor="out/hanat-monitor"
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64 | arm64) rid=linux-arm64 ;; *) echo "build: no monitor build for $(uname -m)" >&2; exit 1 ;; esac
rm -rf "$monitor"
dotnet publish src/HaNat.MonitorHost/HaNat.MonitorHost.csproj -c "$configuration" -r "$rid" -o "$monitor" -nologo -v quiet -clp:ErrorsOnly
rm -f "$monitor"/*.pdb "$monitor"/*.dbg
[ -x "$monitor/hanat-monitor" ] || { echo "build: the publish made no $monitor/hanat-monitor" >&2; exit 1; }
echo "built $monitor"
echo "built $out"
