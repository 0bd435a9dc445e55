#Requires -Version 7.4
<#
Migration off NAT gateways, with real packets: the namespace harness in its migration mode (New-FailoverFabric
-Existing: three zones, each private table on its zone's NAT gateway, no hanat:* tag anywhere), a private host per
zone requesting every 50 ms (probe.py), then HaNat put in as a user does it (Add-FailoverMigration: Add-HaNatVpc
-VpcId -Name, the harness's NATs adopted into the deployment's group, their boot takeovers and monitors as the AMI's
units start them).

- Add: each zone moves from its NAT gateway to its own NAT only once that NAT checked itself, so no request is
  lost. A request in flight at the very moment the router moves the route may be reset (its packets reach a NAT
  that never saw the connection, as in EC2 when a route changes): those are counted apart and reported; any other
  failure is a lost request.
- A dead NAT (the whole instance: Add-FailoverFault NatDead) sends its zone back to its own NAT gateway, not to a
  peer NAT; the zone's requests fail only until the monitors detect it.
- Remove-HaNatVpc -Name gives every zone back to its NAT gateway, no request lost.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Migration.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Logs in
TestResults/migration-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'Migration off NAT gateways in the namespace harness' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Migration.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $logs = Join-Path $PSScriptRoot "../../TestResults/migration-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        $script:fabric = New-FailoverFabric -Existing -WorkDirectory $logs
        Write-Host "Migration.Netns.Tests: logs in $($fabric.Work)"
        $name = 'mig'
        $since = Get-FailoverNow
        foreach ($z in $fabric.Zones) { $null = Start-FailoverProbe $fabric $z -MaxSeconds 900 }
        foreach ($z in $fabric.Zones) {
            if (-not (Wait-FailoverEgress $fabric $z -Since $since -Via "natgw-$($z.Letter)" -TimeoutSeconds 15)) { throw "zone $($z.Letter) gets no answer through its NAT gateway" }
        }

        # The zone's probe requests from -Since to -Until, the router's moves of its route in that time, and the
        # failures split: InFlight (the request was open while the router moved the route: reset by a NAT that
        # never saw it) and Lost (every other).
        function Get-ZoneWindow([object] $Zone, [double] $Since, [double] $Until = [double]::MaxValue) {
            $results = @(Get-FailoverProbeResult $fabric $Zone -Since $Since | Where-Object Start -LT $Until)
            $moves = @(Get-FailoverRouterEvent $fabric -Since $Since | Where-Object { $_.Namespace -eq $Zone.PrivNs -and $_.Time -lt $Until })
            $failed = @($results | Where-Object { -not $_.Ok })
            $inFlight = @($failed | Where-Object { $f = $_; @($moves | Where-Object { $_.Time -ge $f.Start - 0.01 -and $_.Time -le $f.End + 0.05 }).Count -gt 0 })
            [pscustomobject]@{
                Zone = $Zone.Letter; Results = $results; Moves = $moves; Sent = $results.Count; Failed = $failed.Count
                InFlight = $inFlight.Count; Lost = $failed.Count - $inFlight.Count
                ViaGateway = @($results | Where-Object Via -EQ "natgw-$($Zone.Letter)").Count
                ViaNat = @($results | Where-Object Via -EQ $Zone.Letter).Count
                Elsewhere = @($results | Where-Object { $_.Ok -and $_.Via -notin "natgw-$($Zone.Letter)", $Zone.Letter } | ForEach-Object Via | Sort-Object -Unique)
            }
        }

        function Write-Window([string] $What, [object] $Window) {
            Write-Host ("  {0} zone {1}: {2} sent, {3} failed ({4} in flight at a route move, {5} lost), {6} via its NAT gateway, {7} via its NAT, elsewhere: {8}; moves: {9}" -f
                $What, $Window.Zone, $Window.Sent, $Window.Failed, $Window.InFlight, $Window.Lost, $Window.ViaGateway, $Window.ViaNat,
                ($(if ($Window.Elsewhere) { $Window.Elsewhere -join ',' } else { 'none' })), (@($Window.Moves | ForEach-Object { "$($_.Target)@$('{0:F3}' -f $_.Time)" }) -join ' '))
        }
    }

    AfterAll {
        if ($script:fabric) {
            foreach ($z in $fabric.Zones) { Stop-FailoverProbe $fabric $z }
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    It 'takes each zone from its NAT gateway to its own NAT once that NAT checked itself: no request lost' {
        $script:migration = Add-FailoverMigration $fabric -Name $name
        Start-Sleep -Seconds 1
        Write-Host ("  Add-HaNatVpc returned in {0} s; every zone on its own NAT {1} s after its start" -f $migration.AddSeconds, $migration.Seconds)
        # The NATs are the deployment's: the launch template's tags, read from moto, say so.
        $migration.Adopted.tags.'hanat:served-by' | Should -Be $name
        foreach ($z in $fabric.Zones) {
            $boot = $migration.Takeovers | Where-Object Zone -EQ $z.Letter
            @($boot.Output).Count | Should -Be 1
            $boot.Output[0].Action | Should -Be 'Replaced'
            $boot.Output[0].PreviousTarget | Should -Be $z.NatGatewayId
            $boot.Output[0].Target | Should -Be $z.InstanceId
            $window = Get-ZoneWindow $z -Since $migration.Started
            Write-Window 'add' $window
            # One move, from the gateway to the zone's own NAT.
            @($window.Moves).Count | Should -Be 1
            $window.Moves[0].Target | Should -Be $z.InstanceId
            $window.Moves[0].Via | Should -Be $z.PrivateIp
            $window.Lost | Should -Be 0
            $window.InFlight | Should -BeLessOrEqual 1
            $window.Elsewhere | Should -BeNullOrEmpty
            $window.ViaGateway | Should -BeGreaterThan 10
            $window.ViaNat | Should -BeGreaterThan 10
            # Before the move the gateway carried every request; after it, the zone's own NAT (the address web.py saw).
            $moved = $window.Moves[0].Time
            @($window.Results | Where-Object { $_.Ok -and $_.End -lt $moved - 0.01 -and $_.Via -ne "natgw-$($z.Letter)" }) | Should -BeNullOrEmpty
            @($window.Results | Where-Object { $_.Start -gt $moved + 0.01 -and -not ($_.Ok -and $_.Via -eq $z.Letter) }) | Should -BeNullOrEmpty
        }
    }

    It 'starts every monitor with the deployment''s heartbeat key as the AMI''s unit does (no -HeartbeatKeyParameter)' {
        # hanat-monitor.service runs Start-HaNatMonitor with no parameters; in an added VPC the monitor must find the
        # key /hanat/NAME/heartbeat-key from what the NAT carries, and hear its peers.
        $ready = $false
        try { Wait-NetNsCondition -TimeoutSeconds 20 -Because 'every monitor to hear every other NAT' -Condition { Test-FailoverMonitorReady $fabric }; $ready = $true } catch { }
        $unavailable = @(Get-FailoverMonitorEvent $fabric -Event key-unavailable)
        if ($unavailable) { Write-Host "  $($unavailable[0].Line)" }
        @($unavailable | ForEach-Object { $_.Fields['error'] } | Sort-Object -Unique) | Should -BeNullOrEmpty
        $ready | Should -BeTrue
    }

    It 'sends a dead NAT''s zone back to its own NAT gateway, not to a peer NAT; its requests fail only until detected' {
        Wait-NetNsCondition -TimeoutSeconds 30 -Because 'every monitor to hear every other NAT' -Condition { Test-FailoverMonitorReady $fabric }
        $zone = Get-FailoverZone $fabric b
        $fault = Add-FailoverFault $fabric $zone NatDead
        $move = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            Start-Sleep -Milliseconds 100
            $move = Get-FailoverRouterEvent $fabric -Since $fault.Injected | Where-Object { $_.Namespace -eq $zone.PrivNs } | Select-Object -First 1
        } until ($move -or [DateTime]::UtcNow -ge $deadline)
        $move | Should -Not -BeNullOrEmpty -Because 'a monitor must move the dead NAT''s zone'
        $back = Wait-FailoverEgress $fabric $zone -Since $move.Time -Via "natgw-$($zone.Letter)" -TimeoutSeconds 10
        Start-Sleep -Seconds 1
        $window = Get-ZoneWindow $zone -Since $fault.Injected
        Write-Window 'NAT b dead' $window
        $took = Get-FailoverMonitorEvent $fabric -Event takeover -Since $fault.Injected | Where-Object { $_.Fields['zone'] -eq $zone.Name } | Select-Object -First 1
        $detected = Get-FailoverMonitorEvent $fabric -Event peer-failed -Since $fault.Injected | Where-Object { $_.Fields['peer'] -eq $fault.InstanceId } | Sort-Object Time | Select-Object -First 1
        Write-Host ("  detected {0} s, takeover written {1} s, router moved {2} s after the NAT died ({3}); first answer through natgw-b {4} s" -f
            $(if ($detected) { [math]::Round($detected.Time - $fault.Injected, 3) }), $(if ($took) { [math]::Round($took.Time - $fault.Injected, 3) }),
            [math]::Round($move.Time - $fault.Injected, 3), $(if ($took) { $took.Line -replace '^.*hanat-monitor ', '' }), $(if ($back) { [math]::Round($back.End - $fault.Injected, 3) }))
        # Its own NAT gateway, in its own zone: never a peer NAT.
        $move.Target | Should -Be $zone.NatGatewayId
        $move.Via | Should -Be $zone.NatGatewayIp
        @($window.Moves | Where-Object Target -Like 'i-*') | Should -BeNullOrEmpty
        $back | Should -Not -BeNullOrEmpty
        $took.Fields['nat_gateway'] | Should -Be $zone.NatGatewayId
        # The failures are the detection's: every one began before the route moved, none after.
        $window.Failed | Should -BeGreaterThan 0
        @($window.Results | Where-Object { -not $_.Ok -and $_.Start -gt $move.Time + 0.01 }) | Should -BeNullOrEmpty
        @($window.Results | Where-Object { $_.Start -gt $move.Time + 0.01 -and $_.Via -ne "natgw-$($zone.Letter)" }) | Should -BeNullOrEmpty
        # The other zones never noticed.
        foreach ($other in $fabric.Zones | Where-Object Letter -NE $zone.Letter) {
            $w = Get-ZoneWindow $other -Since $fault.Injected
            @($w.Moves) | Should -BeNullOrEmpty
            $w.Failed | Should -Be 0
        }

        # The NAT comes back as the group replaces an Unhealthy one (a new instance with the launch template's tags,
        # a fresh host, boot takeover, monitor) and takes its zone from the gateway again, make-before-break.
        $restored = Restore-FailoverNat $fabric $zone
        Wait-FailoverRoute $fabric $zone -Via $zone -TimeoutSeconds 60
        Start-Sleep -Seconds 1
        $again = Get-ZoneWindow $zone -Since $restored.Booted
        Write-Window 'NAT b back' $again
        $restored.Takeover.Output[0].PreviousTarget | Should -Be $zone.NatGatewayId
        $again.Lost | Should -Be 0
        $again.InFlight | Should -BeLessOrEqual 1
    }

    It 'Remove-HaNatVpc -Name gives every zone back to its NAT gateway: no request lost' {
        $removal = Remove-FailoverMigration $fabric
        Start-Sleep -Seconds 1
        Write-Host ("  Remove-HaNatVpc returned in {0} s; every zone on its NAT gateway {1} s after its start" -f $removal.RemoveSeconds, [math]::Round($removal.OnGateways - $removal.Started, 3))
        foreach ($z in $fabric.Zones) {
            $window = Get-ZoneWindow $z -Since $removal.Started
            Write-Window 'remove' $window
            @($window.Moves).Count | Should -Be 1
            $window.Moves[0].Target | Should -Be $z.NatGatewayId
            $window.Lost | Should -Be 0
            $window.InFlight | Should -BeLessOrEqual 1
            $window.Elsewhere | Should -BeNullOrEmpty
            @($window.Results | Where-Object { $_.Start -gt $window.Moves[0].Time + 0.01 -and -not ($_.Ok -and $_.Via -eq "natgw-$($z.Letter)") }) | Should -BeNullOrEmpty
        }
    }
}
