#Requires -Version 7.4
<#
.SYNOPSIS
    HaNat's failover, seen: a three-zone HaNat VPC on an AWS emulator, its NATs in Linux network namespaces running
    the real monitor, a private host per zone requesting, one NAT killed, and the timeline of what followed.

.DESCRIPTION
    ./demo.sh runs this when it runs as root on Linux (sudo ./demo.sh) and the namespace harness's tools are there
    (iproute2, iptables, python3 with moto; scripts/bootstrap.sh installs them). By hand, after ./build.sh:
        sudo dotnet pwsh -File examples/demo-failover.ps1
    Everything happens on this machine, in network namespaces with random names (hnt-XXXXXX-*), which are deleted
    at the end whatever happens (also on Ctrl+C); nothing touches real AWS.

    The machinery is the failover harness the tests use (tests/netns/Failover.psm1, described in
    tests/netns/README.md): moto_server in a namespace, one namespace per NAT instance and per private host, an
    "internet" that answers each request with the address it came from, and a router that makes each private
    host's default route follow its route table in moto, so that a route HaNat writes through the EC2 API moves
    real packets.

    The VPC is made as a user makes one: a VPC of three zones whose private tables have no way out yet, then
    Add-HaNatVpc -VpcId -Name -IncludeRouteTableId (HaNat's NATs take the tables named, and each zone gets an Elastic
    IP; an internet gateway stand-in translates each NAT's private IP to the address associated with it). Each NAT
    runs what the image runs: the boot takeover (Invoke-HaNatTakeover), then the monitor (out/hanat-monitor, the
    native executable ./build.sh makes). Then one NAT is killed: its processes, its links, as a machine that stops.
    The other NATs' monitors find it silent, one takes its zone (and the zone's Elastic IP, so the internet keeps
    seeing the zone's own address), and Auto Scaling's replacement (the harness stands in for the group: moto
    replaces nothing) boots and takes its zone back. Last, Test-HaNatRouting audits the VPC.

    Exits 0 when egress came back, the zone failed back and Test-HaNatRouting finds every private subnet healthy;
    1 otherwise; 3 when this machine cannot run it (the reason is printed: demo.sh then runs examples/demo.ps1).
#>
[CmdletBinding()]
param(
    # The zone whose NAT dies.
    [ValidateSet('a', 'b', 'c')] [string] $Zone = 'b',
    # Where the harness keeps its logs while it runs (kept when something went wrong). Default: a new temp directory.
    [string] $WorkDirectory,
    # A file the harness's run suffix is written to, so that demo.sh can clean up after a pwsh that was killed.
    [string] $SuffixPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Import-Module (Join-Path $repo 'tests/netns/Failover.psm1') -Force
. (Join-Path $PSScriptRoot 'demo-failover-timeline.ps1')

$skip = Get-FailoverSkipReason
if ($skip) { Write-Host "demo-failover: cannot run here: $skip"; exit 3 }
foreach ($built in 'out/HaNat/HaNat.psd1', 'out/hanat-monitor/hanat-monitor') {
    if (-not (Test-Path -LiteralPath (Join-Path $repo $built))) { Write-Host "demo-failover: cannot run here: $built is missing (run ./build.sh)"; exit 3 }
}

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

# A table as wide as its content, whatever the width of the terminal (or of none, in a log).
function Show-Table([object[]] $Property) {
    $input | Format-Table -Property $Property -AutoSize | Out-String -Width 250 -Stream | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ } | Out-Host
}

$started = Get-Date
function Get-Elapsed { '{0:0} s into the demo' -f ((Get-Date) - $started).TotalSeconds }
$fabric = $null
$ok = $false
$ended = $false
try {
    Write-Step 'A VPC of three zones on moto, its private subnets with no way out yet; machines in network namespaces'
    # -ElasticIps: an internet gateway that translates each NAT's private IP to its Elastic IP, from moto's associations.
    $fabric = New-FailoverFabric -Existing -NoNatGateways -ElasticIps -WorkDirectory $WorkDirectory
    if ($SuffixPath) { Set-Content -LiteralPath $SuffixPath -Value $fabric.Suffix }
    Write-Host "VPC $($fabric.Vpc.vpcId) ($(Get-Elapsed)); namespaces hnt-$($fabric.Suffix)-*; logs in $($fabric.Work)"

    # Tables with no default route yet: HaNat is told which ones to serve.
    $tables = @($fabric.Zones | ForEach-Object RouteTableId)
    Write-Step "Add-HaNatVpc -VpcId $($fabric.Vpc.vpcId) -Name demo -IncludeRouteTableId $($tables -join ','); each NAT boots: boot takeover, monitor"
    $migration = Add-FailoverMigration $fabric -Name demo -Parameters @{ IncludeRouteTableId = $tables }
    Write-Host "Add-HaNatVpc took $($migration.AddSeconds) s; every zone on its own NAT $($migration.Seconds) s after it began ($(Get-Elapsed))"
    $fabric.Zones | ForEach-Object {
        [pscustomobject]@{ Zone = $_.Name; Nat = $_.InstanceId; PrivateIp = $_.PrivateIp; ElasticIp = $_.ElasticIp; PrivateHost = $_.PrivateHostIp; Monitor = 'out/hanat-monitor' }
    } | Show-Table Zone, Nat, PrivateIp, ElasticIp, PrivateHost, Monitor

    $victim = Get-FailoverZone $fabric $Zone
    Write-Step "Every private host requests http://198.51.100.1:8080/ every 50 ms; the NAT of $($victim.Name) is killed"
    $measure = Measure-Failover $fabric -Kind NatDead -Zone $Zone -TimeoutSeconds 30 -HoldSeconds 1
    $timeline = Get-DemoFailoverTimeline $fabric $measure
    Write-Host ''
    Format-DemoFailoverTimeline $timeline | Out-Host
    Write-Host "($(Get-Elapsed))"

    Write-Step "Test-HaNatRouting -VpcId $($fabric.Vpc.vpcId)"
    $audit = Invoke-FailoverHaNat $fabric Test-HaNatRouting @{ VpcId = $fabric.Vpc.vpcId }
    if (@($audit.Errors).Count) { throw "Test-HaNatRouting failed: $($audit.Errors | ConvertTo-Json -Compress)" }
    @($audit.Output) | Show-Table SubnetId, AvailabilityZone, RouteTableId, Target, Status
    $unhealthy = @($audit.Output | Where-Object Status -NE 'Healthy')
    Write-Host "Test-HaNatRouting: $(@($audit.Output).Count - $unhealthy.Count) of $(@($audit.Output).Count) private subnets healthy"

    $ok = $measure.Restored -and $measure.FailedBack -and -not $unhealthy
    $ended = $true
} catch {
    $ended = $true
    Write-Host "demo-failover: failed: $_"
    Write-Host $_.ScriptStackTrace
} finally {
    # Ctrl+C stops the script with neither (only this block runs).
    if (-not $ended) { Write-Host "`ndemo-failover: interrupted; cleaning up" }
    if ($fabric) {
        $left = @(Remove-FailoverFabric $fabric -KeepLogs:(-not $ok))
        if ($left.Count) { Write-Host "demo-failover: the clean-up left: $($left -join '; ')"; $ok = $false }
        elseif (-not $ok) { Write-Host "demo-failover: namespaces deleted; the logs are kept in $($fabric.Work)" }
        else { Write-Host "`nnamespaces deleted, moto stopped; the demo took $([int]((Get-Date) - $started).TotalSeconds) s" }
    }
}
exit $(if ($ok) { 0 } else { 1 })
