#Requires -Version 7.4
<#
.SYNOPSIS
    bench/rollout: every NAT of a 3-zone HaNat VPC replaced by Update-HaNatVpc, then one planned handover per trigger,
    while a private host per zone sends a request every 50 ms. See bench/rollout/README.md; bench/rollout/run.sh
    builds and runs this.

.DESCRIPTION
    The 3-zone namespace harness (tests/netns/Failover.psm1) with its launcher (FailoverLaunch.ps1) standing in for
    EC2: an instance launched from the deployment's template boots (a machine of its own, boot takeover, monitor),
    a terminated one shuts down (lifecycle state Terminated in its IMDS, a bounded wait for its monitor, SIGTERM).
    1. the rollout: Update-HaNatVpc -Name -InstanceType -Confirm:$false as a user runs it (control namespace); one
       zone at a time, the new NAT takes its zone after its own check, then the old one is terminated;
    2. the handovers, one per trigger, each on its own zone: SIGTERM to a monitor (systemctl stop), the Auto Scaling
       lifecycle state Terminated in a NAT's IMDS, a spot interruption notice in a NAT's IMDS; the NAT must hand its
       zone to a peer before it stops; then it comes back as a reboot does (boot takeover, monitor).
    Prints per phase and zone the requests sent and failed and the route's moves, the rollout's per-zone replacement,
    each handover's figures, and last:
        rollout zones=3 failed_requests=N handovers=H handover_failed_requests=M seconds=S
    N: failed requests during the rollout (from its start until every zone is on its new NAT, and 2 s more);
    H: handovers completed (the zone went to a peer NAT or its own NAT gateway, the monitor exited 0, nobody marked
       the NAT unhealthy);
    M: failed requests during the handovers (from each trigger until its zone is on the peer, and 2 s more);
    S: the rollout's wall seconds (the cmdlet's run, as a user sees it). Goals: N = 0, H = 3, M = 0.
#>
[CmdletBinding()]
param(
    [string] $InstanceType = $(if ($env:ROLLOUT_INSTANCE_TYPE) { $env:ROLLOUT_INSTANCE_TYPE } else { 't3.small' }),
    [double] $HoldSeconds = 2,
    [double] $HandoverTimeoutSeconds = 60,
    [switch] $NoHandovers,
    [switch] $StandIn
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/NetNs.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/Failover.psm1') -Force

function Format-Seconds($Value) {
    if ($null -eq $Value) { return 'na' }
    [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.00}', [double]$Value)
}

if ($env:ROLLOUT_NO_HANDOVERS) { $NoHandovers = [switch]$true }
if ($env:ROLLOUT_STAND_IN) { $StandIn = [switch]$true }
$skip = Get-FailoverSkipReason
if ($skip) { Write-Host "bench/rollout: cannot run: $skip"; exit 2 }

$started = Get-Date
$failed = $false
$fabric = $null
$phases = [System.Collections.Generic.List[object]]::new()
$handovers = [System.Collections.Generic.List[object]]::new()
$rolloutSeconds = $null
$rolloutFailures = 0

# The zone's probe requests from -Since to -Until and the router's moves of its route in that time.
function Get-Window([object] $Zone, [double] $Since, [double] $Until) {
    $results = @(Get-FailoverProbeResult $fabric $Zone -Since $Since | Where-Object Start -LT $Until)
    $moves = @(Get-FailoverRouterEvent $fabric -Since $Since | Where-Object { $_.Namespace -eq $Zone.PrivNs -and $_.Time -lt $Until })
    [pscustomobject]@{ Zone = $Zone.Letter; Sent = $results.Count; Failed = @($results | Where-Object { -not $_.Ok }).Count; Moves = $moves.Count }
}

# The monitor lines of an event since -Since, from every NAT the fabric ran (the zones' and those the launcher hosted).
function Get-AnyMonitorEvent([string] $Event, [double] $Since) {
    $files = @($fabric.Zones | ForEach-Object { $_.MonitorLogs }) + @(Get-FailoverLaunched $fabric | ForEach-Object { $_.MonitorLogs }) | Sort-Object -Unique
    foreach ($file in $files) {
        if (-not (Test-Path -LiteralPath $file)) { continue }
        foreach ($line in [IO.File]::ReadAllLines($file)) {
            if ($line -match '^(\d+\.\d+) hanat-monitor event=(\S+)' -and $Matches[2] -eq $Event -and [double]$Matches[1] -ge $Since) { $line }
        }
    }
}

try {
    # A HaNat VPC as Update-HaNatVpc knows one (made by HaNat's own cmdlets): the VPC from before HaNat, then
    # Add-HaNatVpc as a user runs it, the harness's NATs adopted into its group (tests/netns/FailoverMigration.ps1).
    $fabric = New-FailoverFabric -Existing
    $null = Add-FailoverMigration $fabric -Name rollout
    Write-Host "bench/rollout: fabric up and Add-HaNatVpc done in $([math]::Round(((Get-Date) - $started).TotalSeconds)) s, logs in $($fabric.Work)"
    Start-FailoverLauncher $fabric
    foreach ($zone in $fabric.Zones) { $null = Start-FailoverProbe $fabric $zone -MaxSeconds 1800 }
    Wait-FailoverSteady $fabric -ProbeZone $fabric.Zones -Monitors -TimeoutSeconds 60

    # 1. The rollout.
    $olds = [ordered]@{}
    foreach ($zone in $fabric.Zones) { $olds[$zone.Letter] = $zone.InstanceId }
    $since = Get-FailoverNow
    if ($StandIn) {
        $version = New-FailoverLaunchTemplateVersion $fabric -InstanceType $InstanceType
        Write-Host "bench/rollout: the rollout through the EC2 API as Update-HaNatVpc's contract says (ROLLOUT_STAND_IN), template version $version"
        $steps = @(Invoke-FailoverRolloutStandIn $fabric $fabric.Zones -Version $version)
        $rolloutSeconds = (Get-FailoverNow) - $since
        if (@($steps | Where-Object { -not $_.Taken }).Count) { throw "the stand-in's new NAT did not take zone $(($steps | Where-Object { -not $_.Taken }).Zone)" }
    } else {
        # The HaNat image a user has built (packer/), which Update-HaNatVpc takes by default.
        $null = New-FailoverNatImage $fabric
        $update = Invoke-FailoverHaNat $fabric Update-HaNatVpc @{ Name = $fabric.MigrationName; InstanceType = $InstanceType; Confirm = $false }
        $rolloutSeconds = $update.Seconds
        Write-Host "bench/rollout: Update-HaNatVpc -InstanceType $InstanceType returned in $(Format-Seconds $update.Seconds) s"
        if (@($update.Errors).Count) { throw "Update-HaNatVpc failed: $(@($update.Errors | ForEach-Object { "$($_.ErrorId): $($_.Message)" }) -join ' | ')" }
    }
    Wait-NetNsCondition -TimeoutSeconds 90 -Because "every zone's record to follow its new NAT" -Condition {
        -not @($fabric.Zones | Where-Object { $_.InstanceId -eq $olds[$_.Letter] })
    }
    Wait-FailoverSteady $fabric -TimeoutSeconds 30
    Start-Sleep -Seconds 2
    $phases.Add([pscustomobject]@{ Phase = 'rollout'; Since = $since; Until = (Get-FailoverNow) })
    foreach ($zone in $fabric.Zones) {
        $nat = Get-FailoverLaunched $fabric | Where-Object InstanceId -EQ $zone.InstanceId
        $move = Get-FailoverRouterEvent $fabric -Since $since | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Target -eq $zone.InstanceId } | Select-Object -First 1
        Write-Host ("  zone {0}: {1} -> {2} at {3}; machine up +{4} s, boot takeover started +{5} s, zone moved +{6} s (from the rollout's start); old NAT {7}" -f $zone.Letter,
            $olds[$zone.Letter], $zone.InstanceId, $zone.PrivateIp, (Format-Seconds ($nat.Hosted - $since)), (Format-Seconds ($nat.Booted - $since)),
            (Format-Seconds $(if ($move) { $move.Time - $since })), (Get-FailoverState $fabric).instances.($olds[$zone.Letter]))
    }
    $unhealthy = @(Get-AnyMonitorEvent 'mark-unhealthy' $since) + @(Get-AnyMonitorEvent 'self-mark-unhealthy' $since)
    Write-Host "  NATs marked unhealthy during the rollout: $($unhealthy.Count)"

    # 2. The handovers, one per trigger, each on its own zone.
    if (-not $NoHandovers) {
        $triggers = @(
            @{ Kind = 'sigterm'; Zone = $fabric.Zones[0] }
            @{ Kind = 'lifecycle'; Zone = $fabric.Zones[1] }
            @{ Kind = 'spot'; Zone = $fabric.Zones[2 % $fabric.Zones.Count] }
        )
        foreach ($trigger in $triggers) {
            $zone = $trigger.Zone
            try { Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60 }
            catch {
                # Measured from a steady state only: a zone left elsewhere by the last return is reported and put back.
                $repaired = @(Repair-FailoverFabric $fabric)
                Write-Host "bench/rollout: not steady before the $($trigger.Kind) handover ($_); repaired: $($repaired -join '; ')"
                Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60
            }
            $leaving = $zone.InstanceId
            $t0 = Get-FailoverNow
            Write-FailoverLog $fabric "bench: handover by $($trigger.Kind) at $($zone.Name) ($leaving)"
            $code = $null
            $why = $null
            try {
                switch ($trigger.Kind) {
                    'sigterm' { $code = Stop-FailoverMonitor $fabric $zone -GraceSeconds $HandoverTimeoutSeconds }
                    'lifecycle' {
                        Set-FailoverImdsPath $fabric $zone -Path 'autoscaling/target-lifecycle-state' -Value 'Terminated'
                        $code = Wait-FailoverMonitorExit $fabric $zone -TimeoutSeconds $HandoverTimeoutSeconds
                    }
                    'spot' {
                        $at = [DateTime]::UtcNow.AddMinutes(2).ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
                        Set-FailoverImdsPath $fabric $zone -Path 'spot/instance-action' -Value (@{ action = 'terminate'; time = $at } | ConvertTo-Json -Compress)
                        $code = Wait-FailoverMonitorExit $fabric $zone -TimeoutSeconds $HandoverTimeoutSeconds
                    }
                }
            } catch {
                $why = "$_"
                # It did not leave by itself: stop it as systemd would, so that the next trigger starts clean.
                $code = Stop-FailoverMonitor $fabric $zone -GraceSeconds 10
            }
            $exited = Get-FailoverNow
            # Where the zone went: a peer's NAT (moto's route), within a few seconds of the monitor's exit.
            $movedTo = $null
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            do {
                $target = (Get-FailoverRouteTarget $fabric)[$zone.Letter]
                if ($target -ne $leaving) { $movedTo = $target; break }
                Start-Sleep -Milliseconds 200
            } while ([DateTime]::UtcNow -lt $deadline)
            # A peer NAT, or in a VPC HaNat did not build the zone's own NAT gateway (the peers' fallback there).
            $peer = $fabric.Zones | Where-Object InstanceId -EQ $movedTo | Select-Object -First 1
            $gateway = $fabric.Zones | Where-Object { $_.NatGatewayId -and $_.NatGatewayId -eq $movedTo } | Select-Object -First 1
            Start-Sleep -Milliseconds ([int]($HoldSeconds * 1000))
            $until = Get-FailoverNow
            $windows = foreach ($z in $fabric.Zones) { Get-Window $z $t0 $until }
            $marked = @(Get-AnyMonitorEvent 'mark-unhealthy' $t0 | Where-Object { $_ -match [regex]::Escape($leaving) })
            $move = Get-FailoverRouterEvent $fabric -Since $t0 | Where-Object { $_.Namespace -eq $zone.PrivNs } | Select-Object -First 1
            $record = [pscustomobject]@{
                Kind = $trigger.Kind; Zone = $zone.Letter; Instance = $leaving; ExitCode = $code; Why = $why
                TakenBy = if ($peer) { $peer.Letter } elseif ($gateway) { "natgw-$($gateway.Letter)" } else { $movedTo }
                MovedSeconds = if ($move) { $move.Time - $t0 } else { $null }; ExitSeconds = $exited - $t0
                Failed = ($windows | Measure-Object -Property Failed -Sum).Sum; Sent = ($windows | Measure-Object -Property Sent -Sum).Sum
                Marked = $marked.Count
                Completed = ($code -eq 0) -and ([bool]$peer -or [bool]$gateway) -and $marked.Count -eq 0 -and -not $why
                FailbackFailed = $null; FailbackSeconds = $null
            }
            $phases.Add([pscustomobject]@{ Phase = "handover-$($trigger.Kind)"; Since = $t0; Until = $until })

            # Back. After systemctl stop / a reboot the same instance returns (a fresh host, boot takeover, monitor);
            # after a termination the group launches a replacement (the launcher boots it): either way the zone's NAT's
            # boot takeover takes the zone back from the peer once its own check passed.
            $back = Get-FailoverNow
            if ($trigger.Kind -eq 'sigterm') {
                $null = Restore-FailoverNat $fabric $zone -InPlace
            } else {
                $latest = (Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'DescribeLaunchTemplates'; 'LaunchTemplateName.1' = (Get-FailoverLaunchTemplateName $fabric) })).SelectSingleNode("//*[local-name()='latestVersionNumber']").InnerText
                $replacement = @(Invoke-FailoverRolloutStandIn $fabric $zone -Version $latest)
                if (-not $replacement[0].Taken) { Write-Host "bench/rollout: the replacement in zone $($zone.Letter) did not take it back" }
                Wait-NetNsCondition -TimeoutSeconds 60 -Because "zone $($zone.Letter)'s record to follow its replacement" -Condition { $zone.InstanceId -ne $leaving }
            }
            try { Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60 } catch { Write-Host "bench/rollout: after the $($trigger.Kind) handover: $_" }
            Start-Sleep -Seconds 1
            $backUntil = Get-FailoverNow
            $record.FailbackFailed = (@(foreach ($z in $fabric.Zones) { Get-Window $z $back $backUntil }) | Measure-Object -Property Failed -Sum).Sum
            $returned = Get-FailoverRouterEvent $fabric -Since $back | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Target -eq $zone.InstanceId } | Select-Object -First 1
            $record.FailbackSeconds = if ($returned) { $returned.Time - $back } else { $null }
            $phases.Add([pscustomobject]@{ Phase = "back-$($trigger.Kind)"; Since = $back; Until = $backUntil })
            $handovers.Add($record)
            Write-Host ("bench/rollout: handover by {0} at zone {1}: exit {2} after {3} s, zone moved to {4} at +{5} s, {6} failed of {7} sent, marked unhealthy {8}x; back in {9} s, {10} failed{11}" -f
                $record.Kind, $record.Zone, $record.ExitCode, (Format-Seconds $record.ExitSeconds), $(if ($record.TakenBy) { $record.TakenBy } else { 'nobody' }),
                (Format-Seconds $record.MovedSeconds), $record.Failed, $record.Sent, $record.Marked, (Format-Seconds $record.FailbackSeconds), $record.FailbackFailed,
                $(if ($why) { " ($why)" } else { '' }))
        }
    }
    foreach ($zone in $fabric.Zones) { Stop-FailoverProbe $fabric $zone }
} catch {
    Write-Host "bench/rollout: the harness failed: $_"
    Write-Host $_.ScriptStackTrace
    $failed = $true
}

Write-Host ''
Write-Host ('{0,-20} {1,-4} {2,6} {3,6} {4,5}' -f 'phase', 'zone', 'sent', 'failed', 'moves')
if ($fabric) {
    foreach ($phase in $phases) {
        foreach ($zone in $fabric.Zones) {
            $w = Get-Window $zone $phase.Since $phase.Until
            Write-Host ('{0,-20} {1,-4} {2,6} {3,6} {4,5}' -f $phase.Phase, $w.Zone, $w.Sent, $w.Failed, $w.Moves)
            if ($phase.Phase -eq 'rollout') { $rolloutFailures += $w.Failed }
        }
    }
    $launcherErrors = @(Stop-FailoverLauncher $fabric)
    if ($launcherErrors.Count) { Write-Host "bench/rollout: the launcher met: $($launcherErrors -join '; ')"; $failed = $true }
    $left = @(Remove-FailoverFabric $fabric -KeepLogs:$failed)
    if ($left.Count) { Write-Host "bench/rollout: the teardown left: $($left -join '; ')"; $failed = $true }
}
$completed = @($handovers | Where-Object Completed).Count
$handoverFailures = ($handovers | Measure-Object -Property Failed -Sum).Sum
if ($null -eq $handoverFailures) { $handoverFailures = 0 }
if (-not $NoHandovers -and $completed -lt 3) { $failed = $true }
Write-Host ''
Write-Host ("bench took {0:0} s" -f ((Get-Date) - $started).TotalSeconds)
Write-Host ("rollout zones={0} failed_requests={1} handovers={2} handover_failed_requests={3} seconds={4}" -f $(if ($fabric) { $fabric.Zones.Count } else { 0 }),
    $rolloutFailures, $completed, $handoverFailures, (Format-Seconds $rolloutSeconds))
if ($failed) { exit 1 }
