#Requires -Version 7.4
<#
A NAT that leaves on purpose hands its zone over before it stops forwarding, with real packets: the 3-zone namespace
harness (tests/netns/Failover.psm1), a private host per zone requesting every 50 ms (probe.py), and each trigger of a
planned departure in turn, on a zone of its own or on a NAT restored the way a replacement boots:

- SIGTERM, as `systemctl stop` (and shutdown, reboot) sends it;
- the Auto Scaling group terminating the NAT: IMDS autoscaling/target-lifecycle-state becomes Terminated (with a
  termination lifecycle hook on the group, which the NAT completes after its handover);
- a spot interruption notice (IMDS spot/instance-action), and a rebalance recommendation
  (events/recommendations/rebalance).

Each time: the monitor exits 0 after `handover-done`; its zone moved to a peer while it still ran; then the harness
kills the whole NAT (its links down, every process of it gone), as the shutdown or the termination would. The proof
of make-before-break is that no request of any zone failed across all of that, not even one open at the very moment
the router moves its zone's route; and no peer counted the NAT failed or marked it Unhealthy, and the zone did not move
again (no flap) in the seconds after, while the NAT was dead and silent. A request open at the move sends its next
packets to the taker, which never saw the connection (NAT state is per instance): the taker relays such connections to
the leaving NAT, which still forwards and translates them (`relay-start`), so they finish where they started. To prove
the relay and not luck, each private host also runs a slow stream (probe.py --hold: every request sent in two parts
0.6 s apart), so that several requests straddle each move; those of the moved zone must all succeed, carried by the
leaving NAT (the server saw its address). Last, a NAT with no healthy peer left says so
(`handover-failed reason=no-healthy-peer`), exits 0 and changes nothing.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Handover.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Logs in
TestResults/handover-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'Handover of a NAT that leaves on purpose, in the namespace harness' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Handover.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $logs = Join-Path $PSScriptRoot "../../TestResults/handover-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        $script:fabric = New-FailoverFabric -WorkDirectory $logs
        Write-Host "Handover.Netns.Tests: logs in $($fabric.Work)"
        $since = Get-FailoverNow
        # How long the slow stream holds each request open between its two parts.
        $script:holdSeconds = 0.6
        # How long before a logged route move a request's stamp may be and its connection still follow the new route.
        $script:connectSlackSeconds = 0.1
        foreach ($z in $fabric.Zones) {
            # A 3 s timeout, not the harness's 1 s, as the slow stream has: on a 2-core test machine that runs three
            # namespace fabrics at once, a zone's probe process can stall for a second or two (two full runs each saw
            # a zone fail a handful of requests seconds away from any move, in zones the handover did not touch or
            # after it had ended). A request that waits out one SYN retransmission (1 s) is slow, not lost; a
            # handover that dropped the zone's packets for a second or more still fails requests (the SYN's next
            # retransmission after that is at 3 s).
            $null = Start-FailoverProbe $fabric $z -MaxSeconds 1200 -TimeoutSeconds 3
            $null = Start-FailoverProbe $fabric $z -Stream slow -IntervalSeconds 0.1 -HoldSeconds $holdSeconds -TimeoutSeconds 3 -MaxSeconds 1200
        }
        Wait-FailoverSteady $fabric -ProbeZone a, b, c -Monitors -TimeoutSeconds 60

        # How long after the NAT is gone the harness watches for a flap or a mark: longer than the peers' silence
        # verdict (K intervals and a tenth: 1.05 s at the defaults) plus a lone NAT's extra wait and a takeover.
        $script:watchSeconds = 8

        function Invoke-Handover([string] $Letter, [scriptblock] $Trigger) {
            <#
            One planned departure of zone $Letter's NAT: probes running in every zone, the trigger (which returns the
            monitor's exit code once it exited), then the NAT killed whole, then $watchSeconds of watching. Returns
            what the assertions read.
            #>
            $zone = Get-FailoverZone $fabric $Letter
            Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60 -SettleSeconds 1
            $leaving = $zone.InstanceId
            $log = $zone.Monitor.StdOut
            $peerZones = @($fabric.Zones | Where-Object Letter -NE $Letter)
            $redirectsBefore = @($peerZones | ForEach-Object { Get-FailoverRedirectsSent $fabric $_ })
            $script:firstExit = $null
            $since = Get-FailoverNow
            Start-Sleep -Milliseconds 500
            $triggered = Get-FailoverNow
            $exit = & $Trigger $zone
            # (A trigger that goes on after the monitor exited says when it exited in $script:firstExit.)
            $exited = if ($script:firstExit) { $script:firstExit } else { Get-FailoverNow }
            # What the shutdown or the termination does next: nothing of the NAT forwards any more.
            $null = Add-FailoverFault $fabric $zone NatDead
            $killed = Get-FailoverNow
            Start-Sleep -Seconds $watchSeconds
            $until = Get-FailoverNow
            $redirects = 0
            for ($i = 0; $i -lt $peerZones.Count; $i++) { $redirects += (Get-FailoverRedirectsSent $fabric $peerZones[$i]) - $redirectsBefore[$i] }
            $marked = @{}
            foreach ($peer in $peerZones) { $marked[$peer.InstanceId] = @(Get-FailoverRelayMarkedEntry $fabric $peer).Count }
            $moves = @(Get-FailoverRouterEvent $fabric -Since $triggered | Where-Object Namespace -EQ $zone.PrivNs)
            $perZone = foreach ($z in $fabric.Zones) {
                $results = @(Get-FailoverProbeResult $fabric $z -Since $since | Where-Object Start -LT $until)
                $slow = @(Get-FailoverProbeResult $fabric $z -Since $since -Log $z.Streams['slow'].Log | Where-Object Start -LT $until)
                $zoneMoves = @(Get-FailoverRouterEvent $fabric -Since $since | Where-Object { $_.Namespace -eq $z.PrivNs -and $_.Time -lt $until })
                $failed = @(@($results) + @($slow) | Where-Object { -not $_.Ok })
                # The slow requests whose two parts fell on either side of a move of the zone's route.
                $straddling = @($slow | Where-Object { $r = $_; @($zoneMoves | Where-Object { $_.Time -gt $r.Start -and $_.Time -lt $r.Start + $holdSeconds }).Count -gt 0 })
                $inFlight = @($failed | Where-Object { $f = $_; @($zoneMoves | Where-Object { $_.Time -ge $f.Start - 0.01 -and $_.Time -le $f.End + 0.05 }).Count -gt 0 })
                [pscustomobject]@{ Zone = $z.Letter; Results = $results; Sent = $results.Count; SlowSent = $slow.Count; Straddling = $straddling; Failed = $failed; InFlight = $inFlight
                    Lost = @($failed | Where-Object { $_ -notin $inFlight }) }
            }
            $peers = @($fabric.Zones | Where-Object Letter -NE $Letter)
            $record = [pscustomobject]@{
                Relays = @($peers | ForEach-Object { Get-FailoverMonitorEvent $fabric -Zone $_ -Event 'relay-start' -Since $triggered } | Where-Object { $_.Fields['zone'] -eq $zone.Name })
                Zone = $zone; Leaving = $leaving; Exit = $exit; Triggered = $triggered; Exited = $exited; Killed = $killed; Until = $until; Moves = $moves
                RedirectsSent = $redirects; MarkedEntries = $marked
                PerZone = @($perZone); Targets = (Get-FailoverRouteTarget $fabric); State = (Get-FailoverState $fabric)
                Done = @(Get-FailoverMonitorEvent $fabric -Zone $zone -Event 'handover-done' -Since $triggered | Where-Object File -EQ $log)
                Failed = @(Get-FailoverMonitorEvent $fabric -Zone $zone -Event 'handover-failed' -Since $triggered | Where-Object File -EQ $log)
                Takeovers = @($peers | ForEach-Object { Get-FailoverMonitorEvent $fabric -Zone $_ -Event 'takeover' -Since $triggered } | Where-Object { $_.Fields['failed'] -eq $leaving })
                Marks = @($peers | ForEach-Object { Get-FailoverMonitorEvent $fabric -Zone $_ -Event 'mark-unhealthy' -Since $triggered } | Where-Object { $_.Fields['instance'] -eq $leaving })
                PeerFailed = @($peers | ForEach-Object { Get-FailoverMonitorEvent $fabric -Zone $_ -Event 'peer-failed' -Since $triggered } | Where-Object { $_.Fields['peer'] -eq $leaving })
            }
            $move = $moves | Select-Object -First 1
            Write-Host ("  {0} of zone {1}: exit {2} {3:F2} s after the trigger; route moved {4}; handover {5}; failed requests (in flight at the move) {6}" -f
                $(if ($record.Done) { $record.Done[0].Fields['trigger'] } else { 'departure' }), $Letter, $exit, ($exited - $triggered),
                $(if ($move) { '{0:F2} s after the trigger to {1}' -f ($move.Time - $triggered), $move.Target } else { 'never' }),
                $(if ($record.Done) { "$($record.Done[0].Fields['ms']) ms" } else { 'none' }),
                (($record.PerZone | ForEach-Object { "$($_.Zone)=$($_.Failed.Count)($($_.InFlight.Count))/$($_.Sent + $_.SlowSent)" }) -join ' '))
            if ($move) {
                # Who carried the zone's new requests between the move and the NAT's death (the taker, if nothing else
                # sends the zone's hosts elsewhere), then after it, by carrier (- for a failed one).
                $own = @($record.PerZone | Where-Object Zone -EQ $Letter)[0].Results
                $carriers = { param($from, $to) (@($own | Where-Object { $_.Start -gt $from -and $_.Start -lt $to } | Group-Object { if ($_.Ok) { $_.Via } else { '-' } } |
                            ForEach-Object { "$($_.Name) x$($_.Count)" }) -join ', ') }
                Write-Host ("  zone {0}'s requests after the move: {1}; after the NAT was killed: {2}; ICMP redirects sent by the peers: {3}" -f $Letter,
                    (& $carriers ($move.Time + $connectSlackSeconds) $exited), (& $carriers $killed $until), $redirects)
            }
            $straddled = @($record.PerZone | Where-Object Zone -EQ $Letter)[0].Straddling
            Write-Host ("  slow requests open across the move: {0}, ok {1}, carried by {2}" -f $straddled.Count, @($straddled | Where-Object Ok).Count,
                ((@($straddled | ForEach-Object { $_.Via }) | Sort-Object -Unique) -join ','))
            $record
        }

        function Assert-Handover([object] $Record, [string] $Trigger) {
            $Record.Exit | Should -Be 0
            $Record.Failed | Should -BeNullOrEmpty
            $done = @($Record.Done)
            $done.Count | Should -Be 1 -Because 'the leaving monitor logs handover-done once'
            $done[0].Fields['trigger'] | Should -Be $Trigger
            $done[0].Fields['zones'] | Should -Be $Record.Zone.Name
            # The zone went to a peer, once, while the leaving monitor still ran (so its NAT still forwarded).
            $Record.Moves.Count | Should -Be 1 -Because "zone $($Record.Zone.Letter) moves once and stays (no flap): $($Record.Moves | ForEach-Object { "$($_.Target)@$($_.Time)" })"
            $taker = $Record.Moves[0].Target
            $taker | Should -Not -Be $Record.Leaving
            $taker | Should -BeIn @($fabric.Zones | Where-Object Letter -NE $Record.Zone.Letter | ForEach-Object InstanceId)
            $Record.Moves[0].Time | Should -BeLessThan $Record.Exited
            $done[0].Fields['to'] | Should -Be "$($Record.Zone.Name):$taker"
            $Record.Targets[$Record.Zone.Letter] | Should -Be $taker -Because 'the zone stays on its taker until a replacement takes it back'
            # Exactly one peer took it, with reason handover; nobody counted the NAT failed or marked it.
            $Record.Takeovers.Count | Should -Be 1
            $Record.Takeovers[0].Fields['reason'] | Should -Be 'handover'
            $Record.Takeovers[0].Fields['by'] | Should -Be $taker
            $Record.PeerFailed | Should -BeNullOrEmpty
            $Record.Marks | Should -BeNullOrEmpty
            $Record.State.health.($Record.Leaving) | Should -Not -Be 'Unhealthy'
            # Make-before-break: not one request failed, in any zone, not even one open at the route's move: the taker
            # relayed the connections it never saw open to the leaving NAT, which finished them.
            $Record.Relays.Count | Should -Be 1 -Because 'the taker relays the zone''s open connections to the leaving NAT'
            $Record.Relays[0].Fields['previous'] | Should -Be $Record.Leaving
            $Record.Relays[0].Fields['via'] | Should -Be $Record.Zone.PrivateIp
            # The taker carried the zone's new connections from the move on: no ICMP redirect (the taker relays packets
            # back out of the interface they came in on, as the kernel redirects) sent the zone's hosts straight to the
            # leaving NAT, which would have cost every new connection once that NAT was gone.
            $Record.RedirectsSent | Should -Be 0 -Because 'a NAT sends no ICMP redirect, also not while it relays'
            $takerLetter = @($fabric.Zones | Where-Object InstanceId -EQ $taker)[0].Letter
            $afterMove = @(@($Record.PerZone | Where-Object Zone -EQ $Record.Zone.Letter)[0].Results |
                    Where-Object { $_.Start -gt $Record.Moves[0].Time + $connectSlackSeconds -and $_.End -lt $Record.Killed })
            $afterMove.Count | Should -BeGreaterThan 0 -Because 'the zone made requests between the move and the NAT''s death'
            @($afterMove | Where-Object { $_.Via -ne $takerLetter }).Count | Should -Be 0 -Because "new connections after the move go through the taker ($takerLetter)"
            foreach ($z in $Record.PerZone) {
                $z.Sent | Should -BeGreaterThan 50 -Because "zone $($z.Zone)'s probe ran throughout"
                $z.SlowSent | Should -BeGreaterThan 20 -Because "zone $($z.Zone)'s slow stream ran throughout"
                @($z.Failed).Count | Should -Be 0 -Because "zone $($z.Zone) failed $(@($z.Failed).Count) request(s) ($(@($z.InFlight).Count) open at the move): $(($z.Failed | ForEach-Object { '{0:F3} {1}' -f $_.Start, $_.Detail }) -join '; ')"
            }
            # The proof that the relay, not luck, saved them: requests that sent one part before the move and one after.
            $moved = @($Record.PerZone | Where-Object Zone -EQ $Record.Zone.Letter)[0]
            @($moved.Straddling).Count | Should -BeGreaterThan 0 -Because 'slow requests were open across the move'
            $move = $Record.Moves[0].Time
            foreach ($r in $moved.Straddling) {
                $r.Ok | Should -BeTrue
                # The router logs a move after `ip route replace` returned, and the probe stamps a request before its
                # thread connects: one stamped within a tenth of a second before the logged move may have connected
                # after it, through the taker, which is as good. The ones stamped earlier opened through the leaving NAT.
                if ($r.Start -lt $move - $connectSlackSeconds) {
                    $r.Via | Should -Be $Record.Zone.Letter -Because 'a connection opened through the leaving NAT finishes there'
                }
            }
            @($moved.Straddling | Where-Object { $_.Start -lt $move - $connectSlackSeconds }).Count | Should -BeGreaterThan 0 -Because 'requests opened well before the move straddled it'
        }

        function Assert-RelayEnded([object] $Record) {
            # Once the leaving NAT is gone from EC2 (its replacement booted: terminated in moto), the taker ends the relay
            # within its 5 s check, and nothing of it stays on the taker's host.
            $taker = $fabric.Zones | Where-Object InstanceId -EQ $Record.Moves[0].Target
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            do {
                $ended = @(Get-FailoverMonitorEvent $fabric -Zone $taker -Event 'relay-end' -Since $Record.Triggered | Where-Object { $_.Fields['zone'] -eq $Record.Zone.Name })
                if ($ended.Count -gt 0) { break }
                Start-Sleep -Milliseconds 500
            } while ([DateTime]::UtcNow -lt $deadline)
            $ended.Count | Should -Be 1 -Because 'the taker ends the relay once the leaving NAT is gone'
            $ended[0].Fields['reason'] | Should -Be 'previous-nat-gone'
            $ended[0].Fields['via'] | Should -Be $Record.Relays[0].Fields['via']
            # The relayed connections' conntrack entries went with the relay: while it ran, the taker held some (the
            # connections open at the move); after it, none, so that no new connection reusing their ports is taken
            # for one of them.
            $Record.MarkedEntries[$taker.InstanceId] | Should -BeGreaterThan 0 -Because 'the relayed connections were tracked on the taker with the relay''s mark'
            Get-FailoverRelayMarkedEntry $fabric $taker | Should -BeNullOrEmpty
            foreach ($table in 'mangle', 'nat', 'filter') {
                $chain = @{ mangle = 'PREROUTING'; nat = 'POSTROUTING'; filter = 'FORWARD' }[$table]
                (Invoke-NetNsNative -Namespace $taker.NatNs -FilePath iptables -ArgumentList '-w', '5', '-t', $table, '-S', $chain).StdOut | Should -Not -Match 'hanat-relay'
            }
            (Invoke-NetNsNative -Namespace $taker.NatNs -FilePath ip -ArgumentList '-o', '-4', 'rule', 'show').StdOut | Should -Not -Match 'lookup 48[45]\d'
            Write-Host ("  relay ended on the taker: {0}" -f ($ended[0].Line -replace '^\S+ ', ''))
        }

        function Restore-Zone([string] $Letter) {
            # The group's replacement boots, and its boot takeover takes the zone back from its taker.
            $null = Restore-FailoverNat $fabric $Letter
            Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60
        }
    }

    AfterAll {
        if ($script:fabric) {
            foreach ($z in $fabric.Zones) { Stop-FailoverProbe $fabric $z; Stop-FailoverProbe $fabric $z -Stream slow }
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    It 'SIGTERM: hands the zone to a peer before it exits; no request lost, no mark, no flap; the relay ends once the NAT is gone' {
        $restored = $false
        try {
            $record = Invoke-Handover b { param($zone) Stop-FailoverMonitor $fabric $zone }
            Assert-Handover $record 'sigterm'
            (Get-FailoverMonitorEvent $fabric -Zone b -Event 'stop' -Since $record.Triggered)[-1].Fields['reason'] | Should -Be 'sigterm'
            Restore-Zone b
            $restored = $true
            Assert-RelayEnded $record
        } finally { if (-not $restored) { Restore-Zone b } }
    }

    It 'lifecycle state Terminated: hands over, then completes the group''s termination hook' {
        try {
            # A termination hook on the group, as a user adds one for a graceful scale-in. moto keeps hooks but acts on
            # none (no Terminating:Wait state, and no CompleteLifecycleAction at all: it answers 500), so what is tested
            # here is the call the NAT makes, read from moto's request recorder.
            $null = Invoke-FailoverMotoQuery $fabric autoscaling ([ordered]@{ Action = 'PutLifecycleHook'; AutoScalingGroupName = $fabric.Vpc.group
                    LifecycleHookName = 'drain'; LifecycleTransition = 'autoscaling:EC2_INSTANCE_TERMINATING'; HeartbeatTimeout = 300; DefaultResult = 'CONTINUE' })
            Start-FailoverMotoRecording $fabric
            try {
                $record = Invoke-Handover c {
                    param($zone)
                    Set-FailoverImdsPath $fabric -Zone $zone -Path 'autoscaling/target-lifecycle-state' -Value 'Terminated'
                    Wait-FailoverMonitorExit $fabric -Zone $zone -TimeoutSeconds 40
                }
            } finally {
                $calls = @(Get-FailoverMotoRecording $fabric)
            }
            Assert-Handover $record 'lifecycle-terminated'
            $complete = @($calls | Where-Object Action -EQ 'CompleteLifecycleAction')
            $complete.Count | Should -BeGreaterThan 0 -Because 'the NAT completes the termination hook after its handover'
            $complete[0].Parameters['AutoScalingGroupName'] | Should -Be $fabric.Vpc.group
            $complete[0].Parameters['LifecycleHookName'] | Should -Be 'drain'
            $complete[0].Parameters['InstanceId'] | Should -Be $record.Leaving
            $complete[0].Parameters['LifecycleActionResult'] | Should -Be 'CONTINUE'
            @($calls | Where-Object Action -EQ 'DescribeLifecycleHooks').Count | Should -BeGreaterThan 0
            # Only after the routes left: the hook is completed by the leaving NAT, after its last route read.
            (Get-FailoverMonitorEvent $fabric -Zone c -Since $record.Triggered | Where-Object Event -Match '^lifecycle-hooks').Count | Should -Be 1
        } finally { Restore-Zone c }
    }

    It 'a spot interruption notice: hands over; no request lost, no mark, no flap; started again, the monitor takes nothing' {
        try {
            $notice = '{"action": "terminate", "time": "' + [DateTime]::UtcNow.AddMinutes(2).ToString('yyyy-MM-ddTHH:mm:ssZ') + '"}'
            $script:restarted = $null
            $record = Invoke-Handover a {
                param($zone)
                Set-FailoverImdsPath $fabric -Zone $zone -Path 'spot/instance-action' -Value $notice
                $exit = Wait-FailoverMonitorExit $fabric -Zone $zone -TimeoutSeconds 40
                $script:firstExit = Get-FailoverNow
                # The monitor started again on the NAT that is leaving (a restart by hand, or by systemd after a crash):
                # IMDS still shows the notice, so it beats leaving, finds nothing routed to it, and exits 0 again.
                $started = Get-FailoverNow
                $null = Start-FailoverMonitor $fabric $zone
                $script:restarted = [pscustomobject]@{ Started = $started; Exit = (Wait-FailoverMonitorExit $fabric -Zone $zone -TimeoutSeconds 60) }
                $exit
            }
            Assert-Handover $record 'spot-interruption'
            $restarted.Exit | Should -Be 0
            $again = @(Get-FailoverMonitorEvent $fabric -Zone a -Since $restarted.Started)
            ($again | Where-Object Event -EQ 'leaving').Fields['trigger'] | Should -Be 'spot-interruption'
            ($again | Where-Object Event -EQ 'handover-done').Fields['zones'] | Should -Be 'none'
            $again | Where-Object { $_.Event -in 'takeover-start', 'takeover', 'mark-unhealthy', 'self-mark-unhealthy' } | Should -BeNullOrEmpty
            Write-Host ("  started again on the leaving NAT: exit {0}, {1}" -f $restarted.Exit, (($again | Where-Object Event -EQ 'handover-done').Line -replace '^\S+ ', ''))
        } finally { Restore-Zone a }
    }

    It 'a rebalance recommendation: hands over; no request lost, no mark, no flap' {
        try {
            $record = Invoke-Handover b {
                param($zone)
                Set-FailoverImdsPath $fabric -Zone $zone -Path 'events/recommendations/rebalance' -Value ('{"noticeTime": "' + [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ') + '"}')
                Wait-FailoverMonitorExit $fabric -Zone $zone -TimeoutSeconds 40
            }
            Assert-Handover $record 'rebalance-recommendation'
        } finally { Restore-Zone b }
    }

    It 'with no healthy peer, says why, changes nothing, and exits 0' {
        Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60
        $before = Get-FailoverRouteTarget $fabric
        # The peers' monitors gone (their NATs still forward): nobody can take zone c.
        Stop-FailoverMonitor $fabric a -Kill
        Stop-FailoverMonitor $fabric b -Kill
        Start-Sleep -Seconds 4
        $triggered = Get-FailoverNow
        $exit = Stop-FailoverMonitor $fabric c
        $exited = Get-FailoverNow
        $exit | Should -Be 0
        $failed = @(Get-FailoverMonitorEvent $fabric -Zone c -Event 'handover-failed' -Since $triggered)
        $failed.Count | Should -Be 1
        $failed[0].Fields['reason'] | Should -Be 'no-healthy-peer'
        $failed[0].Fields['detail'] | Should -Match 'no healthy peer heard'
        Get-FailoverMonitorEvent $fabric -Zone c -Event 'handover-done' -Since $triggered | Should -BeNullOrEmpty
        Write-Host ("  no healthy peer: exit {0} {1:F2} s after SIGTERM; {2}" -f $exit, ($exited - $triggered), $failed[0].Fields['detail'])
        # Nothing changed: every zone still on its own NAT, and zone c's NAT still serves it.
        $after = Get-FailoverRouteTarget $fabric
        foreach ($z in $fabric.Zones) { $after[$z.Letter] | Should -Be $before[$z.Letter] }
        @(Get-FailoverRouterEvent $fabric -Since $triggered).Count | Should -Be 0
        Wait-FailoverEgress $fabric c -Since (Get-FailoverNow) -Via c -TimeoutSeconds 5 | Should -Not -BeNullOrEmpty
    }
}
