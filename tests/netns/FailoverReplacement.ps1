# A NAT that returns (dot-sourced by Failover.psm1, same module scope): as an Auto Scaling replacement boots, a new
# instance in moto on a fresh host, its boot takeover and then its monitor; and the fabric put back after a test.

function Reset-FailoverHost {
    <#
    Makes the zone's NAT namespace a freshly booted machine: no process, links up, no address on fab0 but the
    given one, empty iptables with ACCEPT policies, ip_forward=0, the uplink reachable from the internet again.
    One shell per namespace, so that a reset costs two process starts, not twenty.
    #>
    param([object] $Fabric, [object] $Zone, [string] $PrivateIp)
    Stop-FailoverNatProcess $Fabric $Zone
    $Zone.Monitor = $null
    $Zone.Imds = $null
    $script = (@(
        'set -e'
        'for t in filter nat mangle raw; do iptables -w 5 -t $t -F; iptables -w 5 -t $t -X; done'
        'for c in INPUT FORWARD OUTPUT; do iptables -w 5 -P $c ACCEPT; done'
        'echo 0 > /proc/sys/net/ipv4/ip_forward'
        'ip addr flush dev fab0'
        "ip addr add $PrivateIp/16 dev fab0"
        'ip link set fab0 up'
        'ip link set wan0 up'
    ) + @(Get-FailoverUplinkScript $Fabric $Zone $PrivateIp)) -join "`n"
    $null = Invoke-NetNsNative -Namespace $Zone.NatNs -FilePath sh -ArgumentList '-c', $script
    $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer up
    Clear-FailoverInetBlock $Fabric $Zone
}

function New-FailoverReplacement {
    <#
    What the Auto Scaling group does with an Unhealthy NAT (moto replaces nothing): terminate it, detach it
    from the group, launch a replacement in the same zone's public subnet with the given private IP and the NAT
    tags, attach it. Query calls with curl; returns instanceId, networkInterfaceId, privateIp.
    #>
    param([object] $Fabric, [object] $Zone, [string] $PrivateIp)
    $group = $Fabric.Vpc.group
    $members = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DescribeAutoScalingGroups'; 'AutoScalingGroupNames.member.1' = $group })
    if ($members.SelectNodes("//*[local-name()='Instances']/*[local-name()='member']/*[local-name()='InstanceId'][text()='$($Zone.InstanceId)']").Count) {
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DetachInstances'; AutoScalingGroupName = $group
                'InstanceIds.member.1' = $Zone.InstanceId; ShouldDecrementDesiredCapacity = 'true' })
    }
    $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'TerminateInstances'; 'InstanceId.1' = $Zone.InstanceId })
    $run = [ordered]@{ Action = 'RunInstances'; ImageId = 'ami-12c6146b'; MinCount = 1; MaxCount = 1; InstanceType = 't3.nano'
        SubnetId = $Zone.PublicSubnetId; PrivateIpAddress = $PrivateIp; 'TagSpecification.1.ResourceType' = 'instance' }
    $tags = [ordered]@{ Name = "hanat-$($Fabric.Vpc.vpcName)-nat-$($Zone.Letter)"; 'hanat:managed' = 'true'; 'hanat:vpc-name' = $Fabric.Vpc.vpcName
        'hanat:zone' = $Zone.Name; 'hanat:component' = 'nat-instance' }
    # After Add-FailoverMigration, a replacement carries what the deployment's launch template gives its instances.
    if ($Fabric.PSObject.Properties['MigrationTags'] -and $Fabric.MigrationTags) {
        foreach ($tag in $Fabric.MigrationTags.PSObject.Properties) { $tags[$tag.Name] = $tag.Value }
    }
    $n = 0
    foreach ($key in $tags.Keys) { $n++; $run["TagSpecification.1.Tag.$n.Key"] = $key; $run["TagSpecification.1.Tag.$n.Value"] = $tags[$key] }
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 $run
    $instance = $reply.SelectSingleNode("//*[local-name()='instancesSet']/*[local-name()='item']")
    $new = [pscustomobject]@{
        instanceId         = $instance.SelectSingleNode("*[local-name()='instanceId']").InnerText
        privateIp          = $instance.SelectSingleNode("*[local-name()='privateIpAddress']").InnerText
        networkInterfaceId = $instance.SelectSingleNode(".//*[local-name()='networkInterfaceSet']/*[local-name()='item']/*[local-name()='networkInterfaceId']").InnerText
    }
    $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'AttachInstances'; AutoScalingGroupName = $group; 'InstanceIds.member.1' = $new.instanceId })
    $new
}

function Start-FailoverBoot {
    <#
    What the AMI's units do when NATs boot, on hosts that are ready (a fresh namespace with the instance's address):
    the IMDS stand-in with each one's identity, the boot takeovers (all at once, as a group's instances boot), then,
    unless -NoMonitor, each monitor. Returns Booted (the time the takeovers started) and Takeovers (per NAT, with
    Zone). -Nat: zones of the fabric, or NATs the launcher hosts.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Nat, [switch] $NoMonitor)
    foreach ($n in $Nat) { Start-FailoverImds $Fabric $n }
    $booted = Get-FailoverNow
    $takeovers = @(Invoke-FailoverTakeover $Fabric $Nat)
    if (-not $NoMonitor) {
        foreach ($n in $Nat) { $null = Start-FailoverMonitor $Fabric $n }
    }
    [pscustomobject]@{ Booted = $booted; Takeovers = $takeovers }
}

function Restore-FailoverNat {
    <#
    The zones' NATs come back the way replacements boot: what the Auto Scaling group does with an Unhealthy
    instance (moto replaces nothing, so the harness does: terminate, detach, launch a new instance in the zone
    with the next private IP, attach), a freshly booted host, the IMDS stand-in with the new identity, then the
    boot takeover and the monitor. Several zones boot at once. With -InPlace the same instance reboots instead
    (same id and IP). Returns per zone: Zone, Booted (the time the boot takeovers started), Takeover (its
    result), OldInstanceId, InstanceId.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Zone, [switch] $InPlace, [switch] $NoMonitor)
    $zones = @($Zone | ForEach-Object { Get-FailoverZone $Fabric $_ })
    $old = @{}
    foreach ($z in $zones) {
        $old[$z.Letter] = $z.InstanceId
        if ($InPlace) {
            Reset-FailoverHost $Fabric $z $z.PrivateIp
        } else {
            $z.Generation++
            $ip = "10.99.$(10 + $z.Index).$(10 + $z.Generation)"
            Reset-FailoverHost $Fabric $z $ip
            $new = New-FailoverReplacement $Fabric $z $ip
            if ($new.privateIp -ne $ip) { throw "moto gave the replacement $($new.privateIp), not $ip" }
            $z.InstanceId = $new.instanceId
            $z.NetworkInterfaceId = $new.networkInterfaceId
            $z.PrivateIp = $ip
            $z.Instances.Add($new.instanceId)
        }
    }
    $boot = Start-FailoverBoot $Fabric $zones -NoMonitor:$NoMonitor
    $booted = $boot.Booted
    $takeovers = $boot.Takeovers
    foreach ($z in $zones) {
        Write-FailoverLog $Fabric "NAT of $($z.Name) restored: $($old[$z.Letter]) -> $($z.InstanceId) at $($z.PrivateIp)"
        [pscustomobject]@{ Zone = $z.Letter; Booted = $booted; Takeover = ($takeovers | Where-Object Zone -EQ $z.Letter)
            OldInstanceId = $old[$z.Letter]; InstanceId = $z.InstanceId }
    }
}

function Repair-FailoverFabric {
    <#
    Puts every zone that is not on its own NAT back on it, through the EC2 API (ReplaceRoute), and waits for
    the router; returns what it repaired ("zone: target -> own NAT"). For test isolation after a failed run:
    whatever left a zone elsewhere has already been reported by the run that did it.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $targets = Get-FailoverRouteTarget $Fabric
    foreach ($zone in $Fabric.Zones) {
        if ($targets[$zone.Letter] -eq $zone.InstanceId) { continue }
        $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'ReplaceRoute'; RouteTableId = $zone.RouteTableId
                DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $zone.InstanceId })
        Write-FailoverLog $Fabric "repaired: $($zone.Name) routed to $($targets[$zone.Letter]), set back to $($zone.InstanceId)"
        "$($zone.Letter): $($targets[$zone.Letter]) -> $($zone.InstanceId)"
    }
    foreach ($zone in $Fabric.Zones) { Wait-FailoverRoute $Fabric $zone -Via $zone -TimeoutSeconds 10 }
}
