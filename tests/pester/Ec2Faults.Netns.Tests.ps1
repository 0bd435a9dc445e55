#Requires -Version 7.4
<#
Failover while EC2 itself fails, proven with packets: the three-zone harness (tests/netns/Failover.psm1) with the
fault proxy (tests/tools/fault_proxy.py) between the monitors and moto (New-FailoverFabric -FaultProxy). For each way
EC2 fails (5xx, throttling, hanging), EC2 starts failing just before a NAT dies and recovers a few seconds later, after
the monitors saw the death; the tests assert that the zone's egress comes back within a bound of EC2's recovery, that
exactly one takeover moved the zone (the retries are attempts, not takeovers), that every route write that reached EC2
named one target (no conflicting takeovers), that the monitors' calls during the fault were bounded, and that nothing
flaps afterwards. EC2 hanging while every NAT lives must move nothing and stall no monitor. CloudWatch hanging (the
monitors publish every 2 s here) must not delay a failover: the same NAT death is timed with CloudWatch healthy and
hanging. Time bounds here are
generous (CI machines are slow and shared); bench/failover prints the figures.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Ec2Faults.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Every log (monitors, router,
probes, the proxy's request log fault-proxy.jsonl, harness.log) stays in TestResults/ec2faults-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'Failover while EC2 itself fails, in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Ec2Faults.Netns.Tests: skipped: $skipReason" }
    # Each kind at a zone of its own, so that every NAT both fails and takes over in the course of a run.
    $kinds = @(
        @{ Kind = 'Ec2Error+NatDead'; Zone = 'b' }
        @{ Kind = 'Ec2Throttled+NatDead'; Zone = 'c' }
        @{ Kind = 'Ec2Hanging+NatDead'; Zone = 'a' }
    )
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $script:fabric = $null
        # The monitors publish their metrics every 2 s (60 s by default), so that CloudWatch's faults meet them.
        $script:metricsPeriod = $env:HANAT_METRICS_PERIOD_SECONDS
        $env:HANAT_METRICS_PERIOD_SECONDS = '2'
        $logs = Join-Path $PSScriptRoot "../../TestResults/ec2faults-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        # The directory (peers and routes) read every 2 s, not 30: so that every monitor calls EC2 during every fault, as
        # the monitors of a VPC whose NATs come and go would, and the reads' bounds are tested too.
        $script:fabric = New-FailoverFabric -ModulePath (Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1') -WorkDirectory $logs -FaultProxy `
            -MonitorParameters @{ PeerRefreshSeconds = 2 }
        Write-Host "Ec2Faults.Netns.Tests: logs in $($fabric.Work)"
    }

    AfterAll {
        $env:HANAT_METRICS_PERIOD_SECONDS = $script:metricsPeriod
        if ($script:fabric) {
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    AfterEach {
        $null = Set-FailoverEc2Fault $fabric -Mode pass
        # A test that left a zone off its own NAT has failed already; the next starts clean.
        $repaired = @(Repair-FailoverFabric $fabric)
        if ($repaired) { Write-Host "  repaired after the test: $($repaired -join '; ')" }
    }

    It 'the monitors reach EC2 through the fault proxy, and only they' {
        Wait-FailoverSteady $fabric -Monitors
        $calls = @(Get-FailoverFaultProxyLog $fabric)
        @($calls | Where-Object { $_.Action -eq 'DescribeRouteTables' -and $_.Outcome -eq 'pass' }).Count | Should -BeGreaterThan 0
        # The monitors' command lines name the proxy, not moto.
        foreach ($zone in $fabric.Zones) {
            (Get-Content -Raw -LiteralPath (Join-Path $fabric.Work 'harness.log')) | Should -Match ([regex]::Escape("monitor started in $($zone.NatNs)") + '.*' + [regex]::Escape($fabric.MonitorEndpoint))
        }
    }

    It 'EC2 hanging while every NAT lives moves nothing, and no monitor stalls' {
        Wait-FailoverSteady $fabric -Monitors
        $before = Get-FailoverRouteTarget $fabric
        $fault = Set-FailoverEc2Fault $fabric -Mode hang -Seconds 6
        Start-Sleep -Seconds 8
        $since = [double]$fault.started

        # The monitors called EC2 during the hang, and their calls ended on their own timeout (2 s), not at the recovery.
        @(Get-FailoverFaultProxyLog $fabric -Since $since -Until ([double]$fault.until) | Where-Object Outcome -EQ 'hang').Count | Should -BeGreaterThan 0
        $timedOut = @(Get-FailoverMonitorEvent $fabric -Event peers-refresh-failed -Since $since | Where-Object { $_.Time -lt [double]$fault.until - 0.5 })
        $timedOut.Count | Should -BeGreaterThan 0 -Because 'a read EC2 does not answer must end within the monitor''s call timeout, seconds before EC2 recovers'
        # Heartbeats went on (the reads run beside the loop): nobody was judged silent, nothing was taken.
        @(Get-FailoverMonitorEvent $fabric -Event peer-failed -Since $since) | Should -BeNullOrEmpty
        @(Get-FailoverMonitorEvent $fabric -Event takeover -Since $since) | Should -BeNullOrEmpty
        (Get-FailoverRouteTarget $fabric | ConvertTo-Json) | Should -Be ($before | ConvertTo-Json)
        Test-FailoverMonitorReady $fabric | Should -BeTrue
        # And the reads come back once EC2 does.
        Wait-NetNsCondition -TimeoutSeconds 10 -Because 'a route read through the proxy after the recovery' -Condition {
            @(Get-FailoverFaultProxyLog $fabric -Since ([double]$fault.until) | Where-Object { $_.Action -eq 'DescribeRouteTables' -and $_.Outcome -eq 'pass' }).Count -gt 0
        }
    }

    It '<Kind>: egress is back soon after EC2 recovers, by one takeover, with no conflicting write and no flap' -TestCases $kinds {
        param($Kind, $Zone)
        $m = Measure-FailoverEc2Fault $fabric -Kind $Kind -Zone $Zone -Ec2Seconds 6
        $because = ($m | Select-Object -ExcludeProperty PerZone | ConvertTo-Json -Compress)
        $record = @($m.PerZone)[0]
        $faulted = Get-FailoverZone $fabric $Zone

        # The death was seen while EC2 still failed, so the takeover met the fault.
        $m.DetectedBeforeRecovery | Should -BeTrue -Because $because
        # An attempt failed, or the one attempt began while EC2 failed and went through once it answered (seen once
        # with EC2 hanging: one attempt of 4.8 s, no failed line, though each call is bounded at 2 s; not explained yet).
        $m.TakeoverMetFault | Should -BeTrue -Because "the takeover must have met EC2's fault: $because"
        # Egress came back, through a healthy peer, within a generous bound of EC2's recovery (the goal, 2 s, is the bench's).
        $record.Restored | Should -BeTrue -Because $because
        # (Waiting out the zone's 10 s cool-down after a failed attempt, as before, takes about 8 s here.)
        $m.RecoveryToEgressSeconds | Should -BeLessThan 5 -Because $because
        # Retried on the short cadence: a second between attempts at most, plus an attempt (2 s at most when EC2 hangs).
        $m.LongestRetryGapSeconds | Should -BeLessThan 4.5 -Because $because
        $record.TakenBy | Should -BeIn @($fabric.Zones.Letter | Where-Object { $_ -ne $faulted.Letter }) -Because $because
        # One takeover moved the zone; every route write that reached EC2 for its table named the same NAT, the taker.
        $m.Takeovers | Should -Be 1 -Because $because
        $m.Writes | Should -BeGreaterThan 0 -Because $because
        $m.Writes | Should -BeLessOrEqual 2 -Because "a retry re-reads the routes and leaves a zone already taken alone: $because"
        @($m.WriteTargets).Count | Should -Be 1 -Because "conflicting route writes: $because"
        $taker = ($fabric.Zones | Where-Object Letter -EQ $record.TakenBy).InstanceId
        @($m.WriteTargets)[0] | Should -Be $taker -Because $because
        # Bounded: over 6 s of EC2 failing, three monitors' reads and the taker's attempts, at most a few a second.
        $m.Refused | Should -BeGreaterThan 0 -Because $because
        $m.Refused | Should -BeLessThan 150 -Because "the monitors must not hammer a failing EC2: $because"
        # The rest of the failover as usual: the dead NAT marked, its replacement takes the zone back, nothing flaps.
        $record.Unhealthy | Should -BeTrue -Because $because
        $record.FailedBack | Should -BeTrue -Because $because
        $record.Flapped | Should -BeFalse -Because $because
        $m.OthersMoved | Should -BeNullOrEmpty -Because $because
        $m.AllHome | Should -BeTrue -Because $because
    }

    It 'CloudWatch hanging does not delay a failover: the same NAT death timed with CloudWatch healthy, then hanging' {
        $healthy = Measure-Failover $fabric -Kind NatDead -Zone b
        $since = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000
        # CloudWatch (signed "monitoring") holds every request unanswered, from before the death until after the failback.
        $null = Set-FailoverEc2Fault $fabric -Mode hang -Service monitoring
        try { $hanging = Measure-Failover $fabric -Kind NatDead -Zone b }
        finally { $null = Set-FailoverEc2Fault $fabric -Mode pass -Service monitoring }
        $figures = { param($m) "restored $($m.RestoredSeconds) s, detected $($m.DetectedSeconds) s, taken $($m.TakeoverSeconds) s" }
        $because = "CloudWatch healthy: $(& $figures $healthy); hanging: $(& $figures $hanging)"
        Write-Host "  $because"

        # The fault met the monitors: their PutMetricData requests were held, one a period each at most.
        $held = @(Get-FailoverFaultProxyLog $fabric -Since $since | Where-Object { $_.Action -eq 'PutMetricData' -and $_.Outcome -eq 'hang' })
        $held.Count | Should -BeGreaterThan 2 -Because $because
        # The failover went as with CloudWatch healthy: egress back as soon (a second's slack for a shared machine).
        $healthy.Restored | Should -BeTrue -Because $because
        $hanging.Restored | Should -BeTrue -Because $because
        $hanging.RestoredSeconds | Should -BeLessOrEqual ($healthy.RestoredSeconds + 1) -Because $because
        $hanging.DetectedSeconds | Should -BeLessOrEqual ($healthy.DetectedSeconds + 1) -Because $because
        $hanging.FailedBack | Should -BeTrue -Because $because
        $hanging.Flapped | Should -BeFalse -Because $because
        # Logged once an outage, not once a period: at most one metrics-unavailable per monitor that ran through it.
        $unavailable = @(Get-FailoverMonitorEvent $fabric -Event metrics-unavailable -Since $since)
        $unavailable.Count | Should -BeGreaterThan 0
        foreach ($zone in $fabric.Zones | Where-Object Letter -NE 'b') {
            @($unavailable | Where-Object Zone -EQ $zone.Letter).Count | Should -BeLessOrEqual 1 -Because "the monitor of $($zone.Name) logs the outage once"
        }
        # And the metrics come back with CloudWatch.
        Wait-NetNsCondition -TimeoutSeconds 15 -Because 'a monitor to say its metrics are published again' -Condition {
            @(Get-FailoverMonitorEvent $fabric -Event metrics-restored -Since $since).Count -gt 0
        }
    }
}
