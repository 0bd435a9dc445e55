@{
    Synopsis    = 'Peers two VPCs and routes each one''s address ranges to the other from every HaNat route table on both sides.'
    Description = @(
        'Connect-HaNatVpc refuses, before any write, an unknown VPC, the same VPC twice, a VPC that is not HaNat''s (no hanat:managed=true tag; -Force peers it anyway), and two VPCs whose address ranges overlap: every IPv4 block of one is compared with every block of the other, and the error names both blocks.'
        'It then uses the peering connection that already joins the two VPCs, in either direction and whoever made it, accepts one that waits for acceptance, or creates one tagged hanat:managed=true and named <name>-to-<peer name> and accepts it (in the peer''s region with -PeerRegion). It waits, two minutes at most, until the connection is active.'
        'Last, in every route table tagged hanat:managed=true in either VPC, it routes each IPv4 block of the other VPC to the connection: a missing route is created, a route already to the connection is left with no write, a blackhole is replaced, and a route to anything else is left and reported as a Conflict unless -Force is given. Route tables that are not HaNat''s are never touched. A second run writes nothing.'
    )
    Parameters  = @{
        VpcId      = 'One of the two VPCs; the connection is requested from it. Binds from the pipeline by value or by property name (Amazon.EC2.Model.Vpc, a PeeringResult, or any object with a VpcId).'
        PeerVpcId  = 'The other VPC; it accepts the connection. Binds by property name (a PeeringResult, or any object with a PeerVpcId).'
        PeerRegion = 'The peer VPC''s region, when it is not the region of -VpcId. The connection is created in the region of -VpcId and accepted in this one, and each side''s routes are written in its own region. Binds by property name too (a PeeringResult carries it).'
        VpcRegion  = 'Not for typing (-Region says where -VpcId is): the region of -VpcId as a piped PeeringResult states it. A cross-region peering''s results of the far end name that end''s VPC first; such a result is taken as the same pair the other way round, so each pair is handled once and no VpcNotFound is written for it.'
        Force      = 'Peers a VPC that is not HaNat''s, and replaces a route to the peer''s range that goes somewhere else (a gateway, an instance, another peering connection).'
    }
    Inputs      = @('System.String', 'Amazon.EC2.Model.Vpc', 'HaNat.Model.PeeringResult', 'Any object with VpcId and PeerVpcId properties')
    Outputs     = @('HaNat.Model.PeeringResult: one per route in a HaNat route table, with VpcId, RouteTableId, DestinationCidr, Action (Created, Unchanged, Replaced, Conflict), PeeringConnectionId, ConflictingTarget and PeerVpcId.')
    Notes       = 'ErrorIds: SameVpc, VpcNotFound, InvalidPeerRegion, PeeringNotInRegion (a piped result of a peering with neither end in -Region), NotHaNatVpc, OverlappingCidr, PeeringFailed (the connection was rejected, failed or expired), PeeringTimeout (not active within two minutes; a second run picks it up). -WhatIf prints each write and makes none.'
    Examples    = @(
        @{ Code = 'Connect-HaNatVpc -VpcId vpc-0a1b2c3d4e5f60718 -PeerVpcId vpc-0f1e2d3c4b5a69788'; Remarks = 'Peers two HaNat VPCs in the current region: one line per route, grouped by VPC.' }
        @{ Code = 'Connect-HaNatVpc -VpcId vpc-0a1b2c3d4e5f60718 -PeerVpcId vpc-0f1e2d3c4b5a69788 -PeerRegion eu-west-1 -WhatIf'; Remarks = 'Shows what peering with a VPC in another region would write, and writes nothing.' }
        @{ Code = "Connect-HaNatVpc -VpcId `$a -PeerVpcId `$b | Where-Object Action -EQ Conflict"; Remarks = 'Lists the routes to the peer''s range that go elsewhere and were left alone.' }
    )
    Links       = @('Disconnect-HaNatVpc', 'Get-HaNatIamPolicy')
}
