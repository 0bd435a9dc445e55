@{
    Synopsis    = 'Makes an instance the NAT of an availability zone: host set-up, source/dest check off, the zone''s Elastic IP, then the zone''s private default routes.'
    Description = @(
        'Invoke-HaNatTakeover is what a HaNat NAT instance runs at boot. With no -InstanceId it reads the instance''s identity from IMDSv2 and first sets the host up as a NAT: IPv4 forwarding on, ICMP redirects off, and one MASQUERADE rule per VPC CIDR on the interface that carries the default route (refused, before any change, when that interface is missing, down, unaddressed or not the primary interface).'
        'Then, in EC2 and in this order: it turns source/dest check off (so no route ever points at a NAT that would drop traffic), associates the Elastic IP tagged for the zone, and points 0.0.0.0/0 of every private subnet of the zone at the instance. A missing route is created; a route to another, dead or missing instance or a blackhole is replaced; a subnet on the main route table gets a HaNat route table of its own, holding the main table''s other static routes too (peering, VPN, transit gateway; a warning names any that cannot be copied, such as propagated or prefix-list routes) before the subnet is moved to it (the main table is never changed); a route to a NAT gateway, VPN, peering, endpoint or internet gateway is left alone and reported unless -Force is given. Each route table is written at most once, and a state that is already right is not written at all.'
        'It takes only HaNat''s own NATs: an instance must carry the tag hanat:managed=true, which HaNat''s launch template puts on every NAT it launches. An application instance is refused before any write (InstanceNotHaNat) unless -Force is given.'
        'It reads everything in one round of concurrent describe calls. With -AvailabilityZone another zone is taken over (a failover): its routes move, its Elastic IP does not.'
    )
    Parameters  = @{
        InstanceId       = 'The instance that becomes the NAT. Binds from the pipeline by value (a string) or by property name (Amazon.EC2.Model.Instance, or any object with an InstanceId property). Without it, the instance this command runs on, from IMDSv2.'
        AvailabilityZone = 'The zone to take over. Defaults to the instance''s own zone; another zone is a failover takeover, which moves routes but leaves that zone''s Elastic IP where it is. A zone the VPC has no subnet in (a typo, or another region''s zone) is refused before any write.'
        VpcId            = 'When given, the instance must be in this VPC, or the command refuses before any write. Binds by property name; a null VpcId (an Amazon.EC2.Model.Instance with only its id filled in) counts as not given.'
        PrivateSubnetTag = 'The tag, as key=value, that marks the zone''s private subnets. Default: network=private.'
        Force            = 'Also replaces a 0.0.0.0/0 route that points at something HaNat does not own (NAT gateway, transit or VPN gateway, peering, endpoint, internet gateway), and makes an instance that is not tagged hanat:managed=true the zone''s NAT.'
    }
    Inputs      = @('System.String', 'Amazon.EC2.Model.Instance', 'Any object with an InstanceId property')
    Outputs     = @('HaNat.Model.TakeoverResult: one per private subnet of the zone, with SubnetId, RouteTableId, AvailabilityZone, Action (Created, Replaced, NewRouteTable, Unchanged, LeftForeign, ReplacedForeign), PreviousTarget and Target.')
    Notes       = 'ErrorIds: InstanceNotFound, InstanceNotRunning, InstanceNotInVpc, InstanceNotHaNat, AvailabilityZoneNotFound, InvalidPrivateSubnetTag, NotOnInstance, NoDefaultRoute, InterfaceNotFound, InterfaceDown, InterfaceHasNoAddress, InterfaceMismatch, FirewallToolMissing. A zone without a private subnet is a warning. -WhatIf prints each write and makes none.'
    Examples    = @(
        @{ Code = 'Invoke-HaNatTakeover'; Remarks = 'On a NAT instance at boot (the hanat-takeover systemd unit runs this): identity from IMDSv2, host set-up, then the zone''s routes.' }
        @{ Code = '(Get-EC2Instance -InstanceId i-0a1b2c3d4e5f60718).Instances | Invoke-HaNatTakeover -WhatIf'; Remarks = 'From an operator''s session: shows what the takeover would write for an instance from AWS Tools, and writes nothing.' }
        @{ Code = 'Invoke-HaNatTakeover -InstanceId i-0a1b2c3d4e5f60718 -AvailabilityZone us-east-1b -Region us-east-1'; Remarks = 'Fails zone us-east-1b over to the NAT of another zone: that zone''s private routes now point at i-0a1b2c3d4e5f60718.' }
    )
    Links       = @('Test-HaNatRouting', 'Start-HaNatMonitor')
}
