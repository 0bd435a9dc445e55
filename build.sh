#!/usr/bin/env bash
# Builds the module into out/HaNat/ (importable: Import-Module ./out/HaNat/HaNat.psd1).
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"

dotnet tool restore >/dev/null
dotnet build src/HaNat/HaNat.csproj -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

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
echo "built $out"
