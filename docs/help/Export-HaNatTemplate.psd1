@{
    Synopsis    = 'Writes the HaNat VPC layout as a CloudFormation template.'
    Description = @(
        'Export-HaNatTemplate plans the same layout New-HaNatVpc builds (VPC, internet gateway, a public and a private subnet per zone, route tables, the NAT security group, an Elastic IP per zone, the NAT role and instance profile, a launch template with IMDSv2 required and an encrypted root volume, and one Auto Scaling group) and writes it as a CloudFormation template. Its parameters follow the original design: Name, VpcOctets (the first two octets of a /16; VpcCidr for a smaller -CidrBlock), KeyName, ImageId and InstanceType. -Name and -CidrBlock only give Name and VpcOctets (VpcCidr) their defaults: without them the template has none, and each stack is given its own.'
        'The stack makes everything New-HaNatVpc makes, tagged the same, except the heartbeat key: CloudFormation cannot make an SSM SecureString. Make it beside the stack, where New-HaNatVpc puts it and the NATs read it, /hanat/<Name>/heartbeat-key (the stack''s HeartbeatKeyParameterName output), holding base64 of 32 random bytes, for example: aws ssm put-parameter --name /hanat/prod/heartbeat-key --type SecureString --value "$(openssl rand -base64 32)". Until it exists no NAT fails over, and Get-HaNatVpc lists heartbeat-key in Missing.'
        'With -ExistingVpc it writes the NAT deployment alone, for a VPC HaNat did not build (what Add-HaNatVpc puts there): the NAT security group, an Elastic IP per zone, the role and instance profile, the launch template and the Auto Scaling group. Its parameters are Name, VpcId, VpcCidrBlock1 (the VPC''s primary IPv4 block) and VpcCidrBlock2 to VpcCidrBlock5 (its other blocks, or empty), and per zone AvailabilityZoneN, PublicSubnetN (where the zone''s NAT launches) and PrivateRouteTablesN (the tables it serves, a comma-delimited list), then KeyName, ImageId and InstanceType. CloudFormation cannot tag what the stack does not own: tag each zone''s tables (hanat:served-by=<Name>, hanat:zone, hanat:restore-default), the subnets on them and the VPC (hanat:served-by=<Name>) as the README''s hanat_serve does. The NATs serve the subnets tagged hanat:served-by=<Name>, and their role writes default routes only in tables both tagged so and named in a PrivateRouteTables parameter.'
        'With no -Path the template text goes to the pipeline. Deploying it needs CAPABILITY_NAMED_IAM. It calls no AWS API.'
    )
    Parameters  = @{
        Name             = 'The default of the template''s Name parameter, the VPC''s name: 1 to 32 letters, digits and hyphens, starting with a letter. It names and tags every resource. Without it the parameter has no default.'
        ExistingVpc      = 'Writes the NAT deployment alone, for a VPC HaNat did not build: the VPC, its IPv4 blocks, and per zone the zone, the public subnet and the private route tables are the template''s parameters. -CidrBlock does not apply.'
        CidrBlock        = 'The default of the template''s range parameter: a CIDR from /16 to /24, or the original''s two octets (''10.20'' means 10.20.0.0/16). A /16 (or none) gives a VpcOctets parameter; a smaller block a VpcCidr parameter that takes blocks of its size. Without it the template takes any /16, with no default.'
        ZoneCount        = 'How many zones the template spreads over, picked with Fn::GetAZs at deploy time (with -ExistingVpc, given by its AvailabilityZone parameters). Default 3, at most 6.'
        AvailabilityZone = 'Pins the zones by name instead of picking them at deploy time. With -ExistingVpc: how many zones there are, and the defaults of the AvailabilityZone parameters.'
        KeyName          = 'The default of the template''s KeyName parameter: the EC2 key pair for the NAT instances. Optional.'
        ImageId          = 'The default of the template''s ImageId parameter: the HaNat NAT AMI.'
        InstanceType     = 'The NAT instance type. Default: a small type that fits -Architecture (t4g.nano for arm64, t3.nano for x86_64).'
        Architecture     = 'arm64 (default) or x86_64: the AMI''s architecture, which picks the default instance type.'
        SshCidr          = 'Opens SSH (TCP 22) to the NATs from this range only. Without it there is no SSH rule at all.'
        Spot             = 'The NATs run on spot, as with New-HaNatVpc -Spot: the Auto Scaling group gets a MixedInstancesPolicy (InstanceDistribution: one NAT on-demand with two zones or more, the rest spot, price-capacity-optimized) and CapacityRebalance. Its overrides are the InstanceType parameter and, while that parameter is still the type they were chosen for (condition SpotPeersFitInstanceType), up to three peers of that type''s architecture and size; a stack given another type launches that type alone.'
        AlarmAction      = 'The default of the template''s AlarmAction parameter: the ARN of an SNS topic each AWS::CloudWatch::Alarm notifies when it fires and when it clears (the stack may be given another, or empty for none, through the HasAlarmAction condition). Checked as New-HaNatVpc checks it (InvalidAlarmAction).'
        NoAlarms         = 'Leaves the CloudWatch alarms out of the template, and the AlarmAction parameter with them. By default the template holds each zone''s four alarms, named and tagged as New-HaNatVpc names and tags them (hanat-<Name>-<zone>-served-by-peer, -unhealthy, -conntrack-full, -port-allocation-errors).'
        Path             = 'Writes the template to this file instead of the pipeline. A folder, or a file in a folder that does not exist, is refused before anything is written.'
        Force            = 'Overwrites -Path when the file exists.'
    }
    Inputs      = @('None')
    Outputs     = @('System.String: the template as JSON, when -Path is not given.')
    Notes       = 'ErrorIds: InvalidAlarmAction, InvalidName, InvalidCidr, CidrTooSmall, CidrTooLarge, NoZones, TooManyZones, DuplicateZone, InvalidZone, InvalidSshCidr, FileExists, PathIsDirectory (-Path is a folder), FolderNotFound (-Path''s folder does not exist).'
    Examples    = @(
        @{ Code = 'Export-HaNatTemplate -Path hanat.json'; Remarks = 'A three-zone template whose stacks are each given a Name, VpcOctets and ImageId when deployed.' }
        @{ Code = 'Export-HaNatTemplate -Name prod -CidrBlock 10.20 -KeyName ops -Path hanat-prod.json'; Remarks = 'A three-zone template for 10.20.0.0/16, written to a file.' }
        @{ Code = 'Export-HaNatTemplate -Name lab -CidrBlock 10.30.0.0/20 -ZoneCount 2 | cfn-lint -'; Remarks = 'A two-zone template piped to a linter.' }
        @{ Code = 'Export-HaNatTemplate -ExistingVpc -AvailabilityZone us-east-1a, us-east-1b -Name prod -Path hanat-prod.json'; Remarks = 'The NAT deployment alone for a two-zone VPC you already have; the stack is given VpcId, VpcCidrBlock1, PublicSubnet1, PrivateRouteTables1 and so on.' }
    )
    Links       = @('New-HaNatVpc', 'Get-HaNatIamPolicy')
}
