@{
    Synopsis    = 'Builds a HaNat VPC: subnets in every zone, the NAT security group, role and heartbeat key, and one Auto Scaling group that keeps a NAT instance per zone.'
    Description = @(
        'New-HaNatVpc checks everything before its first write: the name (no HaNat VPC, IAM role, instance profile, Auto Scaling group, launch template or heartbeat key may have it), the address range, that the zones exist and are available, that the image exists and runs on arm64 or x86_64, and that the key pair exists. Bad input is refused with an ErrorId and nothing is written.'
        'Then it creates, in dependency order and with Write-Progress for each step: the VPC (DNS support and hostnames on), an internet gateway, a public and a private subnet per zone (the private ones tagged network=private), a public route table with 0.0.0.0/0 to the gateway, a private route table per zone (its default route comes from the zone''s NAT at boot), the NAT security group (everything in from the private half of the VPC, where every private subnet lies; the heartbeat port UDP 4747 and ICMP echo only from the group itself; everything out; SSH only from -SshCidr), an Elastic IP per zone tagged for its zone, the NAT role under /hanat/ with the NatInstance policy and its instance profile, the SSM SecureString /hanat/<name>/heartbeat-key (32 random bytes), a launch template (IMDSv2 required, encrypted root, user data that runs the takeover) and one Auto Scaling group across the public subnets with min = max = desired = the number of zones. Everything is tagged as HaNat''s when it is created.'
        'If a step fails, everything this run created is deleted again, last first (the group with its instances), and the original error is reported. A new instance profile that EC2 or Auto Scaling does not know yet is retried for about a minute.'
    )
    Parameters  = @{
        Name             = 'The VPC''s name: 1 to 32 letters, digits and hyphens, starting with a letter. It names and tags every resource (tag hanat:vpc-name). It must differ from every other HaNat VPC''s name in more than case: IAM role names ignore case.'
        CidrBlock        = 'The address range: a CIDR from /16 to /24, or the original''s two octets (''10.20'' means 10.20.0.0/16).'
        ZoneCount        = 'How many of the region''s available zones to use, the first by name. Default 3, at most 6; fewer when the region has fewer.'
        AvailabilityZone = 'The zones by name, instead of the region''s first. Their order decides the subnets: zone i gets slots i and 8 + i of the range.'
        ImageId          = 'The NAT AMI. Default: the newest HaNat image in the region (Get-HaNatImage), of -InstanceType''s architecture when a type is given. Binds by property name, so Get-HaNatImage | New-HaNatVpc works.'
        KeyName          = 'An EC2 key pair for the NAT instances. Optional; it opens no SSH unless -SshCidr is given too.'
        InstanceType     = 'The NAT instance type. Default: a small type of the image''s architecture (t4g.nano for arm64, t3.nano for x86_64). A type of the other architecture (t3.nano for an arm64 image) is refused before any write.'
        SshCidr          = 'Allows SSH (TCP 22) to the NATs from this range only. Without it there is no SSH rule at all.'
    }
    Inputs      = @('Any object with an ImageId property, such as the Amazon.EC2.Model.Image Get-HaNatImage writes')
    Outputs     = @('HaNat.Model.HaNatVpc: Name, VpcId, CidrBlock, Region, Zones (subnets, private route table and Elastic IP of each), PublicIps, InternetGatewayId, PublicRouteTableId, SecurityGroupId, AutoScalingGroupName, LaunchTemplateId, LaunchTemplateName, RoleName, InstanceProfileName, HeartbeatKeyParameterName, Missing.')
    Notes       = 'ErrorIds: InvalidName, InvalidCidr, CidrTooLarge, CidrTooSmall, InvalidZone, DuplicateZone, TooManyZones, UnknownAvailabilityZone, AvailabilityZoneNotUsable, NoAvailableZone, InvalidImageId, ImageNotFound, ImageNotAvailable, UnsupportedImageArchitecture, NoHaNatImage, InvalidKeyName, KeyPairNotFound, InvalidSshCidr, InvalidInstanceType, InstanceTypeArchitectureMismatch, NameInUse, PreflightAccessDenied (IAM denied one of the checks of the name; nothing was made); a failed step keeps the AWS call''s ErrorId (for example AwsAutoScalingCreateAutoScalingGroupFailed). -WhatIf prints one line per write and writes nothing.'
    Examples    = @(
        @{ Code = 'New-HaNatVpc -Name prod -CidrBlock 10.20'; Remarks = 'A HaNat VPC for 10.20.0.0/16 across the region''s first three zones, with the newest HaNat image.' }
        @{ Code = 'New-HaNatVpc -Name dev -CidrBlock 10.30.0.0/20 -AvailabilityZone eu-west-1a, eu-west-1b -KeyName ops -SshCidr 203.0.113.0/24 -Region eu-west-1 -WhatIf'; Remarks = 'Prints the plan for two named zones, with a key pair and SSH from one range, and writes nothing.' }
        @{ Code = 'Get-HaNatImage -Architecture x86_64 | New-HaNatVpc -Name intel -CidrBlock 10.40'; Remarks = 'Builds with the newest x86_64 HaNat image and the t3.nano default.' }
    )
    Links       = @('Get-HaNatVpc', 'Remove-HaNatVpc', 'Get-HaNatImage', 'Test-HaNatRouting', 'Export-HaNatTemplate')
}
