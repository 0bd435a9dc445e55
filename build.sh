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
cp HaNat.psd1 "$out/"
# pwsh 7 brings its own System.* and Microsoft.Bcl.* assemblies; ship only HaNat and the AWS SDK.
cp "$bin"/HaNat.dll "$bin"/AWSSDK.*.dll "$out/"
cp src/HaNat/HaNat.Format.ps1xml "$out/"
if compgen -G "src/HaNat/en-US/*" >/dev/null; then cp src/HaNat/en-US/* "$out/en-US/"; fi
echo "built $out"
