@{
    Synopsis    = 'Tells whether every private subnet of a VPC has a working way out through a NAT instance.'
    Description = @(
        'Test-HaNatRouting reads the VPC''s private subnets (tag network=private by default), their route tables and the instances their default routes point at, and judges each subnet: Healthy (0.0.0.0/0 to a running HaNat NAT instance in the same zone with source/dest check off), CrossZone (the same, through another zone''s NAT: a failover is in effect), NoRoute, NatNotRunning, Blackhole, SourceDestCheckOn or ForeignTarget (a gateway, a peering, or an instance that is not a HaNat NAT: no tag hanat:managed=true). It never writes.'
        'With -DataPlane, run on a NAT instance, it checks the NAT''s own forwarding path instead and returns one DataPlaneCheck (Name, Healthy, Detail) per check: IpForward, Uplink (the default route''s interface is up and addressed), Masquerade (a hanat rule for every VPC CIDR out of that interface), Forward (FORWARD does not drop), Conntrack (under 90% of nf_conntrack_max) and EgressProbe (-ProbeTarget reached). These are the checks Start-HaNatMonitor runs every second.'
        'With -Quiet it returns one boolean per VPC, true only when every private subnet is Healthy or CrossZone, so that `Test-HaNatRouting -VpcId $id -Quiet | Should -BeTrue` reads as it says in a Pester suite. With several VPCs the booleans come in input order, one per VPC (false for one that cannot be read, with its error), and each is preceded by an information record, tagged HaNat.Verdict, that names its VPC and says why: -InformationAction Continue shows them, -InformationVariable keeps them.'
    )
    Parameters  = @{
        VpcId            = 'The VPC to audit. Binds from the pipeline by value or by property name (Amazon.EC2.Model.Vpc, a HaNat VPC, or any object with a VpcId). Without it, on an instance, the instance''s own VPC.'
        PrivateSubnetTag = 'The tag, as key=value, that marks the private subnets. Default: network=private.'
        Quiet            = 'Returns one boolean per VPC, in input order, instead of one object per subnet: true when every private subnet has a healthy way out. A VPC with no private subnet, or one that cannot be read, is false. An information record tagged HaNat.Verdict names the VPC of each boolean (see -InformationAction). With -DataPlane: one boolean, true when every check passes.'
        DataPlane        = 'Checks this NAT instance''s own data plane (forwarding, uplink, masquerade, FORWARD, conntrack, egress) instead of the VPC''s routes. Linux only; the VPC''s CIDR blocks and the primary interface come from IMDSv2.'
        ProbeTarget      = 'With -DataPlane: where the egress probe goes, host:port for a TCP connect or an http(s) URL for a GET (any HTTP answer counts). Without it the probe is skipped.'
    }
    Inputs      = @('System.String', 'Amazon.EC2.Model.Vpc', 'Any object with a VpcId property')
    Outputs     = @('HaNat.Model.RouteAudit: VpcId, SubnetId, AvailabilityZone, RouteTableId, Target, Status, Healthy, Detail.', 'HaNat.Model.DataPlaneCheck: Name, Healthy, Detail, with -DataPlane.', 'System.Boolean, with -Quiet.')
    Notes       = 'ErrorIds: VpcNotFound, InvalidPrivateSubnetTag, NotOnInstance and InstanceMetadataDisabled (off an instance without -VpcId: the message says to pass -VpcId; -DataPlane runs only on a NAT instance), InvalidProbeTarget, NotLinux.'
    Examples    = @(
        @{ Code = 'Test-HaNatRouting -VpcId vpc-0a1b2c3d4e5f60718'; Remarks = 'One line per private subnet, grouped by VPC, with its status.' }
        @{ Code = 'Get-EC2Vpc -Filter @{ Name = ''tag:hanat:managed''; Values = ''true'' } | Test-HaNatRouting -Quiet'; Remarks = 'One true or false per HaNat VPC in the region, in the order Get-EC2Vpc lists them.' }
        @{ Code = '$a, $b | Test-HaNatRouting -Quiet -InformationAction Continue'; Remarks = 'Each boolean preceded by a line naming its VPC: vpc-0a1b2c3d4e5f60718: true (all 3 private subnets have a way out).' }
        @{ Code = 'Test-HaNatRouting -DataPlane -ProbeTarget https://checkip.amazonaws.com/'; Remarks = 'On a NAT instance: one line per data-plane check.' }
        @{ Code = "It 'has a way out from every private subnet' {`n    Test-HaNatRouting -VpcId `$vpcId -Quiet | Should -BeTrue`n}"; Remarks = 'In a Pester suite that checks a VPC''s routing.' }
    )
    Links       = @('Invoke-HaNatTakeover')
}
