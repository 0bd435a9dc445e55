# The stack Export-HaNatTemplate writes, deployed into moto's CloudFormation, is a HaNat VPC like New-HaNatVpc's:
# Get-HaNatVpc calls it complete once its heartbeat key exists (made with the README's one-liner), its parts carry
# New-HaNatVpc's tags, its NATs get New-HaNatVpc's policy, and its zones are taken over and failed over alike.
# tests/tools/cfn_deploy.py deploys the template with boto3 and fills in moto's gaps (Fn::Cidr, ports of an
# all-protocols ingress rule, an EBS size, the tags moto drops, subnet associations), each said there; the
# template itself is deployed as exported.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $deployer = Join-Path $PSScriptRoot '../tools/cfn_deploy.py'

    function Deploy-Template([string] $Path, [string] $StackName, [hashtable] $Parameters) {
        $arguments = @($deployer, '--endpoint', (Get-TestEndpoint), '--template', $Path, '--stack-name', $StackName)
        foreach ($key in $Parameters.Keys) { $arguments += '--parameter', "$key=$($Parameters[$key])" }
        $output = & python3 @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "cfn_deploy.py failed: $output" }
        ($output | Where-Object { $_ -is [string] }) -join "`n" | ConvertFrom-Json
    }

    # The README's one-liner, as a user runs it in a shell, pointed at moto.
    function New-HeartbeatKeyAsReadmeSays([string] $Name) {
        $line = (Get-Content -Raw "$PSScriptRoot/../../README.md" | Select-String -Pattern '(?m)^aws ssm put-parameter --name /hanat/prod/heartbeat-key .*$').Matches[0].Value
        $line | Should -Not -BeNullOrEmpty -Because 'the README gives the one-liner that makes the key'
        $command = $line.Replace('/hanat/prod/', "/hanat/$Name/").Replace('Value=prod', "Value=$Name")
        $env:AWS_ENDPOINT_URL = Get-TestEndpoint
        try { & bash -c $command | Out-Null } finally { Remove-Item Env:AWS_ENDPOINT_URL }
        if ($LASTEXITCODE -ne 0) { throw "the README's one-liner failed: $command" }
    }

    function Get-GroupInstanceIds([string] $GroupName) {
        $group = (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = $GroupName }).Xml
        @($group.GetElementsByTagName('InstanceId') | ForEach-Object InnerText | Sort-Object)
    }

    # Each tag of a part as "component|key=value", the VPC's name and id replaced, AWS's own (aws:*) left out.
    function Get-PartTags($Vpc) {
        $ids = @($Vpc.VpcId, $Vpc.InternetGatewayId, $Vpc.PublicRouteTableId, $Vpc.SecurityGroupId, $Vpc.LaunchTemplateId) +
            @($Vpc.Zones | ForEach-Object { $_.PublicSubnetId, $_.PrivateSubnetId, $_.PrivateRouteTableId, $_.ElasticIpAllocationId }) +
            @(Get-GroupInstanceIds $Vpc.AutoScalingGroupName)
        $request = [Amazon.EC2.Model.DescribeTagsRequest]@{ Filters = (New-Ec2Filter @{ 'resource-id' = [string[]]$ids }); MaxResults = 1000 }
        $tags = (Invoke-Ec2 DescribeTags $request).Tags | Where-Object { $_.Key -notlike 'aws:*' }
        $components = @{}
        foreach ($tag in $tags | Where-Object Key -EQ 'hanat:component') { $components[$tag.ResourceId] = "$($tag.ResourceType)/$($tag.Value)" }
        $other = @(
            # The group's tags, and whether each goes on to its instances.
            (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = $Vpc.AutoScalingGroupName }).Xml.GetElementsByTagName('Tags')[0].ChildNodes |
                ForEach-Object { [pscustomobject]@{ ResourceId = 'group'; Key = $_.Key; Value = "$($_.Value) propagate=$($_.PropagateAtLaunch)" } }
            (Invoke-MotoQuery iam GetRole @{ RoleName = $Vpc.RoleName }).Xml.GetElementsByTagName('Tags')[0].ChildNodes |
                ForEach-Object { [pscustomobject]@{ ResourceId = 'role'; Key = $_.Key; Value = $_.Value } })
        $components['group'] = 'auto-scaling-group'
        $components['role'] = 'iam-role'
        foreach ($tag in @($tags) + $other) {
            $value = $tag.Value.Replace($Vpc.VpcId, '<vpc-id>') -replace "^$([regex]::Escape($Vpc.Name))(?=-|$| )", '<name>'
            "$($components[$tag.ResourceId])|$($tag.Key)=$value"
        }
    }

    function Get-RolePolicy([string] $RoleName) {
        $policy = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = $RoleName; PolicyName = 'hanat-nat-instance' }).Xml
        [uri]::UnescapeDataString($policy.GetElementsByTagName('PolicyDocument')[0].InnerText) | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress
    }

    # Each NAT takes its own zone over, as at boot; then zone 2's NAT fails and zone 1's NAT takes zone 2 over, as
    # the monitor does. moto starts every instance of a group in its first subnet, so each NAT is told its zone.
    function Invoke-BootAndFailover($Vpc) {
        $nats = Get-GroupInstanceIds $Vpc.AutoScalingGroupName
        for ($i = 0; $i -lt $Vpc.Zones.Count; $i++) {
            Invoke-HaNatTakeover -InstanceId $nats[$i] -AvailabilityZone $Vpc.Zones[$i].AvailabilityZone @aws | Out-Null
        }
        $booted = @(Test-HaNatRouting -VpcId $Vpc.VpcId @aws)
        Invoke-HaNatTakeover -InstanceId $nats[0] -AvailabilityZone $Vpc.Zones[1].AvailabilityZone @aws | Out-Null
        $failedOver = @(Test-HaNatRouting -VpcId $Vpc.VpcId @aws)
        [pscustomobject]@{
            Nats       = $nats
            Healthy    = @($booted + $failedOver | ForEach-Object Healthy)
            Booted     = @($booted | Sort-Object AvailabilityZone | ForEach-Object { "$($_.AvailabilityZone) $($_.Status) $([array]::IndexOf($nats, $_.Target))" })
            FailedOver = @($failedOver | Sort-Object AvailabilityZone | ForEach-Object { "$($_.AvailabilityZone) $($_.Status) $([array]::IndexOf($nats, $_.Target))" })
        }
    }

    Reset-Moto
    $image = New-TestHaNatImage
    # The ordinary IaC case: a template without defaults for the name and the range, given at deploy time.
    $templatePath = Join-Path $TestDrive 'hanat.json'
    Export-HaNatTemplate -ZoneCount 2 -Path $templatePath
    $stack = Deploy-Template $templatePath 'hanat-edge' @{ Name = 'edge'; VpcOctets = '10.40'; ImageId = $image }
    $built = New-HaNatVpc -Name built -CidrBlock 10.50 -ZoneCount 2 -ImageId $image @aws -WarningAction SilentlyContinue
}

Describe 'A stack from Export-HaNatTemplate' {
    It 'is created in moto, with the VPC and the range the parameters gave' {
        $stack.StackStatus | Should -Be 'CREATE_COMPLETE'
        $stack.Outputs.VpcCidr | Should -Be '10.40.0.0/16'
        $stack.Outputs.HeartbeatKeyParameterName | Should -Be '/hanat/edge/heartbeat-key'
    }

    It 'is a HaNat VPC that lacks only its heartbeat key until the key is made' {
        $vpc = Get-HaNatVpc -Name edge @aws

        $vpc.VpcId | Should -Be $stack.Outputs.VpcId
        $vpc.IsComplete | Should -BeFalse
        $vpc.Missing | Should -Be @('heartbeat-key')
        $vpc.HeartbeatKeyParameterName | Should -Be $stack.Outputs.HeartbeatKeyParameterName
    }

    It 'is complete once the README''s one-liner made the key, with the stack''s parts as its parts' {
        New-HeartbeatKeyAsReadmeSays 'edge'

        $vpc = Get-HaNatVpc -Name edge @aws

        $vpc.IsComplete | Should -BeTrue
        $vpc.Missing | Should -BeNullOrEmpty
        $vpc.CidrBlock | Should -Be '10.40.0.0/16'
        $vpc.AvailabilityZones | Should -Be @('us-east-1a', 'us-east-1b')
        $vpc.Zones.PublicSubnetId | Should -Be @($stack.Outputs.PublicSubnet1, $stack.Outputs.PublicSubnet2)
        $vpc.Zones.PrivateSubnetId | Should -Be @($stack.Outputs.PrivateSubnet1, $stack.Outputs.PrivateSubnet2)
        $vpc.Zones.PublicIp | Should -Be @($stack.Outputs.ElasticIp1, $stack.Outputs.ElasticIp2)
        $vpc.AutoScalingGroupName | Should -Be $stack.Outputs.AutoScalingGroupName
        $vpc.RoleName | Should -Be $stack.Outputs.NatRoleName
        $vpc.LaunchTemplateId | Should -Be $stack.Resources.NatLaunchTemplate
    }

    It 'carves the range the stack was given, not the one the template was planned with' {
        $vpc = Get-HaNatVpc -Name edge @aws
        $subnets = (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ SubnetIds = [string[]]($vpc.Zones.PublicSubnetId + $vpc.Zones.PrivateSubnetId) })).Subnets
        $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ GroupIds = [string[]]@($vpc.SecurityGroupId) })).SecurityGroups[0]

        ($subnets | Sort-Object { [version]($_.CidrBlock -replace '/.*') }).CidrBlock | Should -Be @('10.40.0.0/20', '10.40.16.0/20', '10.40.128.0/20', '10.40.144.0/20')
        # Everything in from the private half of the VPC, as New-HaNatVpc allows it.
        @($group.IpPermissions | Where-Object IpProtocol -EQ '-1').Ipv4Ranges.CidrIp | Should -Be '10.40.128.0/17'
    }

    It 'makes a key the NATs can use: a SecureString of base64 of 32 random bytes, tagged as HaNat''s' {
        $parameter = (Invoke-Ssm GetParameter ([Amazon.SimpleSystemsManagement.Model.GetParameterRequest]@{ Name = '/hanat/edge/heartbeat-key'; WithDecryption = $true })).Parameter

        $parameter.Type.Value | Should -Be 'SecureString'
        [Convert]::FromBase64String($parameter.Value).Length | Should -Be 32
        $tags = (Invoke-Ssm ListTagsForResource ([Amazon.SimpleSystemsManagement.Model.ListTagsForResourceRequest]@{ ResourceType = 'Parameter'; ResourceId = '/hanat/edge/heartbeat-key' })).TagList
        ($tags | Where-Object Key -EQ 'hanat:vpc-name').Value | Should -Be 'edge'
        ($tags | Where-Object Key -EQ 'hanat:managed').Value | Should -Be 'true'
    }

    It 'tags every part as New-HaNatVpc tags it' {
        $stackTags = @(Get-PartTags (Get-HaNatVpc -Name edge @aws) | Sort-Object -Unique)
        $builtTags = @(Get-PartTags (Get-HaNatVpc -Name built @aws) | Sort-Object -Unique)

        $builtTags | Should -Contain 'subnet/private-subnet|network=private' -Because 'the comparison must see the parts'
        $builtTags | Should -Contain 'instance/nat-instance|hanat:vpc-id=<vpc-id>'
        $builtTags | Should -Contain 'auto-scaling-group|hanat:vpc-name=<name> propagate=true'
        $builtTags | Should -Contain 'iam-role|hanat:vpc-id=<vpc-id>'
        Compare-Object $builtTags $stackTags | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
    }

    It 'gives its NATs New-HaNatVpc''s role and policy' {
        $stackPolicy = Get-RolePolicy 'edge-nat-us-east-1'
        $stackRole = (Invoke-MotoQuery iam GetRole @{ RoleName = 'edge-nat-us-east-1' }).Xml
        $builtRole = (Invoke-MotoQuery iam GetRole @{ RoleName = 'built-nat-us-east-1' }).Xml

        $stackRole.GetElementsByTagName('Description')[0].InnerText | Should -Be 'HaNat NAT instances of VPC edge in us-east-1'
        $builtRole.GetElementsByTagName('Description')[0].InnerText | Should -Be 'HaNat NAT instances of VPC built in us-east-1'
        $stackRole.GetElementsByTagName('Path')[0].InnerText | Should -Be $builtRole.GetElementsByTagName('Path')[0].InnerText

        $stackPolicy | Should -Match 'parameter/hanat/\*' -Because 'the NATs read the key under /hanat/'
        $stackPolicy | Should -Be (Get-RolePolicy 'built-nat-us-east-1')
    }

    It 'launches its NATs as New-HaNatVpc does: the same user data, metadata options, root volume and interface' {
        function Get-LaunchData($Vpc) {
            $request = [Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $Vpc.LaunchTemplateId; Versions = [System.Collections.Generic.List[string]]@('$Latest') }
            $data = (Invoke-Ec2 DescribeLaunchTemplateVersions $request).LaunchTemplateVersions[0].LaunchTemplateData
            $userData = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($data.UserData))
            $root = $data.BlockDeviceMappings[0]
            $interface = $data.NetworkInterfaces[0]
            [ordered]@{
                UserData  = $userData.Replace($Vpc.VpcId, '<vpc-id>').Replace($Vpc.CidrBlock, '<cidr>').Replace(" VPC $($Vpc.Name) ", ' VPC <name> ')
                Metadata  = "$($data.MetadataOptions.HttpTokens) $($data.MetadataOptions.HttpPutResponseHopLimit) $($data.MetadataOptions.HttpEndpoint)"
                # The size is left out: the stack's is the one cfn_deploy.py filled in for moto.
                # New-HaNatVpc reads the root device from the image (moto's stand-in image says /dev/sda1); the
                # template, which cannot read the image, names that of HaNat's image (/dev/xvda): compared apart.
                Root      = "$($root.Ebs.VolumeType) encrypted=$($root.Ebs.Encrypted) delete=$($root.Ebs.DeleteOnTermination)"
                Interface = "public=$($interface.AssociatePublicIpAddress) groups=$(@($interface.Groups).Count) own=$(@($interface.Groups) -contains $Vpc.SecurityGroupId) delete=$($interface.DeleteOnTermination)"
                Profile   = $data.IamInstanceProfile.Arn -replace '.*/', '' -replace "^$([regex]::Escape($Vpc.Name))-", '<name>-'
                # moto's CreateLaunchTemplate copies the request's own launch-template tags into the data, where AWS
                # keeps only what is tagged at launch: that one is left out.
                Tagged    = (@($data.TagSpecifications.ResourceType.Value) | Where-Object { $_ -ne 'launch-template' } | Sort-Object) -join ' '
            } | ConvertTo-Json -Compress
        }

        $stackData = Get-LaunchData (Get-HaNatVpc -Name edge @aws)
        $stackDevice = (Invoke-Ec2 DescribeLaunchTemplateVersions ([Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $stack.Resources.NatLaunchTemplate })).LaunchTemplateVersions[0].LaunchTemplateData.BlockDeviceMappings[0].DeviceName
        $builtData = Get-LaunchData (Get-HaNatVpc -Name built @aws)

        $stackData | Should -Match 'Invoke-HaNatTakeover -VpcId ''<vpc-id>''' -Because 'the NATs take their zone over at boot'
        $stackData | Should -Match 'required 1 enabled'
        $stackData | Should -Match '"Tagged":"instance network-interface volume"'
        $stackData | Should -Be $builtData
        $stackDevice | Should -Be '/dev/xvda' -Because 'HaNat''s Packer image has its root there (packer/hanat-nat.pkr.hcl)'
    }

    It 'has its zones taken over and failed over as New-HaNatVpc''s are' {
        $stackRun = Invoke-BootAndFailover (Get-HaNatVpc -Name edge @aws)
        $builtRun = Invoke-BootAndFailover (Get-HaNatVpc -Name built @aws)

        # Zone b's NAT is in zone a (moto's first subnet), so zone b is served across zones at boot too: healthy.
        $stackRun.Booted | Should -Be @('us-east-1a Healthy 0', 'us-east-1b CrossZone 1')
        $stackRun.FailedOver | Should -Be @('us-east-1a Healthy 0', 'us-east-1b CrossZone 0')
        $stackRun.Booted | Should -Be $builtRun.Booted
        $stackRun.FailedOver | Should -Be $builtRun.FailedOver
        $stackRun.Healthy | Should -Not -Contain $false
        Test-HaNatRouting -VpcId $stack.Outputs.VpcId -Quiet @aws | Should -BeTrue
    }

    It 'is not removed by Remove-HaNatVpc, which names the stack to delete instead, and writes nothing' {
        Start-MotoRecording
        $err = $null
        try { Remove-HaNatVpc -Name edge -Confirm:$false @aws } catch { $err = $_ }
        $writes = @(Get-MotoRecording | Get-WriteAction)

        $err.FullyQualifiedErrorId | Should -Be 'VpcManagedByStack,HaNat.Commands.RemoveHaNatVpcCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'hanat-edge' -Because 'the message names the stack to delete'
        $writes | Should -BeNullOrEmpty
        (Get-HaNatVpc -Name edge @aws).VpcId | Should -Be $stack.Outputs.VpcId
    }
}

Describe 'A stack from Export-HaNatTemplate -Spot' {
    It 'is a HaNat VPC on spot, its group with the mixed instances policy New-HaNatVpc -Spot gives' {
        $spotPath = Join-Path $TestDrive 'hanat-spot.json'
        Export-HaNatTemplate -ZoneCount 2 -Spot -Path $spotPath
        $spotStack = Deploy-Template $spotPath 'hanat-spot' @{ Name = 'spotty'; VpcOctets = '10.60'; ImageId = $image }

        $spotStack.StackStatus | Should -Be 'CREATE_COMPLETE'
        $vpc = Get-HaNatVpc -Name spotty @aws
        $vpc.IsSpot | Should -BeTrue
        $vpc.LaunchTemplateId | Should -Be $spotStack.Resources.NatLaunchTemplate
        $group = (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = $vpc.AutoScalingGroupName }).Xml.GetElementsByTagName('member')[0]
        # The InstanceType parameter kept its default, the type the peers were chosen for: the peers are there.
        @($group.MixedInstancesPolicy.LaunchTemplate.Overrides.member.InstanceType) | Should -Be @('t4g.nano', 't4g.micro', 't4g.small')
        $group.MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity | Should -Be '1'
        $group.MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy | Should -Be 'price-capacity-optimized'
    }
}
