@{
    Synopsis    = 'Writes the HaNat VPC layout as a CloudFormation template.'
    Description = @(
        'Export-HaNatTemplate plans the same layout New-HaNatVpc builds (VPC, internet gateway, a public and a private subnet per zone, route tables, the NAT security group, an Elastic IP per zone, the NAT role and instance profile, a launch template with IMDSv2 required and an encrypted root volume, and one Auto Scaling group) and writes it as a CloudFormation template. Its parameters follow the original design: the name, the first two octets of the range, a key pair and an image.'
        'With no -Path the template text goes to the pipeline. Deploying it needs CAPABILITY_NAMED_IAM. It calls no AWS API.'
    )
    Parameters  = @{
        Name             = 'The VPC''s name: 1 to 32 letters, digits and hyphens, starting with a letter. It names and tags every resource.'
        CidrBlock        = 'The address range: a CIDR from /16 to /24, or the original''s two octets (''10.20'' means 10.20.0.0/16).'
        ZoneCount        = 'How many zones the template spreads over, picked with Fn::GetAZs at deploy time. Default 3, at most 6.'
        AvailabilityZone = 'Pins the zones by name instead of picking them at deploy time.'
        KeyName          = 'The default of the template''s KeyName parameter: the EC2 key pair for the NAT instances. Optional.'
        ImageId          = 'The default of the template''s ImageId parameter: the HaNat NAT AMI.'
        InstanceType     = 'The NAT instance type. Default: a small type that fits -Architecture (t4g.nano for arm64, t3.nano for x86_64).'
        Architecture     = 'arm64 (default) or x86_64: the AMI''s architecture, which picks the default instance type.'
        SshCidr          = 'Opens SSH (TCP 22) to the NATs from this range only. Without it there is no SSH rule at all.'
        Path             = 'Writes the template to this file instead of the pipeline.'
        Force            = 'Overwrites -Path when the file exists.'
    }
    Inputs      = @('None')
    Outputs     = @('System.String: the template as JSON, when -Path is not given.')
    Notes       = 'ErrorIds: InvalidName, InvalidCidr, CidrTooSmall, CidrTooLarge, NoZones, TooManyZones, DuplicateZone, InvalidZone, InvalidSshCidr, FileExists.'
    Examples    = @(
        @{ Code = 'Export-HaNatTemplate -Name prod -CidrBlock 10.20 -KeyName ops -Path hanat-prod.json'; Remarks = 'A three-zone template for 10.20.0.0/16, written to a file.' }
        @{ Code = 'Export-HaNatTemplate -Name lab -CidrBlock 10.30.0.0/20 -ZoneCount 2 | cfn-lint -'; Remarks = 'A two-zone template piped to a linter.' }
    )
    Links       = @('New-HaNatVpc', 'Get-HaNatIamPolicy')
}
