# bench/failover's EC2 fault kinds (dot-sourced by run.ps1): EC2 itself failing (5xx, throttled, hanging) from just
# before a NAT dies until a few seconds later, on a fabric of their own with the fault proxy between the monitors and
# moto (the data-plane faults' fabric has no proxy, so their figures carry none of its cost). The figure that counts:
# EC2's recovery -> the first successful request from the zone's private host (goal: within 2 s).

function Invoke-FailoverEc2Bench {
    <#
    Runs each EC2 fault kind -Runs times at a rotating zone and prints a line per run and a table per kind; returns
    Results (Measure-FailoverEc2Fault's records, with Fault) and Failed (a run not restored, not failed back, moved
    another zone, wrote conflicting routes, flapped, or the harness failed).
    #>
    param([Parameter(Mandatory)] [string[]] $Fault, [int] $Runs, [double] $TimeoutSeconds, [double] $HoldSeconds,
        [hashtable] $MonitorParameters = @{}, [double] $Ec2Seconds = 6)
    $letters = @('a', 'b', 'c')
    $results = [System.Collections.Generic.List[object]]::new()
    $failed = $false
    $fabric = $null
    $format = '{0,-22} {1,-4} {2,-5} {3,9} {4,9} {5,8} {6,8} {7,8} {8,8} {9,7} {10,6} {11,6} {12,7}'
    try {
        $started = Get-Date
        $fabric = New-FailoverFabric -MonitorParameters $MonitorParameters -FaultProxy
        Write-Host ''
        Write-Host "bench/failover: EC2 faults: fabric with the fault proxy up in $([int]((Get-Date) - $started).TotalSeconds) s; logs in $($fabric.Work)"
        Write-Host "EC2 fails from 0.5 s before the NAT dies until $Ec2Seconds s after it started failing; recovery->egress is EC2's recovery -> the first successful request"
        Write-Host ($format -f 'fault', 'run', 'zone', 'rec->egr', 'restored', 'detected', 'takeover', 'attempts', 'refused', 'writes', 'taken', 'flaps', 'others')
        foreach ($name in $Fault) {
            for ($run = 0; $run -lt $Runs; $run++) {
                $zone = $letters[($run + 1) % $letters.Count]
                try {
                    $m = Measure-FailoverEc2Fault $fabric -Kind $name -Zone $zone -Ec2Seconds $Ec2Seconds -TimeoutSeconds $TimeoutSeconds -HoldSeconds $HoldSeconds
                } catch {
                    Write-Host "bench/failover: $name run $($run + 1) failed: $_"
                    $failed = $true
                    $m = [pscustomobject]@{ Kind = $name; Zones = $zone; Restored = $false; RestoredSeconds = $null; RecoveryToEgressSeconds = $null
                        DetectedSeconds = $null; TakeoverSeconds = $null; TakeoverAttempts = $null; Refused = $null; Writes = $null; WriteTargets = @()
                        TakenBy = ''; Flapped = $null; FailedBack = $false; OthersMoved = @(); AllHome = $false; DetectedBeforeRecovery = $false; Takeovers = $null }
                }
                $repaired = @(Repair-FailoverFabric $fabric)
                if ($repaired) { Write-Host "bench/failover: repaired after $name run $($run + 1): $($repaired -join '; ')" }
                $m | Add-Member -NotePropertyName Fault -NotePropertyValue $name -Force
                $results.Add($m)
                Write-Host ($format -f $name, ($run + 1), $m.Zones, (Format-Seconds $m.RecoveryToEgressSeconds), (Format-Seconds $m.RestoredSeconds),
                    (Format-Seconds $m.DetectedSeconds), (Format-Seconds $m.TakeoverSeconds), $m.TakeoverAttempts, $m.Refused,
                    "$($m.Writes)/$(@($m.WriteTargets).Count)", ($m.TakenBy -replace '\w->', ''), [int][bool]$m.Flapped, @($m.OthersMoved).Count)
                if (-not $m.Restored -or -not $m.FailedBack -or @($m.OthersMoved).Count -or -not $m.AllHome -or $m.Flapped -or
                    @($m.WriteTargets).Count -gt 1 -or $m.Takeovers -gt 1) { $failed = $true }
                if (-not $m.DetectedBeforeRecovery) { Write-Host "bench/failover: $name run $($run + 1): the death was seen only after EC2 recovered; the run says nothing of EC2" }
            }
        }
    } catch {
        Write-Host "bench/failover: the EC2 fault harness failed: $_"
        Write-Host $_.ScriptStackTrace
        $failed = $true
    } finally {
        if ($fabric) {
            $left = @(Remove-FailoverFabric $fabric -KeepLogs:$failed)
            if ($left.Count) { Write-Host "bench/failover: the teardown left: $($left -join '; ')"; $failed = $true }
        }
    }

    Write-Host ''
    Write-Host ('{0,-22} {1,4} {2,8} {3,10} {4,9} {5,8} {6,8} {7,9} {8,8}' -f 'fault', 'runs', 'restored', 'rec_median', 'rec_worst', 'refused', 'writes', 'conflicts', 'flapped')
    foreach ($group in $results | Group-Object Fault | Sort-Object { [array]::IndexOf($Fault, $_.Name) }) {
        $ok = @($group.Group | Where-Object Restored)
        $times = [double[]]@($ok | Where-Object { $null -ne $_.RecoveryToEgressSeconds } | ForEach-Object RecoveryToEgressSeconds)
        Write-Host ('{0,-22} {1,4} {2,8} {3,10} {4,9} {5,8} {6,8} {7,9} {8,8}' -f $group.Name, $group.Count, "$($ok.Count)/$($group.Count)",
            (Format-Seconds (Get-Median $times)), (Format-Seconds ($times | Measure-Object -Maximum).Maximum),
            (($group.Group | Where-Object { $null -ne $_.Refused } | Measure-Object -Property Refused -Maximum).Maximum),
            (($group.Group | Where-Object { $null -ne $_.Writes } | Measure-Object -Property Writes -Maximum).Maximum),
            @($group.Group | Where-Object { @($_.WriteTargets).Count -gt 1 }).Count, @($group.Group | Where-Object Flapped).Count)
    }
    [pscustomobject]@{ Results = $results; Failed = $failed }
}

function Get-FailoverEc2Summary {
    <# The EC2 faults' summary line: runs, restored, EC2's recovery -> egress (median, worst), conflicting writes, flaps. #>
    param([object[]] $Results)
    $ok = @($Results | Where-Object Restored)
    $times = [double[]]@($ok | Where-Object { $null -ne $_.RecoveryToEgressSeconds } | ForEach-Object RecoveryToEgressSeconds)
    'failover_ec2 faults={0} restored={1} recovery_to_egress_median_s={2} recovery_to_egress_worst_s={3} conflicts={4} flapped={5}' -f @($Results).Count, $ok.Count,
        (Format-Seconds (Get-Median $times)), (Format-Seconds ($times | Measure-Object -Maximum).Maximum),
        @($Results | Where-Object { @($_.WriteTargets).Count -gt 1 }).Count, @($Results | Where-Object Flapped).Count
}
