#Requires -Version 7.4
<#
The zone's Elastic IP follows the zone, proven with packets: the three-zone harness of Failover.Netns.Tests with
-ElasticIps (tests/netns/FailoverInternetGateway.ps1): each zone has an Elastic IP in moto, tagged as New-HaNatVpc
tags it, and the NATs reach the internet through an internet gateway that translates one to one from moto's
address associations, so the internet server sees the real source address. For a failover of each fault kind of
bench/failover (and its failback to a replacement), every successful request of the failed zone must reach the
internet from the zone's own Elastic IP before, during (once the route moved) and after; after failback the
survivor must hold no secondary IP (moto), no SNAT rule and no address on its host for the zone. A monitor that
starts again cleans what a previous run left for a zone it does not serve, and leaves the user's secondary IPs.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/ElasticIp.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Logs stay in
TestResults/elasticip-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'The zone''s Elastic IP follows the zone, in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "ElasticIp.Netns.Tests: skipped: $skipReason" }
    # bench/failover's fault kinds that move a zone (HeartbeatsBlocked at a NAT that forwards moves none); the zones
    # vary so that every NAT both fails and carries another zone's address in the course of a run.
    $faults = @(
        @{ Kind = 'NatDead'; Zone = 'b' }
        @{ Kind = 'MasqueradeDeleted'; Zone = 'c' }
        @{ Kind = 'UplinkBlackhole'; Zone = 'a' }
        @{ Kind = 'MonitorKilled'; Zone = 'b' }
        @{ Kind = 'IpForwardOff'; Zone = 'c' }
        @{ Kind = 'ForwardDrop'; Zone = 'a' }
        @{ Kind = 'UplinkDown'; Zone = 'b' }
    )
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $script:fabric = $null
        $logs = Join-Path $PSScriptRoot "../../TestResults/elasticip-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        $script:fabric = New-FailoverFabric -ModulePath (Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1') -WorkDirectory $logs -ElasticIps
        Write-Host "ElasticIp.Netns.Tests: logs in $($fabric.Work)"

        function Assert-LetGo([object] $Zone, [string] $Because) {
            # The survivor's check runs every few seconds while it holds anything: give it a few.
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            do {
                $secondaries = @(Get-FailoverSecondaryIp $fabric $Zone)
                $held = Get-FailoverZoneAddressHost $fabric $Zone
                if ($secondaries.Count -eq 0 -and $held.Rules.Count -eq 0 -and $held.Addresses.Count -eq 0) { break }
                Start-Sleep -Milliseconds 500
            } while ([DateTime]::UtcNow -lt $deadline)
            $secondaries | Should -BeNullOrEmpty -Because "moto must list no secondary IP on $($Zone.InstanceId) after failback: $Because"
            $held.Rules | Should -BeNullOrEmpty -Because "no zone-address SNAT rule may stay on the NAT of $($Zone.Name): $Because"
            $held.Addresses | Should -BeNullOrEmpty -Because "no other zone's address may stay on the uplink of $($Zone.Name): $Because"
        }

        function Assert-OwnAddresses {
            # Every zone's address is on its own NAT's primary private IP, as the boot takeover left it.
            foreach ($address in Get-FailoverElasticIpState $fabric) {
                $zone = Get-FailoverZone $fabric $address.Zone
                $address.InstanceId | Should -Be $zone.InstanceId -Because "$($address.PublicIp) belongs to $($zone.Name)'s NAT"
                $address.PrivateIpAddress | Should -Be $zone.PrivateIp
            }
        }
    }

    AfterAll {
        if ($script:fabric) {
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    AfterEach {
        $repaired = @(Repair-FailoverFabric $fabric)
        if ($repaired) { Write-Host "  repaired after the test: $($repaired -join '; ')" }
    }

    It 'gives each zone its own Elastic IP: the internet sees it, and drops a source that has none' {
        Assert-OwnAddresses
        foreach ($zone in $fabric.Zones) { $null = Start-FailoverProbe $fabric $zone }
        try {
            Wait-FailoverSteady $fabric -ProbeZone $fabric.Zones
            $since = Get-FailoverNow
            Start-Sleep -Seconds 1
            foreach ($zone in $fabric.Zones) {
                $results = @(Get-FailoverProbeResult $fabric $zone -Since $since)
                $results.Count | Should -BeGreaterThan 5
                @($results | Where-Object { -not $_.Ok }) | Should -BeNullOrEmpty
                @($results.Detail | Sort-Object -Unique) | Should -Be @($zone.ElasticIp) -Because 'the server sees the zone''s Elastic IP, translated by the gateway'
                @($results.Via | Sort-Object -Unique) | Should -Be @($zone.Letter)
            }
        } finally {
            foreach ($zone in $fabric.Zones) { Stop-FailoverProbe $fabric $zone }
        }
        # A private IP on a NAT's uplink with no address associated goes nowhere, as through an internet gateway. (The
        # NAT's own masquerade would make it the primary IP: a rule ahead of it lets this source out as it is.)
        $zone = $fabric.Zones[0]
        $asIs = @('POSTROUTING', '-s', '10.99.10.250/32', '-o', 'wan0', '-m', 'comment', '--comment', 'hanat-e2e-fault', '-j', 'ACCEPT')
        $null = Invoke-NetNsIp $zone.NatNs addr add 10.99.10.250/32 dev wan0
        $null = Invoke-NetNsNative -Namespace $zone.NatNs -FilePath iptables -ArgumentList (@('-w', '5', '-t', 'nat', '-I') + $asIs)
        try {
            $none = Invoke-NetNsNative -Namespace $zone.NatNs -FilePath curl -ArgumentList '-sS', '--max-time', '2', '--interface', '10.99.10.250', $fabric.WebUrl -AllowFailure
            $own = Invoke-NetNsNative -Namespace $zone.NatNs -FilePath curl -ArgumentList '-sS', '--max-time', '2', $fabric.WebUrl -AllowFailure
        } finally {
            $null = Invoke-NetNsNative -Namespace $zone.NatNs -FilePath iptables -ArgumentList (@('-w', '5', '-t', 'nat', '-D') + $asIs)
            $null = Invoke-NetNsIp $zone.NatNs addr del 10.99.10.250/32 dev wan0
        }
        $none.ExitCode | Should -Not -Be 0 -Because 'a source with no Elastic IP must be dropped'
        $own.StdOut.Trim() | Should -Be "ok $($zone.ElasticIp)"
    }

    It 'keeps zone <Zone>''s own Elastic IP through a failover (<Kind>) and its failback, and the survivor lets go' -ForEach $faults {
        $result = Measure-Failover $fabric -Kind $Kind -Zone $Zone -TimeoutSeconds 30
        $because = ($result | Select-Object -ExcludeProperty PerZone | ConvertTo-Json -Compress)
        $record = $result.PerZone[0]
        $result.Restored | Should -BeTrue -Because "egress must come back: $because"
        $result.FailedBack | Should -BeTrue -Because "the replacement must take the zone back: $because"
        $record.TakenBy | Should -BeIn @($fabric.Zones.Letter | Where-Object { $_ -ne $Zone }) -Because $because
        # Every successful request of the failed zone reached the internet from the zone's own address: before, once
        # the route had moved to the survivor, and after failback.
        $record.EipBefore | Should -Be 1 -Because $because
        $record.EipDuringCount | Should -BeGreaterThan 0 -Because "requests must have gone through the survivor: $because"
        $record.EipDuring | Should -Be 1 -Because "the survivor must carry the zone's own address ($($record.AddressesDuring)): $because"
        $record.AddressesDuring | Should -Be (Get-FailoverZone $fabric $Zone).ElasticIp
        $record.EipAfter | Should -Be 1 -Because $because
        # The survivor took the address, and let it go once the zone's own NAT took it back.
        $survivor = Get-FailoverZone $fabric $record.TakenBy
        $name = (Get-FailoverZone $fabric $Zone).Name
        @(Get-FailoverMonitorEvent $fabric $survivor -Event zone-address -Since $record.Injected | Where-Object { $_.Fields['zone'] -eq $name }) |
            Should -Not -BeNullOrEmpty -Because "the survivor must log the address it took: $because"
        Assert-LetGo $survivor $because
        @(Get-FailoverMonitorEvent $fabric $survivor -Event zone-address-released -Since $record.Injected | Where-Object { $_.Fields['zone'] -eq $name }) |
            Should -Not -BeNullOrEmpty
        Assert-OwnAddresses
        Write-Host ("  {0} at {1}: taken by {2}, own address before={3} during={4} ({5} requests) after={6}, failed at failback={7}, failed={8}" -f $Kind, $Zone,
            $record.TakenBy, $record.EipBefore, $record.EipDuring, $record.EipDuringCount, $record.EipAfter, $record.FailedAtFailback, $record.FailedRequests)
    }

    It 'hands the address to the zone''s own NAT when the zone''s routes go back to it without it' {
        # Zone c's monitor dies: a peer takes zone c, routes and address. Then the routes alone go back to zone c's NAT
        # (Repair-FailoverFabric, as an operator would): the survivor must hand the address to it, not leave it free.
        # (Zone c's NAT stays silent meanwhile, so its peers may take the zone again later; the hand-back is what counts.)
        $zone = Get-FailoverZone $fabric c
        Wait-FailoverSteady $fabric -Monitors
        $since = Get-FailoverNow
        Stop-FailoverMonitor $fabric $zone -Kill
        try {
            Wait-NetNsCondition -TimeoutSeconds 30 -Because 'a peer to take zone c with its address' -Condition {
                $address = Get-FailoverElasticIpState $fabric | Where-Object Zone -EQ 'c'
                $address.InstanceId -and $address.InstanceId -ne $zone.InstanceId -and $address.PrivateIpAddress -ne $zone.PrivateIp
            }
            $survivor = $fabric.Zones | Where-Object InstanceId -EQ (Get-FailoverElasticIpState $fabric | Where-Object Zone -EQ 'c').InstanceId
            $null = Repair-FailoverFabric $fabric
            Wait-NetNsCondition -TimeoutSeconds 20 -Because 'the survivor to hand zone c''s address back' -Condition {
                $script:handed = @(Get-FailoverMonitorEvent $fabric $survivor -Event zone-address-released -Since $since |
                        Where-Object { $_.Fields['zone'] -eq $zone.Name -and $_.Fields['reason'] -eq 'routes-elsewhere' })
                $script:handed.Count -gt 0
            }
            $script:handed[0].Fields['handed_to'] | Should -Be $zone.InstanceId
            $script:handed[0].Fields['unassigned'] | Should -Be 'true'
        } finally {
            $null = Start-FailoverMonitor $fabric $zone
            # Back to every zone home with its own address, whatever the peers did meanwhile, for the next test.
            Wait-NetNsCondition -TimeoutSeconds 60 -Because 'zone c home with its own address' -Condition {
                $null = Repair-FailoverFabric $fabric
                (Get-FailoverElasticIpState $fabric | Where-Object Zone -EQ 'c').InstanceId -eq $zone.InstanceId
            }
        }
        Assert-OwnAddresses
        foreach ($other in $fabric.Zones | Where-Object Letter -NE 'c') { Assert-LetGo $other 'after the hand-back' }
    }

    It 'cleans at start what a previous run left for a zone it does not serve, and leaves the user''s secondary IPs' {
        $zone = $fabric.Zones[0]
        $other = $fabric.Zones[1]
        Assert-LetGo $zone 'before the test'
        # Two secondary IPs on zone a's interface: one a previous run left for zone b (its rule and host address
        # still there), one the user's (nothing names it).
        $assign = { Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'AssignPrivateIpAddresses'; NetworkInterfaceId = $zone.NetworkInterfaceId; SecondaryPrivateIpAddressCount = 1 }) | Out-Null }
        & $assign
        $left = @(Get-FailoverSecondaryIp $fabric $zone)[0]
        & $assign
        $users = @(Get-FailoverSecondaryIp $fabric $zone | Where-Object { $_ -ne $left })[0]
        $left | Should -Not -BeNullOrEmpty
        $users | Should -Not -BeNullOrEmpty
        Stop-FailoverMonitor $fabric $zone
        $null = Invoke-NetNsIp $zone.NatNs addr add "$left/32" dev wan0
        $null = Invoke-NetNsNative -Namespace $zone.NatNs -FilePath iptables -ArgumentList @('-w', '5', '-t', 'nat', '-I', 'POSTROUTING', '1', '-s', $other.PrivateCidr, '-o', 'wan0',
            '-m', 'comment', '--comment', "hanat-zone-address:$($other.Name)", '-j', 'SNAT', '--to-source', $left)
        try {
            $null = Start-FailoverMonitor $fabric $zone
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                $held = Get-FailoverZoneAddressHost $fabric $zone
                $secondaries = @(Get-FailoverSecondaryIp $fabric $zone)
                if ($held.Rules.Count -eq 0 -and $secondaries -notcontains $left) { break }
                Start-Sleep -Milliseconds 500
            } while ([DateTime]::UtcNow -lt $deadline)
            $held.Rules | Should -BeNullOrEmpty
            $held.Addresses | Should -BeNullOrEmpty
            $secondaries | Should -Not -Contain $left
            $secondaries | Should -Contain $users -Because 'a secondary IP HaNat did not take is the user''s'
            $released = @(Get-FailoverMonitorEvent $fabric $zone -Event zone-address-released | Where-Object { $_.Fields['private_ip'] -eq $left })
            $released | Should -Not -BeNullOrEmpty
            $released[0].Fields['reason'] | Should -Be 'address-moved'
        } finally {
            $null = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'UnassignPrivateIpAddresses'; NetworkInterfaceId = $zone.NetworkInterfaceId; 'PrivateIpAddress.1' = $users })
            if (-not $zone.Monitor -or -not (Test-NetNsProcess $zone.Monitor)) { $null = Start-FailoverMonitor $fabric $zone }
        }
    }
}
