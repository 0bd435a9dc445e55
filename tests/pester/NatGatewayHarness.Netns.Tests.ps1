#Requires -Version 7.4
<#
The namespace harness's NAT gateways (tests/netns/FailoverNatGateway.ps1), proven with packets and no HaNat at
all: the 3-zone fabric with -NatGateways -NoNat is a VPC as it was before HaNat came, each private table routed
to its zone's NAT gateway. A private host's requests (probe.py, every 50 ms) leave through that gateway (the web
server sees its Elastic IP); ReplaceRoute to the zone's NAT instance and back moves them with no failed request;
deleting the gateway makes the route a blackhole. What the migration tests build on.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/NatGatewayHarness.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. The logs stay in
TestResults/natgw-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'NAT gateways in the namespace harness' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "NatGatewayHarness.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $logs = Join-Path $PSScriptRoot "../../TestResults/natgw-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        $script:fabric = New-FailoverFabric -NatGateways -NoNat -WorkDirectory $logs
        Write-Host "NatGatewayHarness.Netns.Tests: logs in $($fabric.Work)"
        $zone = $fabric.Zones[0]
        # No HaNat: the NAT instance forwards only because the harness set its host up by hand.
        Enable-FailoverNatForwarding $fabric $zone

        # Points zone a's table at -Target with the EC2 API while its probe runs, and returns what the probe saw
        # from a second before to a second after the router moved the route.
        function Invoke-RouteSwitch([string] $Target, [string] $From, [string] $To) {
            $null = Start-FailoverProbe $fabric $zone
            try {
                $first = Wait-FailoverEgress $fabric $zone -Since (Get-FailoverNow) -Via $From -TimeoutSeconds 10
                $first | Should -Not -BeNullOrEmpty -Because "the probe must get answers through $From first"
                Start-Sleep -Seconds 1
                $asked = Get-FailoverNow
                $written = Set-FailoverRouteTarget $fabric $zone -Target $Target
                $deadline = [DateTime]::UtcNow.AddSeconds(5)
                do {
                    Start-Sleep -Milliseconds 100
                    $move = Get-FailoverRouterEvent $fabric -Since $asked | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Target -eq $Target } | Select-Object -First 1
                } until ($move -or [DateTime]::UtcNow -ge $deadline)
                $move | Should -Not -BeNullOrEmpty -Because "the router must follow ReplaceRoute to $Target"
                Start-Sleep -Seconds 1
            } finally { Stop-FailoverProbe $fabric $zone }
            $results = @(Get-FailoverProbeResult $fabric $zone -Since $first.Start)
            # A request open at the instant the route changes belongs to the other NAT's conntrack and is reset: no route
            # switch between two NATs can keep it (HaNat's handover relays such connections; this is the bare router).
            # The router logs a move after `ip route replace` returned and the probe stamps a request before it
            # connects, so "open at the move" is: begun by the logged move, and ended at most 0.1 s before it.
            $failed = @($results | Where-Object { -not $_.Ok })
            $atMove = @($failed | Where-Object { $_.Start -le $move.Time -and $_.End -ge $move.Time - 0.1 })
            $summary = [pscustomobject]@{
                Sent = $results.Count; Failed = $failed.Count; AtMove = $atMove.Count; Lost = $failed.Count - $atMove.Count
                ViaFrom = @($results | Where-Object Via -EQ $From).Count; ViaTo = @($results | Where-Object Via -EQ $To).Count
                Elsewhere = @($results | Where-Object { $_.Ok -and $_.Via -notin $From, $To }).Count
                # Requests begun after the router moved the route must all have gone the new way.
                AfterMoveNotTo = @($results | Where-Object { $_.Start -gt $move.Time -and $_.Via -ne $To }).Count
                MovedSeconds = [math]::Round($move.Time - $written, 3); Via = $move.Via
            }
            Write-Host "  $From -> $To`: $($summary | ConvertTo-Json -Compress)"
            $summary
        }
    }

    AfterAll {
        if ($script:fabric) {
            foreach ($z in $fabric.Zones) { Stop-FailoverProbe $fabric $z }
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    It 'every private host goes out through its own zone''s NAT gateway: the server sees its Elastic IP' {
        $since = Get-FailoverNow
        foreach ($z in $fabric.Zones) { $null = Start-FailoverProbe $fabric $z }
        try {
            foreach ($z in $fabric.Zones) {
                Wait-FailoverEgress $fabric $z -Since $since -Via "natgw-$($z.Letter)" -TimeoutSeconds 10 | Should -Not -BeNullOrEmpty
            }
            Start-Sleep -Seconds 1
        } finally { foreach ($z in $fabric.Zones) { Stop-FailoverProbe $fabric $z } }
        $gateways = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'DescribeNatGateways'; 'Filter.1.Name' = 'vpc-id'; 'Filter.1.Value.1' = $fabric.Vpc.vpcId })
        foreach ($z in $fabric.Zones) {
            (Get-FailoverRouteTarget $fabric)[$z.Letter] | Should -Be $z.NatGatewayId
            (Get-FailoverRoute $fabric $z) | Should -Be $z.NatGatewayIp
            $results = @(Get-FailoverProbeResult $fabric $z -Since $since)
            Write-Host "  zone $($z.Letter): $($results.Count) sent, $(@($results | Where-Object { -not $_.Ok }).Count) failed, via $(@($results.Via | Sort-Object -Unique) -join ',') ($(@($results.Detail | Sort-Object -Unique) -join ','))"
            $results.Count | Should -BeGreaterThan 10
            @($results | Where-Object { -not $_.Ok }) | Should -BeNullOrEmpty
            @($results.Via | Sort-Object -Unique) | Should -Be @("natgw-$($z.Letter)")
            # The address the server saw is the Elastic IP moto holds for that gateway, not the NAT instance's.
            $eip = $gateways.SelectSingleNode("//*[local-name()='item'][*[local-name()='natGatewayId']='$($z.NatGatewayId)']//*[local-name()='publicIp']").InnerText
            @($results.Detail | Sort-Object -Unique) | Should -Be @($eip)
            $eip | Should -Not -Be $z.UplinkIp
        }
    }

    It 'ReplaceRoute to the zone''s NAT instance moves its requests there, none failing but one open at the move' {
        $switch = Invoke-RouteSwitch -Target $zone.InstanceId -From 'natgw-a' -To 'a'
        $switch.Via | Should -Be $zone.PrivateIp
        $switch.Lost | Should -Be 0 -Because 'only a request open at the move may fail'
        $switch.AtMove | Should -BeLessOrEqual 1 -Because 'requests start every 50 ms and last a few: at most one is open at the move'
        $switch.ViaFrom | Should -BeGreaterThan 10
        $switch.ViaTo | Should -BeGreaterThan 10
        $switch.Elsewhere | Should -Be 0
        $switch.AfterMoveNotTo | Should -Be 0
    }

    It 'ReplaceRoute back to the NAT gateway moves them back, none failing but one open at the move' {
        $switch = Invoke-RouteSwitch -Target $zone.NatGatewayId -From 'a' -To 'natgw-a'
        $switch.Via | Should -Be $zone.NatGatewayIp
        $switch.Lost | Should -Be 0 -Because 'only a request open at the move may fail'
        $switch.AtMove | Should -BeLessOrEqual 1 -Because 'requests start every 50 ms and last a few: at most one is open at the move'
        $switch.ViaFrom | Should -BeGreaterThan 10
        $switch.ViaTo | Should -BeGreaterThan 10
        $switch.Elsewhere | Should -Be 0
        $switch.AfterMoveNotTo | Should -Be 0
    }

    It 'deleting the NAT gateway makes its route a blackhole; the other zones keep theirs' {
        $gone = Remove-FailoverNatGateway $fabric $zone
        Wait-NetNsCondition -TimeoutSeconds 5 -Because 'the router to blackhole the deleted gateway''s route' -Condition {
            [bool](Get-FailoverRouterEvent $fabric -Since ($gone.Deleted - 1) | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Target -eq $gone.NatGatewayId -and $_.Via -eq 'blackhole' })
        }
        (Get-FailoverRoute $fabric $zone) | Should -Be 'blackhole'
        # moto still holds the route (AWS shows it as a blackhole); the gateway is deleted, its Elastic IP kept
        # and free (the harness fills in the disassociation that AWS does and moto does not).
        (Get-FailoverRouteTarget $fabric)[$zone.Letter] | Should -Be $gone.NatGatewayId
        $state = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'DescribeNatGateways'; 'NatGatewayId.1' = $gone.NatGatewayId })
        $state.SelectSingleNode("//*[local-name()='state']").InnerText | Should -Be 'deleted'
        $address = Invoke-FailoverMotoQuery $fabric ec2 ([ordered]@{ Action = 'DescribeAddresses'; 'AllocationId.1' = $zone.NatGatewayAllocationId })
        $address.SelectSingleNode("//*[local-name()='publicIp']").InnerText | Should -Be $zone.NatGatewayUplinkIp
        @($address.SelectNodes("//*[local-name()='associationId']") | Where-Object InnerText) | Should -BeNullOrEmpty
        (Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList 'netns', 'list').StdOut | Should -Not -Match ([regex]::Escape($zone.NatGatewayNs))
        # A request now has no way out.
        $since = Get-FailoverNow
        $null = Start-FailoverProbe $fabric $zone
        try {
            Wait-NetNsCondition -TimeoutSeconds 10 -Because 'ten requests' -Condition { @(Get-FailoverProbeResult $fabric $zone -Since $since).Count -ge 10 }
        } finally { Stop-FailoverProbe $fabric $zone }
        $results = @(Get-FailoverProbeResult $fabric $zone -Since $since)
        Write-Host "  after the delete: $($results.Count) sent, $(@($results | Where-Object { -not $_.Ok }).Count) failed"
        @($results | Where-Object Ok) | Should -BeNullOrEmpty
        foreach ($z in $fabric.Zones[1..2]) { (Get-FailoverRoute $fabric $z) | Should -Be $z.NatGatewayIp }
        @(Get-FailoverRouterEvent $fabric -Since ($gone.Deleted - 1) | Where-Object Namespace -NE $zone.PrivNs) | Should -BeNullOrEmpty
    }
}
