<#
.SYNOPSIS
    Runs HaNat's Pester suites (tests/pester/*.Tests.ps1) with the Pester that tests/tools/Tools.proj pins.

.DESCRIPTION
    Pester comes from the NuGet global packages folder, where scripts/bootstrap.sh restores it; no Pester
    installed on the machine is ever used. ./test.sh runs this with moto started and HANAT_TEST_ENDPOINT set;
    to run one suite by hand:
        eval "$(scripts/moto.sh start)"; export HANAT_TEST_ENDPOINT=$HANAT_MOTO_URL
        dotnet pwsh -NoProfile -File scripts/run-pester.ps1 -Path tests/pester/Harness.Tests.ps1

    Filters: -Tag / -ExcludeTag, or HANAT_PESTER_TAG / HANAT_PESTER_EXCLUDE_TAG (comma-separated) when the
    parameters are not given. Nothing is excluded by default.

    Exit code: 0 when Pester's result is Passed, 1 when anything failed (a test, a block's setup, a file that
    could not be discovered), 2 when Pester itself could not run. -CountsPath writes the counts as JSON for
    test.sh; it is written only when Pester ran to the end, so a missing file means a crash.
#>
[CmdletBinding()]
param(
    [string[]] $Path = @([IO.Path]::GetFullPath((Join-Path $PSScriptRoot '..' 'tests' 'pester'))),
    # Files or folders under -Path to leave out (test.sh runs the failover suite beside the others).
    [string[]] $ExcludePath = @(),
    [string[]] $Tag,
    [string[]] $ExcludeTag,
    [string] $TestResultPath,
    [string] $CountsPath,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Split-List([string] $Text) {
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    @($Text -split '[,\s]+' | Where-Object { $_ })
}

function Get-PesterManifest {
    $toolsProject = Join-Path $PSScriptRoot '..' 'tests' 'tools' 'Tools.proj'
    $download = ([xml](Get-Content -Raw -LiteralPath $toolsProject)).Project.ItemGroup.PackageDownload |
        Where-Object Include -EQ 'Pester' | Select-Object -First 1
    if (-not $download) { throw "$toolsProject names no Pester PackageDownload." }
    $version = $download.Version.Trim('[', ']', ' ')

    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = dotnet nuget locals global-packages --list | Select-String -Pattern '^global-packages:\s*(.+)$' | Select-Object -First 1
        if (-not $line) { throw 'Could not find the NuGet global packages folder (dotnet nuget locals global-packages --list).' }
        $packages = $line.Matches[0].Groups[1].Value.Trim()
    }
    $manifest = Join-Path $packages 'pester' $version 'tools' 'Pester.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $version is not in $packages. Run scripts/bootstrap.sh, which restores it from NuGet."
    }
    $manifest
}

# Plain text when the output goes to a file or a pipe (CI logs), colors on a terminal.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
if ($CountsPath -and (Test-Path -LiteralPath $CountsPath)) { Remove-Item -LiteralPath $CountsPath }

# pwsh -File hands an array parameter one string: test.sh passes several paths comma-separated.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$ExcludePath = @($ExcludePath | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

try {
    # Pester searches the whole file system for a path that does not exist: refuse it here instead.
    $missing = @($Path | Where-Object { -not (Test-Path -Path $_) })
    if ($missing) { throw "no such test path: $($missing -join ', ')" }

    Import-Module (Get-PesterManifest) -Force
    $pester = Get-Module Pester

    if (-not $PSBoundParameters.ContainsKey('Tag')) { $Tag = Split-List $env:HANAT_PESTER_TAG }
    if (-not $PSBoundParameters.ContainsKey('ExcludeTag')) { $ExcludeTag = Split-List $env:HANAT_PESTER_EXCLUDE_TAG }

    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    if ($ExcludePath) { $config.Run.ExcludePath = @($ExcludePath | ForEach-Object { [IO.Path]::GetFullPath($_) }) }
    $config.Run.PassThru = $true
    $config.Run.Exit = $false
    $config.Run.Throw = $false
    $config.Output.Verbosity = $Verbosity
    if ($Tag) { $config.Filter.Tag = $Tag }
    if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
    if ($TestResultPath) {
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnitXml'
        $config.TestResult.OutputPath = $TestResultPath
    }

    $filters = @(if ($Tag) { "tag $($Tag -join ',')" }; if ($ExcludeTag) { "excluding $($ExcludeTag -join ',')" }
        if ($ExcludePath) { "without $($ExcludePath -join ', ')" })
    Write-Host "Pester $($pester.Version) on PowerShell $($PSVersionTable.PSVersion), $($Path -join ', ')$(if ($filters) { ' (' + ($filters -join '; ') + ')' })"

    $result = Invoke-Pester -Configuration $config
    if ($null -eq $result) { throw 'Invoke-Pester returned no result (see its error above).' }
}
catch {
    Write-Host "run-pester: Pester could not run: $($_.Exception.Message)"
    Write-Host $_.ScriptStackTrace
    exit 2
}

# A failed BeforeAll fails its block's tests, which FailedCount already holds; a file that fails discovery
# (a syntax error, a throw at the top) fails a container and holds no tests at all: count each such file once.
# A block that failed with no test failed in it (an AfterAll) counts once too.
$failedBlocksWithoutTests = @($result.FailedBlocks | Where-Object { -not @($_.Tests | Where-Object Result -EQ 'Failed') }).Count
$counts = [ordered]@{
    runner  = 'pester'
    passed  = $result.PassedCount
    failed  = $result.FailedCount + $result.FailedContainersCount + $failedBlocksWithoutTests
    skipped = $result.SkippedCount
    notRun  = $result.NotRunCount
    result  = $result.Result
}
if ($counts.failed -eq 0 -and $result.Result -ne 'Passed') { $counts.failed = 1 }
# What failed, a line each, so that the closing summary (the tail of a CI log) names it: the test's path and the
# first line of its error.
function Get-FirstErrorLine($Item) {
    $record = @($Item.ErrorRecord) | Select-Object -First 1
    if (-not $record) { return '' }
    (($record.Exception.Message -split "`n") | Select-Object -First 1).Trim()
}
$counts.failures = @(
    @($result.Failed) | ForEach-Object { "$($_.ExpandedPath): $(Get-FirstErrorLine $_)" }
    @($result.FailedBlocks) | ForEach-Object { "$($_.ExpandedPath) (block): $(Get-FirstErrorLine $_)" }
    @($result.FailedContainers) | ForEach-Object { "$($_.Item) (file): $(Get-FirstErrorLine $_)" }
)

if ($CountsPath) { $counts | ConvertTo-Json -Compress | Set-Content -LiteralPath $CountsPath -Encoding utf8NoBOM }
exit $(if ($counts.failed -gt 0) { 1 } else { 0 })
