#Requires -Version 7.4
<#
Failover, proven with packets: three zones in network namespaces (tests/netns/Failover.psm1), moto for EC2, Auto
Scaling and SSM, a router that turns moto's route tables into each private host's next hop, and in every NAT
namespace the real module: the boot takeover, then Start-HaNatMonitor. Each fault of the matrix is injected for
real; the tests assert that the private host's egress comes back through a peer NAT, that the failed NAT is
marked Unhealthy in its group, and that the zone fails back to its own NAT when a replacement boots. Heartbeats
blocked at a NAT that still forwards must never cost egress; 5% heartbeat loss for two minutes must cause no
failover, nor 10% for one minute. Timings here are generous bounds (CI machines are slow and shared); bench/failover prints the figures.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Failover.Netns.Tests.ps1
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Failover.Netns.Tests.ps1 -ExcludeTag Slow   (no 2-minute run)
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Every log (monitors with the
time of each line, router, probes, takeovers, moto, harness.log) stays in TestResults/failover-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'Failover of three NAT zones in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Failover.Netns.Tests: skipped: $skipReason" }

    # Each fault at one zone; the zones vary so that every NAT both fails and takes over in the course of a run.
    $singleFaults = @(
        @{ Kind = 'NatDead'; Zone = 'b' }
        @{ Kind = 'MonitorKilled'; Zone = 'c' }
        @{ Kind = 'IpForwardOff'; Zone = 'a' }
        @{ Kind = 'MasqueradeDeleted'; Zone = 'b' }
        @{ Kind = 'ForwardDrop'; Zone = 'c' }
        @{ Kind = 'UplinkDown'; Zone = 'a' }
        @{ Kind = 'UplinkBlackhole'; Zone = 'b' }
    )
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $script:fabric = $null
        # The logs (harness, router, monitors with their times, probes, takeovers, moto) stay in TestResults/, which
        # test.sh empties at its start and CI can keep.
        $logs = Join-Path $PSScriptRoot "../../TestResults/failover-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        $script:fabric = New-FailoverFabric -ModulePath (Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1') -WorkDirectory $logs
        Write-Host "Failover.Netns.Tests: logs in $($fabric.Work)"

        # Generous bounds, not goals (bench/failover prints the figures): a NAT that hears no peer at all, as when
        # two zones fail at once, waits an interval more than K beats, then reads the routes, by design.
        function Assert-Failover([object] $Result, [string[]] $FaultedZones, [double] $MaxRestoredSeconds = 15) {
            $because = ($Result | Select-Object -ExcludeProperty PerZone | ConvertTo-Json -Compress)
            foreach ($record in $Result.PerZone) {
                $record.Restored | Should -BeTrue -Because "zone $($record.Zone) must get egress back: $because"
                $record.RestoredSeconds | Should -BeLessThan $MaxRestoredSeconds -Because $because
                $record.TakenBy | Should -BeIn @($fabric.Zones.Letter | Where-Object { $_ -notin $FaultedZones }) -Because "a healthy peer must take zone $($record.Zone) over: $because"
                $record.Unhealthy | Should -BeTrue -Because "the monitors must mark $($record.InstanceId) Unhealthy in its group: $because"
                $record.FailedBack | Should -BeTrue -Because "the replacement must take zone $($record.Zone) back: $because"
                $record.FailbackSeconds | Should -BeLessThan 30 -Because $because
                $record.Flapped | Should -BeFalse -Because "after failback the route must stay: $because"
            }
            # No zone that was not faulted moved, and every zone ends on its own NAT.
            $Result.OthersMoved | Should -BeNullOrEmpty -Because $because
            $Result.AllHome | Should -BeTrue -Because $because
        }
    }

    AfterAll {
        if ($script:fabric) {
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    Context 'the harness' {
        AfterEach {
            # A test that left a zone off its own NAT has failed already; the next starts clean.
            $repaired = @(Repair-FailoverFabric $fabric)
            if ($repaired) { Write-Host "  repaired after the test: $($repaired -join '; ')" }
        }

        It 'every private host reaches the internet through its own NAT, masqueraded' {
            foreach ($zone in $fabric.Zones) { $null = Start-FailoverProbe $fabric $zone }
            try {
                # Once every probe answers, a second of requests.
                Wait-FailoverSteady $fabric -ProbeZone $fabric.Zones
                $since = Get-FailoverNow
                Start-Sleep -Seconds 1
                foreach ($zone in $fabric.Zones) {
                    $results = @(Get-FailoverProbeResult $fabric $zone -Since $since)
                    $results.Count | Should -BeGreaterThan 5
                    @($results | Where-Object { -not $_.Ok }) | Should -BeNullOrEmpty
                    # The server saw the NAT's uplink address: the private address never left the VPC.
                    @($results.Via | Sort-Object -Unique) | Should -Be @($zone.Letter)
                }
                # And it could not have worked otherwise: the internet has no route back to the VPC.
                (Invoke-NetNsIp $fabric.Inet route show) | Should -Not -Match '10\.99\.'
                (Invoke-NetNsIp $fabric.Inet route show) | Should -Not -Match 'default'

            } finally {
                foreach ($zone in $fabric.Zones) { Stop-FailoverProbe $fabric $zone }
            }
        }

        It 'moves packets when a route changes through the EC2 API' {
            $zone = $fabric.Zones[1]
            $peer = $fabric.Zones[0]
            $since = Get-FailoverNow
            $null = Start-FailoverProbe $fabric $zone
            try {
                $null = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'ReplaceRoute'; RouteTableId = $zone.RouteTableId
                        DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $peer.InstanceId })
                Wait-FailoverRoute $fabric $zone -Via $peer -TimeoutSeconds 5
                $moved = Get-FailoverNow
                (Wait-FailoverEgress $fabric $zone -Since $moved -Via $peer.Letter -TimeoutSeconds 5) | Should -Not -BeNullOrEmpty
            } finally {
                $null = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'ReplaceRoute'; RouteTableId = $zone.RouteTableId
                        DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $zone.InstanceId })
                Wait-FailoverRoute $fabric $zone -Via $zone -TimeoutSeconds 5
                Stop-FailoverProbe $fabric $zone
            }
            $changes = @(Get-FailoverRouterEvent $fabric -Since $since | Where-Object Namespace -EQ $zone.PrivNs)
            $changes.Via | Should -Be @($peer.PrivateIp, $zone.PrivateIp)
        }

        It 'each data-plane fault really cuts egress, and its undo restores it at once' {
            # Each fault is meant to last well under half a second, and two seconds of health follow it: a monitor acts
            # on 5 unhealthy beats in a row, each a fresh check, never closer than 0.2 s apart (0.8 s from first to
            # last), and an egress probe's late verdict clears within a quarter second of the path healing, so such a
            # fault may not move a route. A fault lasts as long as the processes that inject it, check it and undo it:
            # on a loaded 2-core machine (three namespace fabrics at once) that can pass 0.8 s, and then a peer is
            # right to take the zone. So each fault is timed from before its injection to after its undo (longer than
            # it really was): one shorter than 0.8 s that moved a route fails the test; a longer one that did is said,
            # and the zone's NAT comes back as a replacement boots before the next fault.
            $detectionSeconds = 0.8
            $zone = $fabric.Zones[2]
            $since = Get-FailoverNow
            foreach ($kind in 'IpForwardOff', 'MasqueradeDeleted', 'ForwardDrop', 'UplinkDown', 'UplinkBlackhole') {
                $started = Get-FailoverNow
                $fault = Add-FailoverFault $fabric $zone $kind
                $cut = Invoke-NetNsNative -Namespace $zone.PrivNs -FilePath curl -ArgumentList '-sS', '--max-time', '0.25', $fabric.WebUrl -AllowFailure
                Remove-FailoverFault $fabric $fault
                $lasted = (Get-FailoverNow) - $started
                $back = Invoke-NetNsNative -Namespace $zone.PrivNs -FilePath curl -ArgumentList '-sS', '--max-time', '2', $fabric.WebUrl -AllowFailure
                Start-Sleep -Seconds 2
                $moved = @(Get-FailoverRouterEvent $fabric -Since $started | Where-Object Namespace -EQ $zone.PrivNs)
                $cut.ExitCode | Should -Not -Be 0 -Because "$kind must cut egress"
                $back.ExitCode | Should -Be 0 -Because "undoing $kind must restore egress: $($back.StdErr)"
                if ($moved.Count -eq 0) {
                    $back.StdOut.Trim() | Should -Be "ok $($zone.UplinkIp)"
                    continue
                }
                $lasted | Should -BeGreaterOrEqual $detectionSeconds -Because ("a $kind fault of {0:F2} s, shorter than the monitors' detection, moved zone {1}'s route" -f $lasted, $zone.Letter)
                Write-Host ("  {0} lasted {1:F2} s on this machine, past the monitors' {2} s: a peer took zone {3}, as it should; its NAT comes back as a replacement" -f
                    $kind, $lasted, $detectionSeconds, $zone.Letter)
                $null = Restore-FailoverNat $fabric $zone.Letter
                Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60
            }
            @(Get-FailoverRouterEvent $fabric -Since $since | Where-Object Namespace -NE $zone.PrivNs) | Should -BeNullOrEmpty -Because 'no other zone''s route moves'
        }

        It 'every monitor hears the two other NATs' {
            Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 30
            foreach ($zone in $fabric.Zones) {
                $heard = @(Get-FailoverMonitorEvent $fabric $zone | Where-Object Event -In 'peer-heard', 'peer-recovered' | ForEach-Object { $_.Fields['peer'] })
                foreach ($peer in $fabric.Zones | Where-Object Letter -NE $zone.Letter) { $heard | Should -Contain $peer.InstanceId }
            }
        }
    }

    Context 'a fault at one NAT' {
        AfterEach {
            # A run that left a zone off its own NAT has failed already (OthersMoved, AllHome); the next starts clean.
            $repaired = @(Repair-FailoverFabric $fabric)
            if ($repaired) { Write-Host "  repaired after the test: $($repaired -join '; ')" }
        }

        It '<Kind> at zone <Zone>: a peer restores egress, marks the NAT Unhealthy, and the replacement fails back' -ForEach $singleFaults {
            $result = Measure-Failover $fabric -Kind $Kind -Zone $Zone
            Assert-Failover $result @($Zone)
            if ($Kind -eq 'MonitorKilled') {
                # The NAT kept forwarding the whole time: no new connection failed (one in flight across the route
                # switch may break, as in EC2).
                $result.FailedOutsideSwitch | Should -Be 0
            } else {
                # The fault must really have cut egress for the test to mean anything: a request failed, or was held up
                # (a lost SYN that its retransmission a second later carried through the new route). Counted from 2 s
                # before the record's Injected, which is stamped when the fault's last step is done (NatDead kills the
                # NAT's processes before it takes its links down): a fast failover can restore egress before any
                # request begun after that stamp times out.
                $cut = @(Get-FailoverProbeResult $fabric $Zone -Since ($result.Injected - 2) |
                        Where-Object { $_.Start -le $result.Injected + $result.RestoredSeconds -and (-not $_.Ok -or $_.End - $_.Start -gt 0.5) })
                $cut.Count | Should -BeGreaterThan 0 -Because 'the fault must really have cut egress for the test to mean anything'
            }
        }
    }

    Context 'heartbeats blocked at a NAT that still forwards' {
        BeforeAll {
            $blocked = $fabric.Zones[0].InstanceId
            $result = Measure-Failover $fabric -Kind HeartbeatsBlocked -Zone a
            $because = ($result | Select-Object -ExcludeProperty PerZone | ConvertTo-Json -Compress)
            Write-Host "  $because"
        }

        AfterAll {
            $repaired = @(Repair-FailoverFabric $fabric)
            if ($repaired) { Write-Host "  repaired after the context: $($repaired -join '; ')" }
        }

        It 'egress is never lost: every new connection from zone a succeeds' {
            $result.Restored | Should -BeTrue -Because $because
            $result.FailedOutsideSwitch | Should -Be 0 -Because $because
        }

        It 'its peers take zone a over, mark it Unhealthy, and the replacement fails back' {
            $record = $result.PerZone[0]
            $record.TakenBy | Should -BeIn @('b', 'c') -Because $because
            $record.Unhealthy | Should -BeTrue -Because $because
            $record.FailedBack | Should -BeTrue -Because $because
            $record.Flapped | Should -BeFalse -Because $because
        }

        It 'the cut-off NAT takes no zone over, and no other zone moves' {
            # It hears nobody, but its peers answer ICMP echo: their hosts are up, so it is the one whose heartbeats are
            # lost, and a zone whose earlier NAT was replaced is held by that zone's current (silent to it) NAT.
            $taken = @(Get-FailoverMonitorEvent $fabric -Event takeover -Since $result.Injected | Where-Object { $_.Fields['by'] -eq $blocked } | ForEach-Object Line)
            $taken | Should -BeNullOrEmpty -Because "$blocked heard no peer; $because"
            $result.OthersMoved | Should -BeNullOrEmpty -Because $because
            $result.AllHome | Should -BeTrue -Because $because
        }
    }

    Context 'two zones failing at once' {
        AfterEach {
            $repaired = @(Repair-FailoverFabric $fabric)
            if ($repaired) { Write-Host "  repaired after the test: $($repaired -join '; ')" }
        }

        It 'NatDead at zones b and c: the last NAT takes both zones, and both fail back' {
            $result = Measure-Failover $fabric -Kind NatDead -Zone b, c -TimeoutSeconds 30
            Assert-Failover $result @('b', 'c') -MaxRestoredSeconds 25
            @($result.PerZone.TakenBy | Sort-Object -Unique) | Should -Be @('a')
        }
    }

    Context 'heartbeat loss' -Tag 'Slow' {
        BeforeAll {
            # Heartbeat loss at every NAT for a while, with a probe in every zone: no route may move, no monitor may take
            # or mark anything, and no request may fail. Returns the drops per NAT, for the caller to check the loss.
            function Assert-NoFailoverUnderLoss([double] $Percent, [int] $Seconds) {
                Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 30
                $targets = Get-FailoverRouteTarget $fabric
                $takeovers = @(Get-FailoverMonitorEvent $fabric -Event takeover).Count
                $marks = @(Get-FailoverMonitorEvent $fabric -Event mark-unhealthy).Count
                $since = Get-FailoverNow
                foreach ($zone in $fabric.Zones) { $null = Start-FailoverProbe $fabric $zone -IntervalSeconds 0.2 }
                Set-FailoverHeartbeatLoss $fabric -Percent $Percent
                try {
                    Start-Sleep -Seconds $Seconds
                    $dropped = Get-FailoverHeartbeatDrop $fabric
                } finally {
                    Set-FailoverHeartbeatLoss $fabric -Percent 0
                    foreach ($zone in $fabric.Zones) { Stop-FailoverProbe $fabric $zone }
                }
                $because = "at $Percent% loss for $Seconds s (dropped: $($dropped | ConvertTo-Json -Compress))"
                # The loss was real: each NAT dropped some of the beats it received.
                foreach ($letter in $dropped.Keys) { $dropped[$letter] | Should -BeGreaterThan 0 -Because "zone $letter must have lost heartbeats $because" }
                (Get-FailoverRouteTarget $fabric) | ConvertTo-Json | Should -Be ($targets | ConvertTo-Json) -Because $because
                @(Get-FailoverRouterEvent $fabric -Since $since) | Should -BeNullOrEmpty -Because $because
                @(Get-FailoverMonitorEvent $fabric -Event takeover).Count | Should -Be $takeovers -Because $because
                @(Get-FailoverMonitorEvent $fabric -Event mark-unhealthy).Count | Should -Be $marks -Because $because
                foreach ($zone in $fabric.Zones) {
                    $results = @(Get-FailoverProbeResult $fabric $zone -Since $since)
                    # A request every 0.2 s: more than 500 in two minutes.
                    $results.Count | Should -BeGreaterThan ([math]::Ceiling(500 * $Seconds / 120)) -Because $because
                    @($results | Where-Object { -not $_.Ok }) | Should -BeNullOrEmpty -Because $because
                }
                $dropped
            }
        }

        It '5% heartbeat loss for two minutes causes no failover and loses no egress' {
            # Each NAT receives ~1,200 beats in two minutes (two peers, a beat every 0.2 s).
            $null = Assert-NoFailoverUnderLoss -Percent 5 -Seconds 120
        }

        It '10% heartbeat loss for one minute causes no failover and loses no egress' {
            # Why a minute is enough. A false failover needs this NAT to lose a peer's 5 beats in a row and the third NAT
            # its last 4 (FailoverSettings): 0.1^9 per pair and beat, ~2e-6 per minute of 6 pairs at 5 beats/s, so no run
            # of any length shows one by chance; what a run can show is a systematic fault (beats late on a busy host
            # counted as lost, a "hears" window too short, a check confused by the loss), and those show within
            # seconds. A minute at 10% gives each NAT ~60 losses of its ~600 beats and, over the 6 pairs, ~1.6 runs of 3
            # in a row and a few of 2, which exercise the hears windows; the 5% run above adds two minutes more.
            $dropped = Assert-NoFailoverUnderLoss -Percent 10 -Seconds 60
            # About 10% of ~600 beats per NAT (binomial: 60 ± 7.3): a range wide enough for a monitor that beat a little
            # less on a busy host, narrow enough that 5% (30) or 20% (120) would most likely fail it.
            foreach ($letter in $dropped.Keys) {
                $dropped[$letter] | Should -BeGreaterOrEqual 35 -Because "zone $letter must have lost about 10% of its beats"
                $dropped[$letter] | Should -BeLessOrEqual 95 -Because "zone $letter must have lost about 10% of its beats"
            }
        }
    }
}
