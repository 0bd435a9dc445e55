# New-HaNatVpc and Get-HaNatVpc as users call them, against moto: the resources a 3-zone VPC consists of and their
# properties, the order of the writes, -WhatIf, every bad input (nothing written), the same name twice, and
# Get-HaNatVpc's listing, lookup by name, batched reads and pipeline binding.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-Tag($Tags, [string] $Key) {
        $tag = $Tags | Where-Object Key -EQ $Key | Select-Object -First 1
        if ($tag) { $tag.Value }
    }

    function Get-ErrorOf([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    # One moto for the whole file (a reset costs seconds): every context uses names and ranges of its own.
    Reset-Moto
    $imageId = New-TestHaNatImage -Architecture arm64
}

Describe 'New-HaNatVpc' {
    Context 'a 3-zone VPC' {
        BeforeAll {
            Start-MotoRecording
            $vpc = New-HaNatVpc -Name prod -CidrBlock '10.20' @aws -WarningVariable buildWarnings -WarningAction SilentlyContinue
            $recorded = @(Get-MotoAction)
            $writes = @($recorded | Where-Object IsWrite | ForEach-Object Action)
            $inVpc = New-Ec2Filter @{ 'vpc-id' = $vpc.VpcId }
        }

        It 'returns one HaNat VPC with the name, CIDR, region and every id' {
            @($vpc).Count | Should -Be 1
            $vpc | Should -BeOfType ([HaNat.Model.HaNatVpc])
            $vpc.Name | Should -Be 'prod'
            $vpc.CidrBlock | Should -Be '10.20.0.0/16'
            $vpc.Region | Should -Be 'us-east-1'
            $vpc.VpcId | Should -Match '^vpc-'
            $vpc.AvailabilityZones | Should -Be @('us-east-1a', 'us-east-1b', 'us-east-1c')
            foreach ($zone in $vpc.Zones) {
                $zone.PublicSubnetId | Should -Match '^subnet-'
                $zone.PrivateSubnetId | Should -Match '^subnet-'
                $zone.PrivateRouteTableId | Should -Match '^rtb-'
                $zone.ElasticIpAllocationId | Should -Match '^eipalloc-'
                $zone.PublicIp | Should -Not -BeNullOrEmpty
            }
            $vpc.InternetGatewayId | Should -Match '^igw-'
            $vpc.SecurityGroupId | Should -Match '^sg-'
            $vpc.LaunchTemplateId | Should -Match '^lt-'
            $vpc.AutoScalingGroupName | Should -Be 'prod-nat-asg'
            $vpc.RoleName | Should -Be 'prod-nat-us-east-1'
            $vpc.HeartbeatKeyParameterName | Should -Be '/hanat/prod/heartbeat-key'
            $vpc.IsComplete | Should -BeTrue
        }

        It 'creates exactly the resources of a HaNat VPC, each once' {
            $created = $writes | Where-Object { $_ -match '^(Create|Allocate|Put)' } | Group-Object -AsHashTable -AsString
            $created.Keys | Sort-Object | Should -Be (@('AllocateAddress', 'CreateAutoScalingGroup', 'CreateInstanceProfile', 'CreateInternetGateway',
                'CreateLaunchTemplate', 'CreateRole', 'CreateRoute', 'CreateRouteTable', 'CreateSecurityGroup', 'CreateSubnet', 'CreateVpc',
                'PutMetricAlarm', 'PutParameter', 'PutRolePolicy') | Sort-Object)
            $created['CreateVpc'].Count | Should -Be 1
            $created['CreateInternetGateway'].Count | Should -Be 1
            $created['CreateSubnet'].Count | Should -Be 6
            $created['CreateRouteTable'].Count | Should -Be 4
            $created['CreateRoute'].Count | Should -Be 1
            $created['CreateSecurityGroup'].Count | Should -Be 1
            $created['AllocateAddress'].Count | Should -Be 3
            $created['CreateRole'].Count | Should -Be 1
            $created['CreateInstanceProfile'].Count | Should -Be 1
            $created['PutParameter'].Count | Should -Be 1
            $created['CreateLaunchTemplate'].Count | Should -Be 1
            $created['CreateAutoScalingGroup'].Count | Should -Be 1
            $created['PutMetricAlarm'].Count | Should -Be 12

            $footprint = Get-HaNatFootprint prod
            $footprint.Vpc | Should -Be 1
            $footprint.Subnet | Should -Be 6
            $footprint.RouteTable | Should -Be 4
            $footprint.SecurityGroup | Should -Be 1
            $footprint.InternetGateway | Should -Be 1
            $footprint.ElasticIp | Should -Be 3
            $footprint.LaunchTemplate | Should -Be 1
            $footprint.AutoScalingGroup | Should -Be 1
            $footprint.Role | Should -Be 1
            $footprint.InstanceProfile | Should -Be 1
            $footprint.Parameter | Should -Be 1
        }

        It 'checks everything before the first write, and creates in dependency order' {
            $firstWrite = [array]::IndexOf([object[]]$recorded, ($recorded | Where-Object IsWrite | Select-Object -First 1))
            @($recorded[0..($firstWrite - 1)].Action) | Should -Contain 'DescribeAvailabilityZones'
            @($recorded[0..($firstWrite - 1)].Action) | Should -Contain 'DescribeImages'
            @($recorded[0..($firstWrite - 1)].Action) | Should -Contain 'GetRole'
            $writes[0] | Should -Be 'CreateVpc'
            # The NATs' group is the last of the deployment's writes; then come the alarms on what the NATs publish.
            @($writes | Where-Object { $_ -ne 'PutMetricAlarm' })[-1] | Should -Be 'CreateAutoScalingGroup'
            @($writes[-12..-1] | Sort-Object -Unique) | Should -Be @('PutMetricAlarm')
            $order = { param($action) [array]::IndexOf([object[]]$writes, $action) }
            (& $order 'AttachInternetGateway') | Should -BeLessThan (& $order 'CreateRoute')
            (& $order 'CreateSecurityGroup') | Should -BeLessThan (& $order 'CreateLaunchTemplate')
            (& $order 'AddRoleToInstanceProfile') | Should -BeLessThan (& $order 'CreateLaunchTemplate')
            (& $order 'PutParameter') | Should -BeLessThan (& $order 'CreateAutoScalingGroup')
            (& $order 'AllocateAddress') | Should -BeLessThan (& $order 'CreateAutoScalingGroup')
        }

        It 'turns DNS support and DNS hostnames on' {
            (Invoke-Ec2 DescribeVpcAttribute ([Amazon.EC2.Model.DescribeVpcAttributeRequest]@{ VpcId = $vpc.VpcId; Attribute = 'enableDnsSupport' })).EnableDnsSupport | Should -BeTrue
            (Invoke-Ec2 DescribeVpcAttribute ([Amazon.EC2.Model.DescribeVpcAttributeRequest]@{ VpcId = $vpc.VpcId; Attribute = 'enableDnsHostnames' })).EnableDnsHostnames | Should -BeTrue
        }

        It 'tags every EC2 resource as HaNat''s, with the VPC''s name, a Name and (after the VPC) its id' {
            $resources = @(
                (Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $vpc.VpcId }) })).Vpcs
                (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ Filters = $inVpc })).Subnets
                (Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = $inVpc })).RouteTables | Where-Object { -not ($_.Associations | Where-Object Main) }
                (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ Filters = $inVpc })).SecurityGroups | Where-Object GroupName -NE 'default'
                (Invoke-Ec2 DescribeInternetGateways ([Amazon.EC2.Model.DescribeInternetGatewaysRequest]@{ Filters = (New-Ec2Filter @{ 'attachment.vpc-id' = $vpc.VpcId }) })).InternetGateways
                (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-id' = $vpc.VpcId }) })).Addresses
                (Invoke-Ec2 DescribeLaunchTemplates ([Amazon.EC2.Model.DescribeLaunchTemplatesRequest]@{ Filters = (New-Ec2Filter @{ 'launch-template-name' = 'prod-nat-lt' }) })).LaunchTemplates
            )
            $resources.Count | Should -Be (1 + 6 + 4 + 1 + 1 + 3 + 1)
            foreach ($resource in $resources) {
                Get-Tag $resource.Tags 'hanat:managed' | Should -Be 'true'
                Get-Tag $resource.Tags 'hanat:vpc-name' | Should -Be 'prod'
                Get-Tag $resource.Tags 'Name' | Should -Match '^prod-'
                Get-Tag $resource.Tags 'hanat:component' | Should -Not -BeNullOrEmpty
                if (-not ($resource -is [Amazon.EC2.Model.Vpc])) { Get-Tag $resource.Tags 'hanat:vpc-id' | Should -Be $vpc.VpcId }
            }
        }

        It 'tags the private subnets network=private, and only those' {
            $subnets = (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ Filters = $inVpc })).Subnets
            $private = @($subnets | Where-Object { (Get-Tag $_.Tags 'network') -eq 'private' })
            $private.SubnetId | Sort-Object | Should -Be ($vpc.Zones.PrivateSubnetId | Sort-Object)
            ($private | Sort-Object CidrBlock).CidrBlock | Should -Be @('10.20.128.0/20', '10.20.144.0/20', '10.20.160.0/20')
            ($subnets | Where-Object SubnetId -In $vpc.Zones.PublicSubnetId | Sort-Object CidrBlock).CidrBlock | Should -Be @('10.20.0.0/20', '10.20.16.0/20', '10.20.32.0/20')
            foreach ($zone in $vpc.Zones) {
                ($subnets | Where-Object SubnetId -EQ $zone.PrivateSubnetId).AvailabilityZone | Should -Be $zone.AvailabilityZone
                ($subnets | Where-Object SubnetId -EQ $zone.PublicSubnetId).AvailabilityZone | Should -Be $zone.AvailabilityZone
            }
        }

        It 'routes the public subnets to the gateway, and gives each private subnet a table of its own with no default route yet' {
            $public = Get-TestRouteTable $vpc.PublicRouteTableId
            ($public.Routes | Where-Object DestinationCidrBlock -EQ '0.0.0.0/0').GatewayId | Should -Be $vpc.InternetGatewayId
            @($public.Associations.SubnetId | Where-Object { $_ }) | Sort-Object | Should -Be ($vpc.Zones.PublicSubnetId | Sort-Object)
            foreach ($zone in $vpc.Zones) {
                $table = Get-TestRouteTable $zone.PrivateRouteTableId
                @($table.Associations.SubnetId | Where-Object { $_ }) | Should -Be @($zone.PrivateSubnetId)
                $table.Routes | Where-Object DestinationCidrBlock -EQ '0.0.0.0/0' | Should -BeNullOrEmpty
                Get-Tag $table.Tags 'hanat:zone' | Should -Be $zone.AvailabilityZone
            }
        }

        It 'tags each zone''s Elastic IP with the VPC id and the zone, for the takeover to find' {
            foreach ($zone in $vpc.Zones) {
                $address = Get-TestAddress $zone.ElasticIpAllocationId
                Get-Tag $address.Tags 'hanat:vpc-id' | Should -Be $vpc.VpcId
                Get-Tag $address.Tags 'hanat:zone' | Should -Be $zone.AvailabilityZone
                $address.PublicIp | Should -Be $zone.PublicIp
            }
        }

        It 'lets everything in from the private half, heartbeats and echo only from the NATs themselves, everything out, and has no SSH rule' {
            $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ GroupIds = [System.Collections.Generic.List[string]]@($vpc.SecurityGroupId) })).SecurityGroups[0]
            $group.GroupName | Should -Be 'prod-nat-sg'
            @($group.IpPermissions).Count | Should -Be 3
            $all = @($group.IpPermissions | Where-Object IpProtocol -EQ '-1')
            $all.Count | Should -Be 1
            $all[0].Ipv4Ranges.CidrIp | Should -Be '10.20.128.0/17'
            $heartbeat = @($group.IpPermissions | Where-Object IpProtocol -EQ 'udp')
            ($heartbeat.FromPort, $heartbeat.ToPort) | Should -Be @(4747, 4747)
            $heartbeat.Ipv4Ranges | Should -BeNullOrEmpty
            $heartbeat.UserIdGroupPairs.GroupId | Should -Be $vpc.SecurityGroupId
            $echo = @($group.IpPermissions | Where-Object IpProtocol -EQ 'icmp')
            $echo.FromPort | Should -Be 8
            $echo.UserIdGroupPairs.GroupId | Should -Be $vpc.SecurityGroupId
            @($group.IpPermissions | Where-Object { $_.FromPort -le 22 -and $_.ToPort -ge 22 -and $_.IpProtocol -eq 'tcp' }) | Should -BeNullOrEmpty
            $group.IpPermissionsEgress[0].IpProtocol | Should -Be '-1'
            $group.IpPermissionsEgress[0].Ipv4Ranges.CidrIp | Should -Be '0.0.0.0/0'
        }

        It 'makes the NAT role under /hanat/, trusted by EC2, with the NAT policy inline, in its instance profile' {
            $role = (Invoke-MotoQuery iam GetRole @{ RoleName = 'prod-nat-us-east-1' }).Xml
            $role.GetElementsByTagName('Path')[0].InnerText | Should -Be '/hanat/'
            $trust = [uri]::UnescapeDataString($role.GetElementsByTagName('AssumeRolePolicyDocument')[0].InnerText) | ConvertFrom-Json
            $trust.Statement[0].Principal.Service | Should -Be 'ec2.amazonaws.com'
            $roleTags = @($role.GetElementsByTagName('member') | Where-Object { $_.Key -eq 'hanat:managed' })
            $roleTags[0].Value | Should -Be 'true'

            $policy = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = 'prod-nat-us-east-1'; PolicyName = 'hanat-nat-instance' }).Xml
            $document = [uri]::UnescapeDataString($policy.GetElementsByTagName('PolicyDocument')[0].InnerText) | ConvertFrom-Json
            $actions = @($document.Statement.Action)
            $actions | Should -Contain 'ec2:CreateRoute'
            $actions | Should -Contain 'ssm:GetParameter'
            ($document.Statement | Where-Object Sid -EQ 'ReadHeartbeatKey').Resource | Should -Be 'arn:aws:ssm:us-east-1:123456789012:parameter/hanat/*'

            $profile = (Invoke-MotoQuery iam GetInstanceProfile @{ InstanceProfileName = 'prod-nat-us-east-1' }).Xml
            $profile.GetElementsByTagName('RoleName')[0].InnerText | Should -Be 'prod-nat-us-east-1'
            $profile.GetElementsByTagName('Path')[0].InnerText | Should -Be '/hanat/'
        }

        It 'keeps a random 32-byte heartbeat key as a tagged SecureString' {
            $request = [Amazon.SimpleSystemsManagement.Model.GetParameterRequest]@{ Name = '/hanat/prod/heartbeat-key'; WithDecryption = $true }
            $parameter = (Invoke-Ssm GetParameter $request).Parameter
            $parameter.Type.Value | Should -Be 'SecureString'
            [Convert]::FromBase64String($parameter.Value).Length | Should -Be 32
            $tags = (Invoke-Ssm ListTagsForResource ([Amazon.SimpleSystemsManagement.Model.ListTagsForResourceRequest]@{ ResourceType = 'Parameter'; ResourceId = '/hanat/prod/heartbeat-key' })).TagList
            Get-Tag $tags 'hanat:managed' | Should -Be 'true'
            Get-Tag $tags 'hanat:vpc-id' | Should -Be $vpc.VpcId
        }

        It 'launches the NATs with IMDSv2 required, an encrypted root, the profile, the group and the takeover in user data' {
            $request = [Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $vpc.LaunchTemplateId }
            $data = (Invoke-Ec2 DescribeLaunchTemplateVersions $request).LaunchTemplateVersions[0].LaunchTemplateData
            $data.ImageId | Should -Be $imageId
            $data.InstanceType | Should -Be 't4g.nano'
            $data.KeyName | Should -BeNullOrEmpty
            $data.MetadataOptions.HttpTokens.Value | Should -Be 'required'
            $data.MetadataOptions.HttpPutResponseHopLimit | Should -Be 1
            $root = $data.BlockDeviceMappings | Where-Object DeviceName -EQ ((Invoke-Ec2 DescribeImages ([Amazon.EC2.Model.DescribeImagesRequest]@{ ImageIds = [System.Collections.Generic.List[string]]@($imageId) })).Images[0].RootDeviceName)
            $root.Ebs.Encrypted | Should -BeTrue
            $root.Ebs.VolumeType.Value | Should -Be 'gp3'
            $data.IamInstanceProfile.Arn | Should -Be 'arn:aws:iam::123456789012:instance-profile/hanat/prod-nat-us-east-1'
            $data.NetworkInterfaces[0].Groups | Should -Be @($vpc.SecurityGroupId)
            $data.NetworkInterfaces[0].AssociatePublicIpAddress | Should -BeTrue
            $userData = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($data.UserData))
            $userData | Should -Match ([regex]::Escape("Invoke-HaNatTakeover -VpcId '$($vpc.VpcId)'"))
            # moto also lists the template's own tags here; what matters is that all three launched types are tagged.
            foreach ($type in 'instance', 'volume', 'network-interface') {
                $spec = $data.TagSpecifications | Where-Object { $_.ResourceType.Value -eq $type }
                Get-Tag $spec.Tags 'hanat:managed' | Should -Be 'true' -Because $type
                Get-Tag $spec.Tags 'hanat:vpc-id' | Should -Be $vpc.VpcId -Because $type
            }
        }

        It 'makes one Auto Scaling group across the public subnets, min = max = desired = 3, with a grace period and propagated tags' {
            $group = (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = 'prod-nat-asg' }).Xml.GetElementsByTagName('member')[0]
            $group.MinSize | Should -Be 3
            $group.MaxSize | Should -Be 3
            $group.DesiredCapacity | Should -Be 3
            $group.HealthCheckType | Should -Be 'EC2'
            $group.HealthCheckGracePeriod | Should -Be 180
            $group.LaunchTemplate.LaunchTemplateId | Should -Be $vpc.LaunchTemplateId
            ($group.VPCZoneIdentifier -split ',') | Sort-Object | Should -Be ($vpc.Zones.PublicSubnetId | Sort-Object)
            $managed = $group.Tags.member | Where-Object Key -EQ 'hanat:managed'
            $managed.Value | Should -Be 'true'
            $managed.PropagateAtLaunch | Should -Be 'true'
            ($group.Tags.member | Where-Object Key -EQ 'hanat:vpc-id').Value | Should -Be $vpc.VpcId
        }

        It 'warns about nothing for an ordinary build' {
            $buildWarnings | Should -BeNullOrEmpty
        }

        It 'refuses the same name again before any write, and the name keeps one VPC' {
            Start-MotoRecording
            $err = Get-ErrorOf { New-HaNatVpc -Name prod -CidrBlock '10.30' @aws }
            $again = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be 'NameInUse,HaNat.Commands.NewHaNatVpcCommand'
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match ([regex]::Escape($vpc.VpcId))
            @($again | Where-Object IsWrite) | Should -BeNullOrEmpty
            (Get-HaNatFootprint prod).Vpc | Should -Be 1
        }
    }

    Context '-WhatIf' {
        It 'writes nothing and returns nothing' {
            Start-MotoRecording
            $output = New-HaNatVpc -Name plan -CidrBlock '10.40.0.0/16' -WhatIf @aws
            $recorded = @(Get-MotoAction)

            $output | Should -BeNullOrEmpty
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($recorded).Count | Should -BeGreaterThan 0
            (Get-HaNatFootprint plan).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        }

        It 'prints the plan: one line per write, the VPC first and the group last' {
            # -WhatIf writes to the host, not to a stream; a transcript records what the host shows.
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "hanat-whatif-$([guid]::NewGuid().ToString('N')).txt"
            Start-Transcript -LiteralPath $transcript | Out-Null
            # Without alarms, whose lines come after the group's (Alarms.Tests.ps1 has them).
            try { New-HaNatVpc -Name plan -CidrBlock '10.40' -ZoneCount 2 -NoAlarms -WhatIf @aws | Out-Null }
            finally { Stop-Transcript | Out-Null }
            $lines = @(Get-Content -LiteralPath $transcript | Where-Object { $_ -match '^What if:' })
            Remove-Item -LiteralPath $transcript

            # VPC, DNS, gateway, attach, public table, route; 5 per zone; group, ingress; 2 addresses; role, policy,
            # profile, add role; parameter; template; Auto Scaling group.
            $lines.Count | Should -Be (6 + 2 * 5 + 2 + 2 + 4 + 1 + 1 + 1)
            $lines[0] | Should -Match '"Create VPC" on target "plan-vpc \(10\.40\.0\.0/16\)"'
            $lines[-1] | Should -Match '"Create Auto Scaling group" on target "plan-nat-asg'
            ($lines -join "`n") | Should -Match 'plan-private-us-east-1b \(10\.40\.144\.0/20, us-east-1b, network=private\)'
            (Get-HaNatFootprint plan).Vpc | Should -Be 0
        }
    }

    Context 'SSH and key pairs' {
        BeforeAll {
            New-TestKeyPair 'ops'
        }

        It 'allows SSH only from -SshCidr, with the key pair in the launch template' {
            $vpc = New-HaNatVpc -Name ssh -CidrBlock '10.50' -AvailabilityZone 'us-east-1b' -KeyName ops -SshCidr '203.0.113.0/24' @aws

            $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ GroupIds = [System.Collections.Generic.List[string]]@($vpc.SecurityGroupId) })).SecurityGroups[0]
            $ssh = @($group.IpPermissions | Where-Object IpProtocol -EQ 'tcp')
            $ssh.Count | Should -Be 1
            $ssh[0].FromPort | Should -Be 22
            $ssh[0].ToPort | Should -Be 22
            $ssh[0].Ipv4Ranges.CidrIp | Should -Be '203.0.113.0/24'
            $data = (Invoke-Ec2 DescribeLaunchTemplateVersions ([Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $vpc.LaunchTemplateId })).LaunchTemplateVersions[0].LaunchTemplateData
            $data.KeyName | Should -Be 'ops'
            $vpc.AvailabilityZones | Should -Be @('us-east-1b')
        }

        It 'installs a key pair without -SshCidr but opens no SSH, and says so' {
            $vpc = New-HaNatVpc -Name keyonly -CidrBlock '10.51' -ZoneCount 1 -KeyName ops @aws -WarningVariable warned -WarningAction SilentlyContinue

            ($warned -join ' ') | Should -Match 'no SSH rule'
            $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ GroupIds = [System.Collections.Generic.List[string]]@($vpc.SecurityGroupId) })).SecurityGroups[0]
            @($group.IpPermissions | Where-Object IpProtocol -EQ 'tcp') | Should -BeNullOrEmpty
            $vpc.AvailabilityZones | Should -Be @('us-east-1a')
        }
    }

    Context 'bad input writes nothing' {
        BeforeAll {
            New-HaNatVpc -Name taken -CidrBlock '10.60' -ZoneCount 1 @aws | Out-Null
            # A role left over from a HaNat VPC named 'leftover' whose removal did not finish.
            Invoke-MotoQuery iam CreateRole @{ RoleName = 'leftover-nat-us-east-1'; Path = '/hanat/'; AssumeRolePolicyDocument = '{}' } | Out-Null
        }

        It 'refuses <Case> with <ErrorId> (<Category>), says what to do, and <Reads>' -ForEach @(
            @{ Case = "the octets '10.300'"; Arguments = @{ Name = 'bad'; CidrBlock = '10.300' }; ErrorId = 'InvalidCidr'; Category = 'InvalidArgument'; Advice = '0 to 255'; Reads = 'calls nothing' }
            @{ Case = "one octet '10'"; Arguments = @{ Name = 'bad'; CidrBlock = '10' }; ErrorId = 'InvalidCidr'; Category = 'InvalidArgument'; Advice = 'two octets'; Reads = 'calls nothing' }
            @{ Case = 'a CIDR with host bits'; Arguments = @{ Name = 'bad'; CidrBlock = '10.20.1.0/16' }; ErrorId = 'InvalidCidr'; Category = 'InvalidArgument'; Advice = '10\.20\.0\.0/16'; Reads = 'calls nothing' }
            @{ Case = 'a name no resource can carry'; Arguments = @{ Name = 'bad name'; CidrBlock = '10.20' }; ErrorId = 'InvalidName'; Category = 'InvalidArgument'; Advice = 'letters, digits and hyphens'; Reads = 'calls nothing' }
            @{ Case = 'an unknown zone'; Arguments = @{ Name = 'bad'; CidrBlock = '10.20'; AvailabilityZone = 'us-east-1a', 'us-west-2a' }; ErrorId = 'UnknownAvailabilityZone'; Category = 'ObjectNotFound'; Advice = 'us-east-1b'; Reads = 'only reads' }
            @{ Case = 'an unknown AMI'; Arguments = @{ Name = 'bad'; CidrBlock = '10.20'; ImageId = 'ami-0123456789abcdef0' }; ErrorId = 'ImageNotFound'; Category = 'ObjectNotFound'; Advice = 'Get-HaNatImage'; Reads = 'only reads' }
            @{ Case = 'an unknown key pair'; Arguments = @{ Name = 'bad'; CidrBlock = '10.20'; KeyName = 'nobody' }; ErrorId = 'KeyPairNotFound'; Category = 'ObjectNotFound'; Advice = 'leave -KeyName out'; Reads = 'only reads' }
            @{ Case = 'a name in use'; Arguments = @{ Name = 'taken'; CidrBlock = '10.20' }; ErrorId = 'NameInUse'; Category = 'ResourceExists'; Advice = 'Get-HaNatVpc -Name taken'; Reads = 'only reads' }
            @{ Case = 'a name in use in another case'; Arguments = @{ Name = 'TAKEN'; CidrBlock = '10.20' }; ErrorId = 'NameInUse'; Category = 'ResourceExists'; Advice = "named 'taken'.*IAM role names ignore case"; Reads = 'only reads' }
            @{ Case = 'a /8 written from inside it'; Arguments = @{ Name = 'bad'; CidrBlock = '10.20.0.0/8' }; ErrorId = 'CidrTooLarge'; Category = 'InvalidArgument'; Advice = 'for example 10\.20\.0\.0/16\.'; Reads = 'calls nothing' }
            @{ Case = 'a name whose role is left over'; Arguments = @{ Name = 'leftover'; CidrBlock = '10.20' }; ErrorId = 'NameInUse'; Category = 'ResourceExists'; Advice = 'Remove-HaNatVpc -Name leftover'; Reads = 'only reads' }
        ) {
            Start-MotoRecording
            $err = Get-ErrorOf { New-HaNatVpc @Arguments @aws }
            $recorded = @(Get-MotoAction)

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.NewHaNatVpcCommand"
            $err.CategoryInfo.Category | Should -Be $Category
            $err.Exception.Message | Should -Match $Advice
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            if ($Reads -eq 'calls nothing') { $recorded | Should -BeNullOrEmpty }
        }

        It 'refuses an instance type of another architecture than the image (t3.nano for arm64) before any write' {
            Start-MotoRecording
            $err = Get-ErrorOf { New-HaNatVpc -Name bad -CidrBlock '10.20' -ImageId $imageId -InstanceType t3.nano @aws -WarningAction SilentlyContinue }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be 'InstanceTypeArchitectureMismatch,HaNat.Commands.NewHaNatVpcCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match 't3\.nano'
            $err.Exception.Message | Should -Match 't4g\.nano'
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($recorded).Count | Should -BeGreaterThan 0
        }

        It 'left nothing of any refused VPC behind' {
            (Get-HaNatFootprint bad).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
            (Get-HaNatFootprint leftover).Vpc | Should -Be 0
        }
    }
}

Describe 'Get-HaNatVpc' {
    BeforeAll {
        # Its own moto: the listing must see these VPCs and no other.
        Reset-Moto
        New-TestHaNatImage | Out-Null
        $built = @(
            New-HaNatVpc -Name beta -CidrBlock '10.71' -ZoneCount 2 @aws
            New-HaNatVpc -Name alpha -CidrBlock '10.70' -ZoneCount 1 @aws
        )
        # A VPC HaNat did not build, even one tagged hanat:managed for the takeover, is not a HaNat VPC.
        Invoke-Ec2 CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{ CidrBlock = '10.99.0.0/16'; TagSpecifications = (New-Ec2Tags 'vpc' @{ 'hanat:managed' = 'true' }) }) | Out-Null
    }

    It 'lists every HaNat VPC, by name, and nothing else' {
        $all = @(Get-HaNatVpc @aws)

        $all.Name | Should -Be @('alpha', 'beta')
        $all | ForEach-Object { $_ | Should -BeOfType ([HaNat.Model.HaNatVpc]) }
    }

    It 'finds one by name, with the ids New-HaNatVpc returned' {
        $expected = $built | Where-Object Name -EQ 'beta'
        $found = Get-HaNatVpc -Name beta @aws

        $found.VpcId | Should -Be $expected.VpcId
        $found.CidrBlock | Should -Be $expected.CidrBlock
        $found.AvailabilityZones | Should -Be $expected.AvailabilityZones
        foreach ($property in 'PublicSubnetId', 'PrivateSubnetId', 'PrivateRouteTableId', 'ElasticIpAllocationId', 'PublicIp') {
            $found.Zones.$property | Should -Be $expected.Zones.$property -Because $property
        }
        foreach ($property in 'InternetGatewayId', 'PublicRouteTableId', 'SecurityGroupId', 'AutoScalingGroupName', 'LaunchTemplateId', 'LaunchTemplateName', 'RoleName', 'InstanceProfileName', 'HeartbeatKeyParameterName') {
            $found.$property | Should -Be $expected.$property -Because $property
        }
        $found.IsComplete | Should -BeTrue
    }

    It 'reads all VPCs in one batch: the same calls for two VPCs as for one' {
        Start-MotoRecording
        Get-HaNatVpc @aws | Out-Null
        $all = @(Get-MotoAction)
        Start-MotoRecording
        Get-HaNatVpc -Name alpha @aws | Out-Null
        $one = @(Get-MotoAction)

        $all.Count | Should -Be $one.Count
        # Two DescribeVpcs at once: the VPCs HaNat built and those Add-HaNatVpc serves (EC2 cannot OR two tag filters).
        ($all.Action | Sort-Object) | Should -Be @('DescribeAddresses', 'DescribeAutoScalingGroups', 'DescribeInternetGateways', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs', 'DescribeVpcs', 'GetParameters')
    }

    It 'matches -Name as a wildcard pattern, whole: complete VPCs, as Get-Process -Name does' {
        $found = @(Get-HaNatVpc -Name 'b*' @aws)

        $found.Name | Should -Be @('beta')
        $found[0].IsComplete | Should -BeTrue
        $found[0].AutoScalingGroupName | Should -Be 'beta-nat-asg'
        @(Get-HaNatVpc -Name '*a' @aws).Name | Should -Be @('alpha', 'beta')
        @(Get-HaNatVpc -Name '?lpha' @aws).Name | Should -Be @('alpha')
    }

    It 'matches without regard to case, and says nothing for a pattern that matches nothing' {
        (Get-HaNatVpc -Name 'BETA' @aws).VpcId | Should -Be ($built | Where-Object Name -EQ 'beta').VpcId
        Get-HaNatVpc -Name 'zz*' @aws -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -BeNullOrEmpty
    }

    It 'reports an unknown name as HaNatVpcNotFound' {
        $err = Get-ErrorOf { Get-HaNatVpc -Name gamma @aws -ErrorAction Stop }

        $err.FullyQualifiedErrorId | Should -Be 'HaNatVpcNotFound,HaNat.Commands.GetHaNatVpcCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'binds VpcId by property name into Test-HaNatRouting' {
        $audits = @(Get-HaNatVpc -Name beta @aws | Test-HaNatRouting @aws)

        # No NAT has taken its zone over (moto runs no user data), so each private subnet has no way out yet.
        $audits.SubnetId | Sort-Object | Should -Be (($built | Where-Object Name -EQ 'beta').Zones.PrivateSubnetId | Sort-Object)
        $audits.Status | Sort-Object -Unique | Should -Be 'NoRoute'
    }

    It 'says what is missing from a HaNat VPC whose group is gone' {
        Invoke-MotoQuery autoscaling DeleteAutoScalingGroup @{ AutoScalingGroupName = 'alpha-nat-asg'; ForceDelete = 'true' } | Out-Null

        $alpha = Get-HaNatVpc -Name alpha @aws

        $alpha.IsComplete | Should -BeFalse
        $alpha.Missing | Should -Be @('auto-scaling-group')
        $alpha.AutoScalingGroupName | Should -BeNullOrEmpty
    }
}
