@{
    Synopsis    = 'Writes the HaNat VPC layout as a CloudFormation template.'
    Description = @(
        'Export-HaNatTemplate plans the same layout New-HaNatVpc builds (VPC, internet gateway, a public and a private subnet per zone, route tables, the NAT security group, an Elastic IP per zone, the NAT role and instance profile, a launch template with IMDSv2 required and an encrypted root volume, and one Auto Scaling group) and writes it as a CloudFormation template. Its parameters follow the original design: Name, VpcOctets (the first two octets of a /16; VpcCidr for a smaller -CidrBlock), KeyName, ImageId and InstanceType. -Name and -CidrBlock only give Name and VpcOctets (VpcCidr) their defaults: without them the template has none, and each stack is given its own.'
        'The stack makes everything New-HaNatVpc makes, tagged the same, except the heartbeat key: CloudFormation cannot make an SSM SecureString. Make it beside the stack, where New-HaNatVpc puts it and the NATs read it, /hanat/<Name>/heartbeat-key (the stack''s HeartbeatKeyParameterName output), holding base64 of 32 random bytes, for example: aws ssm put-parameter --name /hanat/prod/heartbeat-key --type SecureString --value "$(openssl rand -base64 32)". Until it exists no NAT fails over, and Get-HaNatVpc lists heartbeat-key in Missing.'
        'With no -Path the template text goes to the pipeline. Deploying it needs CAPABILITY_NAMED_IAM. It calls no AWS API.'
    )
    Parameters  = @{
        Name             = 'The default of the template''s Name parameter, the VPC''s name: 1 to 32 letters, digits and hyphens, starting with a letter. It names and tags every resource. Without it the parameter has no default.'
        CidrBlock        = 'The default of the template''s range parameter: a CIDR from /16 to /24, or the original''s two octets (''10.20'' means 10.20.0.0/16). A /16 (or none) gives a VpcOctets parameter; a smaller block a VpcCidr parameter that takes blocks of its size. Without it the template takes any /16, with no default.'
        ZoneCount        = 'How many zones the template spreads over, picked with Fn::GetAZs at deploy time. Default 3, at most 6.'
        AvailabilityZone = 'Pins the zones by name instead of picking them at deploy time.'
        KeyName          = 'The default of the template''s KeyName parameter: the EC2 key pair for the NAT instances. Optional.'
        ImageId          = 'The default of the template''s ImageId parameter: the HaNat NAT AMI.'
        InstanceType     = 'The NAT instance type. Default: a small type that fits -Architecture (t4g.nano for arm64, t3.nano for x86_64).'
        Architecture     = 'arm64 (default) or x86_64: the AMI''s architecture, which picks the default instance type.'
        SshCidr          = 'Opens SSH (TCP 22) to the NATs from this range only. Without it there is no SSH rule at all.'
        Path             = 'Writes the template to this file instead of the pipeline. A folder, or a file in a folder that does not exist, is refused before anything is written.'
        Force            = 'Overwrites -Path when the file exists.'
    }
    Inputs      = @('None')
    Outputs     = @('System.String: the template as JSON, when -Path is not given.')
    Notes       = 'ErrorIds: InvalidName, InvalidCidr, CidrTooSmall, CidrTooLarge, NoZones, TooManyZones, DuplicateZone, InvalidZone, InvalidSshCidr, FileExists, PathIsDirectory (-Path is a folder), FolderNotFound (-Path''s folder does not exist).'
    Examples    = @(
        @{ Code = 'Export-HaNatTemplate -Path hanat.json'; Remarks = 'A three-zone template whose stacks are each given a Name, VpcOctets and ImageId when deployed.' }
        @{ Code = 'Export-HaNatTemplate -Name prod -CidrBlock 10.20 -KeyName ops -Path hanat-prod.json'; Remarks = 'A three-zone template for 10.20.0.0/16, written to a file.' }
        @{ Code = 'Export-HaNatTemplate -Name lab -CidrBlock 10.30.0.0/20 -ZoneCount 2 | cfn-lint -'; Remarks = 'A two-zone template piped to a linter.' }
    )
    Links       = @('New-HaNatVpc', 'Get-HaNatIamPolicy')
}
