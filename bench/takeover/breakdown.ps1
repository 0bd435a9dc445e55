# Where a boot takeover's time goes inside one pwsh process; bench/takeover/run.sh runs it and prints medians.
#   pwsh -NoProfile -NonInteractive -File breakdown.ps1 MODULE URL INSTANCE_ID FIXTURE_PY
# INSTANCE_ID is the replacement NAT of a fixture built beforehand; a second fixture (built by FIXTURE_PY, which
# resets moto) serves the warm takeover. Prints one line of name=milliseconds.
# No cmdlet runs before Import-Module, so that the import pays pwsh's first-command costs as it does in the boot
# command (only .NET calls and expressions run before it, and they need no command discovery).
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $InstanceId,
    [Parameter(Mandatory)] [string] $Fixture
)
$processToScript = ([datetime]::Now - [System.Diagnostics.Process]::GetCurrentProcess().StartTime).TotalMilliseconds
$script = [System.Diagnostics.Stopwatch]::StartNew()
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Module
$import = $clock.Elapsed.TotalMilliseconds

# One takeover, timed; -Verbose gives each AWS call's own duration (HaNat's call log).
function Measure-Takeover([string] $Id) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $out = Invoke-HaNatTakeover -InstanceId $Id -EndpointUrl $Url -Region us-east-1 -Verbose 4>&1
    $ms = $watch.Elapsed.TotalMilliseconds
    $results = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
    if ($results.Count -ne 2) { throw "the takeover of $Id returned $($results.Count) results, not 2" }
    $calls = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object {
        if ($_.Message -match '^EC2 (\w+) .*\((\d+) ms\)$') { [pscustomobject]@{ Op = $Matches[1]; Ms = [int]$Matches[2] } } })
    # The snapshot's three describes run concurrently: on the critical path they count as the longest of them.
    $concurrent = 'DescribeSubnets', 'DescribeRouteTables', 'DescribeAddresses'
    $inCalls = [double]($calls | Where-Object Op -notin $concurrent | Measure-Object -Property Ms -Sum).Sum +
        [double]($calls | Where-Object Op -in $concurrent | Measure-Object -Property Ms -Maximum).Maximum
    [pscustomobject]@{ Ms = $ms; InCalls = $inCalls; FirstCall = $calls[0].Ms; Results = $results }
}

# Cold: the first takeover in the process, as at boot.
$cold = Measure-Takeover $InstanceId

# The default output formatting that the boot command pays once, at the end of its pipeline (cold too).
$clock.Restart()
$null = $cold.Results | Out-String
$format = $clock.Elapsed.TotalMilliseconds

# Warm: the same work again in the same process, on a fresh fixture (JIT, SDK and HTTP set-up already paid).
$fresh = (& python3 $Fixture build $Url) -split ' '
if ($LASTEXITCODE -ne 0) { throw "the second fixture could not be built" }
$warm = Measure-Takeover $fresh[0]

# script: all of this script, for the caller to tell process launch and exit from the wall time it measures.
'process_to_script={0:f0} import={1:f0} takeover_cold={2:f0} cold_in_aws_calls={3:f0} cold_first_call={4:f0} format={5:f0} takeover_warm={6:f0} warm_in_aws_calls={7:f0} script={8:f0}' -f `
    $processToScript, $import, $cold.Ms, $cold.InCalls, $cold.FirstCall, $format, $warm.Ms, $warm.InCalls, $script.Elapsed.TotalMilliseconds
