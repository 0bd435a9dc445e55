#Requires -Version 7.4
<#
.SYNOPSIS
    bench/migrate: a VPC that runs on a NAT gateway per zone moved onto HaNat (Add-HaNatVpc) and back
    (Remove-HaNatVpc), while a private host per zone sends a request every 50 ms. See bench/migrate/README.md;
    bench/migrate/run.sh builds and runs this.

.DESCRIPTION
    The namespace harness in its migration mode (tests/netns/Failover.psm1, New-FailoverFabric -Existing and
    FailoverMigration.ps1): three zones, each private table on its zone's NAT gateway, no hanat:* tag anywhere.
    Then, as a user does: Add-HaNatVpc -VpcId -Name, the NATs (the harness's instances, adopted into the
    deployment's group in place of the ones moto launched) boot (takeover) and start their monitors; every zone
    moves to its own NAT once that NAT has checked itself. After a hold on the NATs, Remove-HaNatVpc -Name puts each
    table back on its NAT gateway. Prints, per zone and phase (gateways: before Add; add: from Add-HaNatVpc's start
    until every zone is on its NAT, and 2 s more; nats: a hold on the NATs; remove: from Remove-HaNatVpc's start
    until every zone is back on its gateway, and 2 s more), the requests sent and failed and which way they went;
    the seconds Add-HaNatVpc took to return and until every zone was on its NAT; the seconds Remove-HaNatVpc took;
    and last:
        migrate zones=3 failed_requests=N add_s=X remove_s=Y
    N counts the failed requests of the add and remove phases (the goal is 0); add_s runs from Add-HaNatVpc's
    start until every zone's table is on its own NAT; remove_s from Remove-HaNatVpc's start until it returned and
    every table is back on its gateway (na when the removal did not run). Asserts nothing about time; exits 1
    when a zone never reached its NAT or its gateway again, a cmdlet failed, or the harness failed.
#>
[CmdletBinding()]
param(
    [string] $Name = 'migrate',
    [double] $HoldSeconds = 3,
    [switch] $NoRemove
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/Failover.psm1') -Force

function Format-Seconds($Value) {
    if ($null -eq $Value) { return 'na' }
    [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.00}', [double]$Value)
}

if ($env:MIGRATE_NO_REMOVE) { $NoRemove = [switch]$true }
$skip = Get-FailoverSkipReason
if ($skip) { Write-Host "bench/migrate: cannot run: $skip"; exit 2 }

$started = Get-Date
$failed = $false
$fabric = $null
$phases = [System.Collections.Generic.List[object]]::new()
$migration = $null
$removal = $null
try {
    $fabric = New-FailoverFabric -Existing
    Write-Host "bench/migrate: fabric up in $([math]::Round(((Get-Date) - $started).TotalSeconds)) s, logs in $($fabric.Work)"
    $since = Get-FailoverNow
    foreach ($zone in $fabric.Zones) { $null = Start-FailoverProbe $fabric $zone -MaxSeconds 900 }
    foreach ($zone in $fabric.Zones) {
        if (-not (Wait-FailoverEgress $fabric $zone -Since $since -Via "natgw-$($zone.Letter)" -TimeoutSeconds 15)) { throw "zone $($zone.Letter) gets no answer through its NAT gateway" }
    }
    Start-Sleep -Seconds 2
    $mark = Get-FailoverNow
    $phases.Add([pscustomobject]@{ Phase = 'gateways'; Since = $since; Until = $mark })

    $migration = Add-FailoverMigration $fabric -Name $Name
    Start-Sleep -Seconds 2
    $until = Get-FailoverNow
    $phases.Add([pscustomobject]@{ Phase = 'add'; Since = $migration.Started; Until = $until })
    Write-Host ("bench/migrate: Add-HaNatVpc returned in {0} s; every zone on its own NAT {1} s after its start" -f (Format-Seconds $migration.AddSeconds), (Format-Seconds $migration.Seconds))
    Write-Host ("  from Add-HaNatVpc's start: returned {0} s, the harness's NATs adopted into the group {1} s, every boot takeover returned {2} s, the last zone moved {3} s" -f
        (Format-Seconds $migration.AddSeconds), (Format-Seconds $migration.AdoptedSeconds), (Format-Seconds $migration.BootedSeconds), (Format-Seconds $migration.Seconds))
    foreach ($boot in $migration.Takeovers) {
        Write-Host "  takeover $($boot.Zone): $(@($boot.Output | ForEach-Object { "$($_.RouteTableId) $($_.Action) $($_.PreviousTarget)->$($_.Target)" }) -join '; ')"
    }

    Start-Sleep -Milliseconds ([int]($HoldSeconds * 1000))
    $mark = Get-FailoverNow
    $phases.Add([pscustomobject]@{ Phase = 'nats'; Since = $until; Until = $mark })

    if (-not $NoRemove) {
        try {
            $removal = Remove-FailoverMigration $fabric
            Start-Sleep -Seconds 2
            $phases.Add([pscustomobject]@{ Phase = 'remove'; Since = $removal.Started; Until = (Get-FailoverNow) })
            Write-Host ("bench/migrate: Remove-HaNatVpc returned in {0} s; every zone back on its NAT gateway {1} s after its start" -f (Format-Seconds $removal.RemoveSeconds), (Format-Seconds ($removal.OnGateways - $removal.Started)))
        } catch {
            Write-Host "bench/migrate: the removal failed: $_"
            $failed = $true
        }
    }
    foreach ($zone in $fabric.Zones) { Stop-FailoverProbe $fabric $zone }
} catch {
    Write-Host "bench/migrate: the harness failed: $_"
    Write-Host $_.ScriptStackTrace
    $failed = $true
}

Write-Host ''
Write-Host ('{0,-9} {1,-4} {2,6} {3,6} {4,8} {5,5} {6,5} {7,8} {8,6} {9,9}' -f 'phase', 'zone', 'sent', 'failed', 'inflight', 'lost', 'moves', 'gateway', 'nat', 'elsewhere')
$migrationFailures = 0
$migrationLost = 0
if ($fabric) {
    foreach ($phase in $phases) {
        foreach ($count in Get-FailoverMigrationCount $fabric -Since $phase.Since -Until $phase.Until) {
            Write-Host ('{0,-9} {1,-4} {2,6} {3,6} {4,8} {5,5} {6,5} {7,8} {8,6} {9,9}' -f $phase.Phase, $count.Zone, $count.Sent, $count.Failed, $count.InFlight,
                $count.Lost, $count.Moves, $count.ViaGateway, $count.ViaNat, $count.Elsewhere)
            if ($phase.Phase -in 'add', 'remove') { $migrationFailures += $count.Failed; $migrationLost += $count.Lost }
        }
    }
    Write-Host ''
    Write-Host "inflight: failed requests open while the router moved the zone's route (reset by a NAT that never saw the connection, as in EC2); lost: every other failure"
    Write-Host "failed requests of the add and remove phases: $migrationFailures ($migrationLost lost, $($migrationFailures - $migrationLost) in flight at a route move)"
    $left = @(Remove-FailoverFabric $fabric -KeepLogs:$failed)
    if ($left.Count) { Write-Host "bench/migrate: the teardown left: $($left -join '; ')"; $failed = $true }
}
Write-Host ''
Write-Host ("bench took {0:0} s" -f ((Get-Date) - $started).TotalSeconds)
$addS = if ($migration -and $migration.Seconds) { Format-Seconds $migration.Seconds } else { 'na' }
$removeS = if ($removal) { Format-Seconds $removal.Seconds } else { 'na' }
Write-Host ("migrate zones={0} failed_requests={1} add_s={2} remove_s={3}" -f $(if ($fabric) { $fabric.Zones.Count } else { 0 }), $migrationFailures, $addS, $removeS)
if ($failed) { exit 1 }
