#Requires -Version 7.4
<#
.SYNOPSIS
    bench/failover: how long a private host goes without egress when its zone's NAT fails, and how long the
    zone takes to fail back when a replacement boots. See bench/failover/README.md; bench/failover/run.sh builds
    and runs this.

.DESCRIPTION
    One harness (tests/netns/Failover.psm1: three zones in network namespaces, moto, the router, the real module
    with Start-HaNatMonitor at its default settings) serves every run. Each fault is injected -Runs times, at a
    zone that rotates, after the steady state (every zone on its own NAT, every monitor hearing every peer).
    Per run: injection -> end of the first successful request from the zone's private host (restored), injection ->
    a monitor's first peer-failed about the NAT (detected), -> a monitor's takeover of the zone written to EC2
    (takeover), -> the router moving the zone's route (moved), the replacement's boot -> first success through the zone's own NAT
    again (failback), and collateral: a zone that was not faulted moving, or a zone not back on its own NAT at the
    end (the fabric is then repaired through the EC2 API before the next run, and the run counts as failed). Prints one line per run, a table per fault, and last:
        failover faults=N restored=N median_s=X worst_s=Y
    over every run. It asserts nothing about time; it exits 1 when a run's egress did not come back, the zone did
    not fail back, a run did collateral damage, or the harness failed.

    -ElasticIps runs the harness with each zone's Elastic IP and the internet gateway that translates it (the
    internet sees real source addresses), and adds per run the share of the failed zone's successful requests the
    internet saw from the zone's own address before the fault, during the failover (once the route moved) and after
    failback, the addresses seen during, and the requests lost from the replacement's boot on (the address moving
    back); the last line gains, at its end:
        own_eip_share_before=B own_eip_share_during=D own_eip_share_after=A failed_at_failback=N
    (the worst run's shares; the failures summed).

    The first run of each fault is also drawn (Timeline.ps1, with gnuplot): every zone's requests around the fault
    and the moments of detection, takeover, egress back and failback, into -PictureDirectory/failover-KIND.png.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100)] [int] $Runs = 5,
    [string[]] $Fault = @('NatDead', 'MonitorKilled', 'IpForwardOff', 'MasqueradeDeleted', 'ForwardDrop', 'UplinkDown',
        'UplinkBlackhole', 'HeartbeatsBlocked', 'NatDead x2', 'Ec2Error+NatDead', 'Ec2Throttled+NatDead', 'Ec2Hanging+NatDead'),
    [double] $TimeoutSeconds = 30,
    [double] $HoldSeconds = 3,
    [hashtable] $MonitorParameters = @{},
    [switch] $ElasticIps,
    # Where the first run of each fault draws its timeline (FAILOVER_PICTURES from run.sh; default out/bench).
    [string] $PictureDirectory = $(if ($env:FAILOVER_PICTURES) { $env:FAILOVER_PICTURES } else { Join-Path $PSScriptRoot '../../out/bench' })
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/Failover.psm1') -Force
. (Join-Path $PSScriptRoot 'Ec2Faults.ps1')
. (Join-Path $PSScriptRoot 'Timeline.ps1')

function Get-Median([double[]] $Values) {
    if (-not $Values -or $Values.Count -eq 0) { return $null }
    $sorted = [double[]]($Values | Sort-Object)
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function Get-Field($Record, [string] $Name) {
    # A figure of an -ElasticIps run ('-' when the run failed before it was measured).
    $property = $Record.PSObject.Properties[$Name]
    if (-not $property -or $null -eq $property.Value -or "$($property.Value)" -eq '') { return '-' }
    "$($property.Value)"
}

function Format-Seconds($Value) {
    if ($null -eq $Value) { return '-' }
    [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.00}', [double]$Value)
}

# From run.sh: FAILOVER_FAULTS, space- or comma-separated, with "NatDead_x2" for two zones at once.
if (-not $PSBoundParameters.ContainsKey('ElasticIps') -and $env:FAILOVER_ELASTIC_IPS -eq '1') { $ElasticIps = [switch]$true }
if (-not $PSBoundParameters.ContainsKey('Fault') -and $env:FAILOVER_FAULTS) {
    $Fault = @($env:FAILOVER_FAULTS -split '[,\s]+' | Where-Object { $_ } | ForEach-Object { $_ -replace '_x(\d+)$', ' x$1' })
}
$ec2Known = @(Get-FailoverEc2FaultKind).Name
$known = @(Get-FailoverFaultKind).Name + $ec2Known
foreach ($name in $Fault) {
    if (($name -split ' x')[0] -notin $known) { Write-Host "bench/failover: unknown fault '$name' (known: $($known -join ', '); 'KIND x2' for two zones)"; exit 2 }
}

# The EC2 faults run on a fabric of their own, after the others (Ec2Faults.ps1); the last line is the others'.
$ec2Fault = @($Fault | Where-Object { $_ -in $ec2Known })
$Fault = @($Fault | Where-Object { $_ -notin $ec2Known })
$ec2 = $null

$skip = Get-FailoverSkipReason
if ($skip) { Write-Host "bench/failover: cannot run: $skip"; exit 2 }

$letters = @('a', 'b', 'c')
$results = [System.Collections.Generic.List[object]]::new()
$fabric = $null
$failed = $false
$started = Get-Date
try {
    if ($Fault.Count) {
    $fabric = New-FailoverFabric -MonitorParameters $MonitorParameters -ElasticIps:$ElasticIps
    Write-Host "bench/failover: fabric up in $([int]((Get-Date) - $started).TotalSeconds) s; logs in $($fabric.Work)"
    Write-Host ("monitor: Start-HaNatMonitor -ProbeTarget {0}{1} (every other setting at its default)" -f $fabric.ProbeTarget,
        $(if ($MonitorParameters.Count) { ' ' + (($MonitorParameters.Keys | ForEach-Object { "-$_ $($MonitorParameters[$_])" }) -join ' ') } else { '' }))
    }
    Write-Host ''
    Write-Host (('{0,-18} {1,-4} {2,-5} {3,9} {4,8} {5,8} {6,8} {7,9} {8,6} {9,6} {10,9} {11,7}' -f 'fault', 'run', 'zone', 'restored', 'detected', 'takeover', 'moved', 'failback', 'lost', 'taken', 'unhealthy', 'others') +
        $(if ($ElasticIps) { ' {0,8} {1,8} {2,8} {3,7}  {4}' -f 'eip_bef', 'eip_dur', 'eip_aft', 'fb_lost', 'addresses_during' } else { '' }))
    foreach ($name in $Fault) {
        $kind, $count = ($name -split ' x')
        $count = if ($count) { [int]$count } else { 1 }
        for ($run = 0; $run -lt $Runs; $run++) {
            $zones = @(0..($count - 1) | ForEach-Object { $letters[($run + 1 + $_) % $letters.Count] })
            try {
                $m = Measure-Failover $fabric -Kind $kind -Zone $zones -TimeoutSeconds $TimeoutSeconds -HoldSeconds $HoldSeconds
            } catch {
                Write-Host "bench/failover: $name run $($run + 1) failed: $_"
                $failed = $true
                $m = [pscustomobject]@{ Kind = $kind; Zones = ($zones -join '+'); Restored = $false; RestoredSeconds = $null; MovedSeconds = $null
                    DetectedSeconds = $null; TakeoverSeconds = $null
                    FailbackSeconds = $null; FailedBack = $false; FailedRequests = $null; TakenBy = ''; Unhealthy = $false; Flapped = $null
                    OthersMoved = @(); AllHome = $false }
            }
            # A run that left a zone off its own NAT is reported; the next run starts from every zone at home.
            $repaired = @(Repair-FailoverFabric $fabric)
            if ($repaired) { Write-Host "bench/failover: repaired after $name run $($run + 1): $($repaired -join '; ')" }
            if (@($m.OthersMoved).Count) { Write-Host "bench/failover: $name run $($run + 1) moved zones that were not faulted: $($m.OthersMoved -join ', ')" }
            $m | Add-Member -NotePropertyName Fault -NotePropertyValue $name -Force
            $results.Add($m)
            if ($run -eq 0 -and $m.Restored) {
                $picture = Write-FailoverTimeline $fabric $m (Join-Path $PictureDirectory "failover-$($name -replace '\W+', '-').png")
                if ($picture) { Write-Host "bench/failover: $name run 1 drawn in $((Resolve-Path -LiteralPath $picture).Path)" }
            }
            Write-Host (('{0,-18} {1,-4} {2,-5} {3,9} {4,8} {5,8} {6,8} {7,9} {8,6} {9,6} {10,9} {11,7}' -f $name, ($run + 1), $m.Zones, (Format-Seconds $m.RestoredSeconds),
                (Format-Seconds $m.DetectedSeconds), (Format-Seconds $m.TakeoverSeconds), (Format-Seconds $m.MovedSeconds), (Format-Seconds $m.FailbackSeconds),
                $m.FailedRequests, ($m.TakenBy -replace '\w->', ''), $m.Unhealthy, @($m.OthersMoved).Count) +
                $(if ($ElasticIps) { ' {0,8} {1,8} {2,8} {3,7}  {4}' -f (Get-Field $m OwnEipShareBefore), (Get-Field $m OwnEipShareDuring), (Get-Field $m OwnEipShareAfter),
                    (Get-Field $m FailedAtFailback), (Get-Field $m AddressesDuring) } else { '' }))
            if (-not $m.Restored -or -not $m.FailedBack -or @($m.OthersMoved).Count -or -not $m.AllHome) { $failed = $true }
        }
    }
} catch {
    Write-Host "bench/failover: the harness failed: $_"
    Write-Host $_.ScriptStackTrace
    $failed = $true
} finally {
    if ($fabric) {
        $left = @(Remove-FailoverFabric $fabric -KeepLogs:$failed)
        if ($left.Count) { Write-Host "bench/failover: the teardown left: $($left -join '; ')"; $failed = $true }
    }
}

if ($ec2Fault.Count) {
    $ec2 = Invoke-FailoverEc2Bench -Fault $ec2Fault -Runs $Runs -TimeoutSeconds $TimeoutSeconds -HoldSeconds $HoldSeconds -MonitorParameters $MonitorParameters
    if ($ec2.Failed) { $failed = $true }
}

Write-Host ''
Write-Host ('{0,-18} {1,4} {2,8} {3,8} {4,8} {5,8} {6,9} {7,9} {8,8} {9,10}' -f 'fault', 'runs', 'restored', 'median_s', 'worst_s', 'moved_s', 'failback_s', 'fb_worst', 'flapped', 'collateral')
foreach ($group in $results | Group-Object Fault | Sort-Object { [array]::IndexOf($Fault, $_.Name) }) {
    $ok = @($group.Group | Where-Object Restored)
    $restoredTimes = [double[]]@($ok | ForEach-Object RestoredSeconds)
    $moved = [double[]]@($group.Group | Where-Object { $null -ne $_.MovedSeconds } | ForEach-Object MovedSeconds)
    $back = [double[]]@($group.Group | Where-Object FailedBack | ForEach-Object FailbackSeconds)
    Write-Host ('{0,-18} {1,4} {2,8} {3,8} {4,8} {5,8} {6,9} {7,9} {8,8} {9,10}' -f $group.Name, $group.Count, "$($ok.Count)/$($group.Count)",
        (Format-Seconds (Get-Median $restoredTimes)), (Format-Seconds ($restoredTimes | Measure-Object -Maximum).Maximum),
        (Format-Seconds (Get-Median $moved)), (Format-Seconds (Get-Median $back)), (Format-Seconds ($back | Measure-Object -Maximum).Maximum),
        @($group.Group | Where-Object Flapped).Count, @($group.Group | Where-Object { @($_.OthersMoved).Count -or $_.AllHome -eq $false }).Count)
}
$restored = @($results | Where-Object Restored)
$all = [double[]]@($restored | ForEach-Object RestoredSeconds)
$cut = [double[]]@($restored | Where-Object { $_.FailedRequests -gt 0 } | ForEach-Object RestoredSeconds)
Write-Host ''
Write-Host ("runs that lost egress at all: {0}; their median_s={1} worst_s={2} (the others never lost a new connection)" -f $cut.Count,
    (Format-Seconds (Get-Median $cut)), (Format-Seconds ($cut | Measure-Object -Maximum).Maximum))
if ($ec2) { Write-Host (Get-FailoverEc2Summary $ec2.Results) }
Write-Host ("bench took {0:0} s" -f ((Get-Date) - $started).TotalSeconds)
$last = "failover faults={0} restored={1} median_s={2} worst_s={3}" -f $results.Count, $restored.Count,
    (Format-Seconds (Get-Median $all)), (Format-Seconds ($all | Measure-Object -Maximum).Maximum)
if ($ElasticIps) {
    # The worst run's shares (1 = every successful request of the failed zone left from its own address).
    $worstShare = { param($name) $v = @($results | ForEach-Object { $_.PSObject.Properties[$name] } | Where-Object { $_ -and $null -ne $_.Value } | ForEach-Object Value)
        if ($v.Count) { [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.000}', ($v | Measure-Object -Minimum).Minimum) } else { '-' } }
    $lostAtFailback = (@($results | ForEach-Object { $_.PSObject.Properties['FailedAtFailback'] } | Where-Object { $_ } | ForEach-Object Value) | Measure-Object -Sum).Sum
    $last += " own_eip_share_before={0} own_eip_share_during={1} own_eip_share_after={2} failed_at_failback={3}" -f (& $worstShare OwnEipShareBefore),
        (& $worstShare OwnEipShareDuring), (& $worstShare OwnEipShareAfter), [int]$lostAtFailback
}
Write-Host $last
exit $(if ($failed) { 1 } else { 0 })
