#!/usr/bin/env bash
# Builds the module into out/HaNat/ (importable: Import-Module ./out/HaNat/HaNat.psd1), and the monitor's executable
# host into out/hanat-monitor/ (framework-dependent: out/hanat-monitor/hanat-monitor runs with the machine's dotnet;
# the image publishes it self-contained, packer/scripts/publish-monitor.sh).
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
rm -rf "$monitor"
mkdir -p "$monitor"
cp src/HaNat.MonitorHost/bin/"$configuration"/net10.0/{hanat-monitor,*.dll,*.json} "$monitor/"
echo "built $monitor"
echo "built $out"
