# The data-plane faults (dot-sourced by Failover.psm1, same module scope): injected for real at a zone's NAT
# (Add-FailoverFault), undone in place (Remove-FailoverFault), and heartbeat loss for the false-failover tests.

function Invoke-FailoverIptables {
    param([object] $Fabric, [string] $Namespace, [string[]] $ArgumentList, [switch] $AllowFailure)
    Invoke-NetNsNative -Namespace $Namespace -FilePath iptables -ArgumentList (@('-w', '5') + $ArgumentList) -AllowFailure:$AllowFailure
}

function Set-FailoverSysctl {
    param([string] $Namespace, [string] $Path, [string] $Value)
    $null = Invoke-NetNsNative -Namespace $Namespace -FilePath sh -ArgumentList '-c', "echo $Value > /proc/sys/$Path"
}

function Stop-FailoverNatProcess {
    <# Kills (SIGKILL) every process inside the zone's NAT namespace: the monitor, the IMDS stand-in, anything they ran. #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $ip = Find-NetNsTool ip
    for ($attempt = 0; $attempt -lt 50; $attempt++) {
        $pids = @((Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'pids', $Zone.NatNs -AllowFailure).StdOut -split '\s+' | Where-Object { $_ -match '^\d+$' })
        if ($pids.Count -eq 0) { return }
        $null = Invoke-NetNsNative -FilePath kill -ArgumentList (@('-KILL') + $pids) -AllowFailure
        Start-Sleep -Milliseconds 50
    }
    throw "processes in $($Zone.NatNs) survived SIGKILL"
}

function Add-FailoverFault {
    <#
    Injects one fault (see Get-FailoverFaultKind) at the zone's NAT, for real, and returns a record of it
    (Kind, Zone, Injected: the time it was in effect). Remove-FailoverFault undoes it in place; Restore-FailoverNat
    replaces the NAT (which also clears any fault).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone,
        [Parameter(Mandatory)] [ValidateScript({ $script:FaultKinds.Contains($_) })] [string] $Kind)
    $Zone = Get-FailoverZone $Fabric $Zone
    $ns = $Zone.NatNs
    switch ($Kind) {
        'MonitorKilled' { Stop-FailoverMonitor $Fabric $Zone -Kill }
        'NatDead' {
            Stop-FailoverNatProcess $Fabric $Zone
            $null = Invoke-NetNsIp $ns link set fab0 down
            $null = Invoke-NetNsIp $ns link set wan0 down
        }
        'IpForwardOff' { Set-FailoverSysctl $ns net/ipv4/ip_forward 0 }
        'MasqueradeDeleted' {
            $rules = (Invoke-FailoverIptables $Fabric $ns @('-t', 'nat', '-S', 'POSTROUTING')).StdOut -split "`n" |
                Where-Object { $_ -match '^-A POSTROUTING .*--comment "?hanat"?(\s|$)' }
            if (@($rules).Count -eq 0) { throw "no hanat MASQUERADE rule in $ns to delete" }
            foreach ($rule in $rules) {
                # -S prints the rule as -A's arguments: split them as a shell would (the comment may be quoted).
                $words = [regex]::Matches($rule.Substring(3), '"[^"]*"|\S+') | ForEach-Object { $_.Value.Trim('"') }
                $null = Invoke-FailoverIptables $Fabric $ns (@('-t', 'nat', '-D') + $words)
            }
        }
        'ForwardDrop' { $null = Invoke-FailoverIptables $Fabric $ns @('-P', 'FORWARD', 'DROP') }
        'UplinkDown' { $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer down }
        'UplinkBlackhole' {
            if ($Fabric.ElasticIps) { Set-FailoverInternetGatewayBlock $Fabric $Zone; break }
            $null = Invoke-FailoverIptables $Fabric $Fabric.Inet @('-I', 'INPUT', '-s', $Zone.UplinkIp, '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
        }
        # No comment on the rule: the data-plane check takes only a bare DROP for "drops everything".
        'ForwardDropRule' { $null = Invoke-FailoverIptables $Fabric $ns @('-A', 'FORWARD', '-j', 'DROP') }
        'HeartbeatsBlocked' {
            foreach ($chain in @(@('INPUT', '--dport'), @('OUTPUT', '--dport'))) {
                $null = Invoke-FailoverIptables $Fabric $ns @('-I', $chain[0], '-p', 'udp', $chain[1], $script:HeartbeatPort,
                    '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
            }
        }
    }
    $record = [pscustomobject]@{ Kind = $Kind; Zone = $Zone.Letter; InstanceId = $Zone.InstanceId; Injected = Get-FailoverNow }
    Write-FailoverLog $Fabric "fault $Kind injected at $($Zone.Name) ($($Zone.InstanceId))"
    $record
}

function Remove-FailoverFault {
    <#
    Undoes a fault in place, without replacing the NAT (a killed monitor is started again; a dead NAT gets its
    links and IMDS back and its monitor restarted). Restore-FailoverNat is what a replacement does instead.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Fault)
    $Zone = Get-FailoverZone $Fabric $Fault.Zone
    $ns = $Zone.NatNs
    switch ($Fault.Kind) {
        'MonitorKilled' { $null = Start-FailoverMonitor $Fabric $Zone }
        'NatDead' {
            $null = Invoke-NetNsIp $ns link set fab0 up
            $null = Invoke-NetNsIp $ns link set wan0 up
            foreach ($line in Get-FailoverUplinkScript $Fabric $Zone $Zone.PrivateIp) {
                if ($line -match '^ip route') { $null = Invoke-NetNsNative -Namespace $ns -FilePath sh -ArgumentList '-c', $line }
            }
            Start-FailoverImds $Fabric $Zone
            $null = Start-FailoverMonitor $Fabric $Zone
        }
        'IpForwardOff' { Set-FailoverSysctl $ns net/ipv4/ip_forward 1 }
        'MasqueradeDeleted' {
            $null = Invoke-FailoverIptables $Fabric $ns @('-t', 'nat', '-A', 'POSTROUTING', '-s', $Fabric.Cidr, '-o', 'wan0',
                '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE')
        }
        'ForwardDrop' { $null = Invoke-FailoverIptables $Fabric $ns @('-P', 'FORWARD', 'ACCEPT') }
        'UplinkDown' {
            $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer up
            # The link is back, but a neighbour entry that failed while it was down holds packets until ARP's next
            # retry, up to a second later: longer than a brief fault may last. Both ends forget them, so the path is
            # whole again at once, as the undo promises (the test of brief faults depends on it).
            $null = Invoke-NetNsIp $ns neigh flush dev wan0
            $null = Invoke-NetNsIp $Zone.UplinkPeerNs neigh flush dev $Zone.UplinkPeer
        }
        'UplinkBlackhole' { Clear-FailoverInetBlock $Fabric $Zone }
        'ForwardDropRule' { $null = Invoke-FailoverIptables $Fabric $ns @('-D', 'FORWARD', '-j', 'DROP') -AllowFailure }
        'HeartbeatsBlocked' { Clear-FailoverFaultRule $Fabric $ns }
    }
    Write-FailoverLog $Fabric "fault $($Fault.Kind) undone at $($Zone.Name)"
}

function Clear-FailoverFaultRule {
    # Deletes every rule the harness added (comment hanat-e2e-fault) in the namespace's filter table.
    param([object] $Fabric, [string] $Namespace)
    foreach ($chain in 'INPUT', 'OUTPUT', 'FORWARD') {
        while ($true) {
            $rules = @((Invoke-FailoverIptables $Fabric $Namespace @('-S', $chain)).StdOut -split "`n" | Where-Object { $_ -match [regex]::Escape($script:FaultComment) })
            if ($rules.Count -eq 0) { break }
            $null = Invoke-FailoverIptables $Fabric $Namespace @('-D', $chain, '1') -AllowFailure
            # -D CHAIN 1 removes the first rule: the harness always inserts its own at the top.
        }
    }
}

function Clear-FailoverInetBlock {
    param([object] $Fabric, [object] $Zone)
    if ($Fabric.ElasticIps) { Set-FailoverInternetGatewayBlock $Fabric $Zone -Clear; return }
    while ($true) {
        $rules = @((Invoke-FailoverIptables $Fabric $Fabric.Inet @('-S', 'INPUT')).StdOut -split "`n" |
            Where-Object { $_ -match [regex]::Escape($script:FaultComment) -and $_ -match "-s $([regex]::Escape($Zone.UplinkIp))/32" })
        if ($rules.Count -eq 0) { break }
        $null = Invoke-FailoverIptables $Fabric $Fabric.Inet @('-D', 'INPUT', '-s', $Zone.UplinkIp, '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
    }
}

function Set-FailoverHeartbeatLoss {
    <#
    Drops a share of the heartbeats every NAT receives (iptables statistic match on UDP 4747 in INPUT: this
    kernel has no netem), or with -Percent 0 removes that loss again.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [double] $Percent)
    foreach ($zone in $Fabric.Zones) {
        Clear-FailoverFaultRule $Fabric $zone.NatNs
        if ($Percent -gt 0) {
            $null = Invoke-FailoverIptables $Fabric $zone.NatNs @('-I', 'INPUT', '-p', 'udp', '--dport', $script:HeartbeatPort, '-m', 'statistic',
                '--mode', 'random', '--probability', ([string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.####}', $Percent / 100)),
                '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
        }
    }
    Write-FailoverLog $Fabric "heartbeat loss set to $Percent% at every NAT"
}

function Get-FailoverHeartbeatDrop {
    <# How many heartbeat packets the loss rule has dropped, per zone letter. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $counts = [ordered]@{}
    foreach ($zone in $Fabric.Zones) {
        $listing = (Invoke-FailoverIptables $Fabric $zone.NatNs @('-L', 'INPUT', '-v', '-n', '-x')).StdOut -split "`n" |
            Where-Object { $_ -match [regex]::Escape($script:FaultComment) -and $_ -match 'statistic' }
        $counts[$zone.Letter] = [int](@($listing | ForEach-Object { ($_.Trim() -split '\s+')[0] }) | Measure-Object -Sum).Sum
    }
    $counts
}
