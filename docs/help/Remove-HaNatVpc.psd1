@{
    Synopsis    = 'Removes a HaNat VPC and everything HaNat made for it, and nothing else.'
    Description = @(
        'Remove-HaNatVpc deletes only what carries HaNat''s tags for the VPC, in dependency order: the Auto Scaling group (with its instances, waiting until they are terminated), the launch template, the instance profile, the role, the heartbeat key parameter, the Elastic IPs, HaNat''s own peering connections (Connect-HaNatVpc''s, with the routes to them in HaNat''s route tables of the peer VPC, as Disconnect-HaNatVpc removes them), the route tables with their routes (never the main table), the subnets, the internet gateway, the security group and the VPC.'
        'A VPC that holds anything HaNat did not create (a subnet, an instance, another service''s network interface, a security group, a route table, a peering connection someone else made) is refused before the first write, with every such resource named: removing HaNat''s part around someone''s workload would take its NATs away and still not free the VPC. Something with a HaNat name that does not carry HaNat''s tags, such as an IAM role, is left alone with a warning.'
        'A removal that stopped half-way is finished by running it again; what is already gone counts as removed. A -VpcId that does not exist (VpcNotFound) or a -Name that no HaNat VPC nor any leftover of one has (HaNatVpcNotFound) is an error, as with Remove-EC2Vpc, and nothing is written. With -Name it also removes what is left of a VPC that is already gone (role, profile, parameter, template, group, addresses).'
    )
    Parameters  = @{
        Name  = 'The HaNat VPC''s name (tag hanat:vpc-name), exactly: no wildcards (InvalidName), so that a pattern never chooses what is deleted. Get-HaNatVpc -Name ''pr*'' | Remove-HaNatVpc removes what a pattern finds, after asking for each.'
        VpcId = 'The VPC''s id. Binds from the pipeline by value or by property name, so Get-HaNatVpc -Name dev | Remove-HaNatVpc works.'
    }
    Inputs      = @('System.String', 'HaNat.Model.HaNatVpc', 'Any object with a VpcId property')
    Outputs     = @('None')
    Notes       = 'ConfirmImpact High: it asks first unless -Confirm:$false. ErrorIds: InvalidName, VpcNotFound, HaNatVpcNotFound, NotHaNatVpc, AmbiguousName, ForeignResourcesInVpc, VpcManagedByStack (the VPC is a CloudFormation stack''s: delete the stack), GroupDeletionTimedOut; a failed step keeps the AWS call''s ErrorId (for example AwsEC2DeleteSubnetFailed). -WhatIf prints one line per write and writes nothing.'
    Examples    = @(
        @{ Code = 'Remove-HaNatVpc -Name dev'; Remarks = 'Removes the HaNat VPC named dev after asking.' }
        @{ Code = 'Get-HaNatVpc -Name dev | Remove-HaNatVpc -WhatIf'; Remarks = 'Prints each deletion it would make, and makes none.' }
        @{ Code = 'Remove-HaNatVpc -VpcId vpc-0a1b2c3d4e5f60718 -Confirm:$false'; Remarks = 'Removes a HaNat VPC by id without asking, for scripts.' }
    )
    Links       = @('New-HaNatVpc', 'Get-HaNatVpc', 'Disconnect-HaNatVpc')
}
