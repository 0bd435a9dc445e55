@{
    Synopsis    = 'Returns the least-privilege IAM policy document HaNat needs for a NAT instance, a Packer build, or an operator.'
    Description = @(
        'Get-HaNatIamPolicy writes a JSON policy document to the pipeline, ready for aws iam put-role-policy or Write-IAMRolePolicy. Describe calls, which IAM cannot scope, are allowed on every resource; every write is scoped by HaNat''s resource tags (hanat:managed=true) or by ARN.'
        'NatInstance is what the takeover and the failover monitor call; PackerBuilder is what the AMI build needs; Operator is what New-HaNatVpc, Add-HaNatVpc, Update-HaNatVpc, Remove-HaNatVpc and Connect-HaNatVpc need; in a VPC HaNat did not build it tags the VPC, subnets and route tables only with hanat:served-by, hanat:zone and hanat:restore-default, and writes only in what carries hanat:served-by.'
    )
    Parameters  = @{
        For         = 'Whose policy: NatInstance, PackerBuilder or Operator.'
        Partition   = 'The AWS partition for ARNs: aws (default), aws-cn, aws-us-gov, or an isolated partition the AWS SDK knows (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc). Any other is refused (InvalidPartition); with -Region, the region must be in it (RegionNotInPartition).'
        Region      = 'The region to put in ARNs instead of *. A cross-region Connect-HaNatVpc also writes in the peer region: leave the region * for it, or give the operator the policy of each region.'
        AccountId   = 'The 12-digit account id to put in ARNs instead of *.'
        PrivateSubnetTag = 'The tag that marks the private subnets, key=value, as given to Invoke-HaNatTakeover and Start-HaNatMonitor (default network=private, which New-HaNatVpc uses). NatInstance and Operator associate a route table only with a subnet that carries it (Operator also with one Add-HaNatVpc serves, tagged hanat:served-by, whatever the tag given). For a deployment in a VPC HaNat did not build (hanat:served-by=<name>, as Add-HaNatVpc tags it), NatInstance writes default routes only in the route tables tagged hanat:served-by=<name> in the NAT''s own VPC, reads the NAT gateways, and makes, associates and deletes no route table.'
        TrustPolicy = 'Returns the NAT role''s trust policy (EC2 may assume it) instead of its permissions. Only with -For NatInstance.'
        Compress    = 'Writes the JSON on one line.'
    }
    Inputs      = @('None')
    Outputs     = @('System.String: the policy document as JSON.')
    Notes       = 'ErrorIds: InvalidPartition, InvalidRegion, RegionNotInPartition, InvalidAccountId, InvalidPrivateSubnetTag, TrustPolicyOnlyForNatInstance. The test suite proves every policy against AWS''s authorization data (tests/iam).'
    Examples    = @(
        @{ Code = 'Get-HaNatIamPolicy -For NatInstance'; Remarks = 'The NAT role''s inline policy, with * for region and account.' }
        @{ Code = 'Get-HaNatIamPolicy -For NatInstance -PrivateSubnetTag tier=private'; Remarks = 'The NAT role''s policy for a launch template of your own whose private subnets are tagged tier=private (Invoke-HaNatTakeover -PrivateSubnetTag tier=private).' }
        @{ Code = 'Get-HaNatIamPolicy -For PackerBuilder -AccountId 123456789012 -Region eu-west-1 | Set-Content packer-policy.json'; Remarks = 'The policy for the identity that runs packer build, scoped to one account and region.' }
    )
    Links       = @('New-HaNatVpc')
}
