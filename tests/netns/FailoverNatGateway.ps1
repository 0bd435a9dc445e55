# The failover harness's NAT gateways (dot-sourced by Failover.psm1): per zone a NAT gateway in moto, with an
# Elastic IP, and a namespace that moves its packets. A NAT gateway is AWS's, not ours: no HaNat runs in it, it
# just forwards and masquerades, as a NAT instance namespace does once its host set-up ran.
#
#   natgw-X  fab0 on the fabric bridge (ctl br0) at 10.99.1N.250 (in the zone's public subnet), wan0 on the
#            internet at 198.51.100.2N (the gateway's Elastic IP), default route to the internet, forwarding on,
#            MASQUERADE out of wan0.
#
# Where moto falls short of AWS, the harness fills the gap here:
#   - moto gives a NAT gateway a random 10.x.y.z, outside its subnet, and ignores the address asked for: the
#     harness gives the namespace an address in the subnet and tells the router (natGatewayAddresses in its
#     config) to reach the gateway there.
#   - moto leaves a deleted gateway's Elastic IP associated and its network interface in place, and keeps calling
#     routes to it active; AWS disassociates the address and deletes the interface, and shows the route as a
#     blackhole: Remove-FailoverNatGateway does the first two, the router the third (it reads the gateway's state).
# The Elastic IP is allocated with an address of the harness's choosing (AllocateAddress Address=, as for an
# address pool), so the address the web server sees IS the gateway's Elastic IP.

function Write-FailoverRouterConfig {
    <# Writes the router's config (tables, NAT gateway addresses) in one rename, so the router never reads half. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $addresses = [ordered]@{}
    foreach ($zone in $Fabric.Zones) { foreach ($id in $zone.NatGateways) { $addresses[$id] = $zone.NatGatewayIp } }
    $text = [ordered]@{
        endpoint            = $Fabric.Moto; region = $script:Region
        tables              = @($Fabric.Zones | ForEach-Object { [ordered]@{ routeTableId = $_.RouteTableId; namespace = $_.PrivNs; zone = $_.Name } })
        natGatewayAddresses = $addresses
    } | ConvertTo-Json -Depth 4
    $temporary = "$($Fabric.RouterConfig).new"
    Set-Content -LiteralPath $temporary -Value $text
    Move-Item -Force -LiteralPath $temporary -Destination $Fabric.RouterConfig
}

function Get-FailoverXmlText {
    param([System.Xml.XmlNode] $Node, [string] $Path)
    $found = $Node.SelectSingleNode(($Path -split '/' | ForEach-Object { "*[local-name()='$_']" }) -join '/')
    if ($found) { $found.InnerText } else { $null }
}

function Add-FailoverNatGateway {
    <#
    Gives the zone a NAT gateway: in moto (its Elastic IP, allocated once per zone and kept, as AWS keeps it when
    a gateway is deleted; the gateway in the zone's public subnet), and its namespace (natgw-X, see the top of
    this file). Unless -NoRoute, the zone's private table then sends 0.0.0.0/0 to it. Returns the zone.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [switch] $NoRoute)
    $Zone = Get-FailoverZone $Fabric $Zone
    $letter = $Zone.Letter
    $ns = Add-NetNsFixtureNamespace $Fabric -FullName $Zone.NatGatewayNs
    Add-NetNsVethPair -Namespace $ns -Name fab0 -Address "$($Zone.NatGatewayIp)/16" -PeerNamespace $Fabric.Ctl -PeerName "g-$letter"
    Add-NetNsVethPair -Namespace $ns -Name wan0 -Address "$($Zone.NatGatewayUplinkIp)/24" -PeerNamespace $Fabric.Inet -PeerName "u-$letter"
    $null = Invoke-NetNsIp $Fabric.Ctl link set "g-$letter" master br0
    $null = Invoke-NetNsIp $Fabric.Inet link set "u-$letter" master br0
    $script = @(
        'set -e'
        'ip route add default via 198.51.100.1'
        'echo 1 > /proc/sys/net/ipv4/ip_forward'
        "iptables -w 5 -t nat -A POSTROUTING -s $($Fabric.Cidr) -o wan0 -j MASQUERADE"
    ) -join "`n"
    $null = Invoke-NetNsNative -Namespace $ns -FilePath sh -ArgumentList '-c', $script

    if (-not $Zone.NatGatewayAllocationId) {
        $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'AllocateAddress'; Domain = 'vpc'; Address = $Zone.NatGatewayUplinkIp })
        $Zone.NatGatewayAllocationId = Get-FailoverXmlText $reply.DocumentElement 'allocationId'
    }
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'CreateNatGateway'; SubnetId = $Zone.PublicSubnetId
            AllocationId = $Zone.NatGatewayAllocationId; 'TagSpecification.1.ResourceType' = 'natgateway'
            'TagSpecification.1.Tag.1.Key' = 'Name'; 'TagSpecification.1.Tag.1.Value' = "natgw-$letter" })
    $gateway = $reply.SelectSingleNode("//*[local-name()='natGateway']")
    $Zone.NatGatewayId = Get-FailoverXmlText $gateway 'natGatewayId'
    $Zone.NatGatewayMotoIp = Get-FailoverXmlText $gateway 'natGatewayAddressSet/item/privateIp'
    $publicIp = Get-FailoverXmlText $gateway 'natGatewayAddressSet/item/publicIp'
    if (-not $Zone.NatGatewayId -or $publicIp -ne $Zone.NatGatewayUplinkIp) {
        throw "CreateNatGateway in $($Zone.Name) gave $($Zone.NatGatewayId) with public IP $publicIp, not $($Zone.NatGatewayUplinkIp): $($reply.OuterXml)"
    }
    $Zone.NatGateways.Add($Zone.NatGatewayId)
    if ($Fabric.RouterConfig) { Write-FailoverRouterConfig $Fabric }
    Write-FailoverLog $Fabric "NAT gateway $($Zone.NatGatewayId) in $($Zone.Name): $($Zone.NatGatewayIp) (moto says $($Zone.NatGatewayMotoIp)), Elastic IP $publicIp"
    if (-not $NoRoute) { $null = Set-FailoverRouteTarget $Fabric $Zone -Target $Zone.NatGatewayId }
    $Zone
}

function Remove-FailoverNatGateway {
    <#
    Deletes the zone's NAT gateway in moto (and what AWS does on a delete that moto does not: the Elastic IP
    disassociated, kept; the gateway's network interface deleted), then stops its namespace (deleted, with its
    links). The zone's route is left as it is: the router makes it a blackhole. Returns Zone, NatGatewayId and
    Deleted (the time the gateway was deleted in moto).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    if (-not $Zone.NatGatewayId) { throw "zone $($Zone.Name) has no NAT gateway" }
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeNatGateways'; 'NatGatewayId.1' = $Zone.NatGatewayId })
    $eni = Get-FailoverXmlText $reply.DocumentElement 'natGatewaySet/item/natGatewayAddressSet/item/networkInterfaceId'
    $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DeleteNatGateway'; NatGatewayId = $Zone.NatGatewayId })
    $deleted = Get-FailoverNow
    $address = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeAddresses'; 'AllocationId.1' = $Zone.NatGatewayAllocationId })
    $association = Get-FailoverXmlText $address.DocumentElement 'addressesSet/item/associationId'
    if ($association) { $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DisassociateAddress'; AssociationId = $association }) }
    if ($eni) { $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DeleteNetworkInterface'; NetworkInterfaceId = $eni }) }
    Remove-NetNs $Zone.NatGatewayNs
    $null = $Fabric.Namespaces.Remove($Zone.NatGatewayNs)
    Write-FailoverLog $Fabric "NAT gateway $($Zone.NatGatewayId) of $($Zone.Name) deleted, its namespace gone"
    [pscustomobject]@{ Zone = $Zone.Letter; NatGatewayId = $Zone.NatGatewayId; Deleted = $deleted }
}

function Set-FailoverRouteTarget {
    <#
    Points the zone's private table at -Target through the EC2 API, as a user or HaNat would: a NAT gateway
    (nat-...) or an instance (i-...); ReplaceRoute, or CreateRoute when the table has no default route. Returns
    the time moto had the change (the router follows within a poll).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [string] $Target)
    $Zone = Get-FailoverZone $Fabric $Zone
    $field = switch -Regex ($Target) {
        '^nat-' { 'NatGatewayId' }
        '^i-' { 'InstanceId' }
        default { throw "'$Target' is neither a NAT gateway (nat-...) nor an instance (i-...)" }
    }
    $action = if ((Get-FailoverState $Fabric).tables.($Zone.RouteTableId)) { 'ReplaceRoute' } else { 'CreateRoute' }
    $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = $action; RouteTableId = $Zone.RouteTableId
            DestinationCidrBlock = '0.0.0.0/0'; $field = $Target })
    $written = Get-FailoverNow
    Write-FailoverLog $Fabric "$action $($Zone.RouteTableId) ($($Zone.Name)) 0.0.0.0/0 -> $Target"
    $written
}

function Enable-FailoverNatForwarding {
    <#
    Makes the zone's NAT instance namespace forward and masquerade out of wan0, as HaNat's host set-up leaves it,
    without running HaNat (and so without any route change): for tests that route a zone to a NAT by hand.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    Set-FailoverSysctl $Zone.NatNs net/ipv4/ip_forward 1
    $rule = @('POSTROUTING', '-s', $Fabric.Cidr, '-o', 'wan0', '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE')
    if ((Invoke-FailoverIptables $Fabric $Zone.NatNs (@('-t', 'nat', '-C') + $rule) -AllowFailure).ExitCode -ne 0) {
        $null = Invoke-FailoverIptables $Fabric $Zone.NatNs (@('-t', 'nat', '-A') + $rule)
    }
}
