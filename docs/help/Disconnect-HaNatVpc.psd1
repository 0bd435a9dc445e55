@{
    Synopsis    = 'Undoes Connect-HaNatVpc: removes the routes to the peering in HaNat''s route tables, then the peering connection HaNat made.'
    Description = @(
        'Disconnect-HaNatVpc deletes, in every route table tagged hanat:managed=true in either VPC, each route that goes to a peering connection between the two VPCs, including blackholes left by a connection that is already gone. Then it deletes the connection if HaNat made it (tag hanat:managed=true).'
        'A connection someone else made stays, and so do routes to it in route tables that are not HaNat''s; a warning names each of them. Its ConfirmImpact is High. A second run writes nothing.'
    )
    Parameters  = @{
        VpcId      = 'One of the two VPCs. Binds from the pipeline by value or by property name, so Connect-HaNatVpc''s results pipe straight in (each pair is disconnected once).'
        PeerVpcId  = 'The other VPC. Binds by property name.'
        PeerRegion = 'The peer VPC''s region, when it is not the region of -VpcId. Binds by property name too: Connect-HaNatVpc''s results carry it, so they pipe into Disconnect-HaNatVpc without it.'
        VpcRegion  = 'Not for typing (-Region says where -VpcId is): the region of -VpcId as a piped PeeringResult states it. A cross-region peering''s results of the far end name that end''s VPC first; such a result is taken as the same pair the other way round, so each pair is handled once and no VpcNotFound is written for it.'
        PassThru   = 'Writes one PeeringResult (Action Removed) per route deleted. Without it nothing is written to the pipeline.'
    }
    Inputs      = @('System.String', 'Amazon.EC2.Model.Vpc', 'HaNat.Model.PeeringResult', 'Any object with VpcId and PeerVpcId properties')
    Outputs     = @('None by default.', 'HaNat.Model.PeeringResult, with -PassThru: one per route deleted.')
    Notes       = 'ErrorIds: SameVpc, VpcNotFound, InvalidPeerRegion, PeeringNotInRegion (a piped result of a peering with neither end in -Region). -WhatIf prints each write and makes none.'
    Examples    = @(
        @{ Code = 'Disconnect-HaNatVpc -VpcId vpc-0a1b2c3d4e5f60718 -PeerVpcId vpc-0f1e2d3c4b5a69788'; Remarks = 'Asks, then removes the peering routes on both sides and the connection.' }
        @{ Code = 'Disconnect-HaNatVpc -VpcId $a -PeerVpcId $b -PeerRegion eu-west-1 -Confirm:$false -PassThru'; Remarks = 'Disconnects from a VPC in another region without asking, and lists each route it removed.' }
    )
    Links       = @('Connect-HaNatVpc')
}
