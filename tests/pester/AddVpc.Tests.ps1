# Add-HaNatVpc as users call it, against moto, on a VPC built the way Terraform's common VPC module builds one
# (tests/tools/vpc_fixture.py terraform): the plan and -WhatIf (nothing written: the recorder), what it tags and
# records, the NAT deployment it makes, every refusal (nothing written), a late failure rolled back to the VPC exactly
# as it was (Get-VpcState before and after), a second run that writes nothing, and a subnet on a main table that
# routes to a NAT gateway.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-Tags($State, [string] $Kind, [string] $Id) { $State[$Kind][$Id].Tags }

    # One moto for the whole file (a reset costs seconds): every context builds a VPC and a name of its own.
    Reset-Moto
    $imageId = New-TestHaNatImage -Architecture arm64
}

Describe 'Add-HaNatVpc' {
    Context 'the plan, with -WhatIf' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name plan -CrossZoneTable -TransitTable -VpnTable -BlackholeTable -NatInstanceTable
            $zoneOf = @{ $tf.crossZone.routeTableId = 'us-east-1b' }
            Start-MotoRecording
            # Without alarms, whose lines come after the group's (Alarms.Tests.ps1 has them).
            $lines = Get-WhatIfLines { Add-HaNatVpc -VpcId $tf.vpcId -Name plan -RouteTableZone $zoneOf -NoAlarms -WhatIf @aws }
            $recorded = @(Get-MotoAction)
            $text = $lines -join "`n"
        }

        It 'writes nothing' {
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($recorded).Count | Should -BeGreaterThan 0
            (Get-HaNatFootprint plan).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        }

        It 'says, per zone, each private table''s default route now and after, and what removal puts back' {
            foreach ($zone in 'us-east-1a', 'us-east-1b', 'us-east-1c') {
                $gateway = $tf.zones.$zone.natGatewayId
                foreach ($tier in 'app', 'worker') {
                    $table = $tf.zones.$zone.privateRouteTables.$tier.routeTableId
                    $text | Should -Match ([regex]::Escape("`"$table ($zone; 0.0.0.0/0 to $gateway now, to $zone's NAT once it has checked itself; back to $gateway on removal)`""))
                }
            }
        }

        It 'serves a table of two zones from the zone chosen, a NAT instance''s table, and a blackhole''s (put back as no route)' {
            $text | Should -Match ([regex]::Escape("`"$($tf.crossZone.routeTableId) (us-east-1b; 0.0.0.0/0 to $($tf.crossZone.natGatewayId) now"))
            $text | Should -Match ([regex]::Escape("`"$($tf.natInstance.routeTableId) (us-east-1a; 0.0.0.0/0 to $($tf.natInstance.instanceId) now"))
            # moto keeps a route to a deleted NAT gateway active where AWS shows a blackhole, so the plan reads it as
            # still working and records the gateway; the blackhole case itself is the planner's xunit test.
            $text | Should -Match ([regex]::Escape("`"$($tf.blackhole.routeTableId) ("))
        }

        It 'leaves the database tier, the transit and VPN tables, and the subnet on the main table, each with why' {
            $text | Should -Match ([regex]::Escape("`"Leave as it is: no default route: isolated")) 
            $text | Should -Match ("route table $($tf.databaseRouteTableId) ")
            $text | Should -Match ("Leave as it is: sends 0.0.0.0/0 to transit gateway $($tf.transit.transitGatewayId).* on target `"route table $($tf.transit.routeTableId)")
            $text | Should -Match ("Leave as it is: sends 0.0.0.0/0 to virtual private gateway $($tf.vpn.vpnGatewayId).* on target `"route table $($tf.vpn.routeTableId)")
            $text | Should -Match ("route table $($tf.mainRouteTableId) \($($tf.mainTableSubnet.subnetId)\)")
        }

        It 'tags the VPC saying it stays, and ends with the NATs'' group across the three public subnets' {
            $lines[0] | Should -Match 'Leave as it is'
            $text | Should -Match ([regex]::Escape("`"Tag VPC`" on target `"$($tf.vpcId): hanat:served-by=plan (the VPC itself stays as it is)`""))
            $publics = ('us-east-1a', 'us-east-1b', 'us-east-1c' | ForEach-Object { $tf.zones.$_.publicSubnetId }) -join ', '
            $lines[-1] | Should -Match ([regex]::Escape("`"Create Auto Scaling group`" on target `"plan-nat-asg (min = max = desired = 3, across $publics)`""))
        }
    }

    Context 'a Terraform VPC with a NAT gateway per zone' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name tf
            $before = Get-VpcState $tf.vpcId
            Start-MotoRecording
            $added = Add-HaNatVpc -VpcId $tf.vpcId -Name tf -Confirm:$false @aws
            $writes = @(Get-MotoAction | Where-Object IsWrite | ForEach-Object Action)
            $after = Get-VpcState $tf.vpcId
            $changes = @(Compare-VpcState $before $after)
        }

        It 'returns the deployment: added, three zones, each with its public subnet, Elastic IP and served tables' {
            $added | Should -BeOfType ([HaNat.Model.HaNatVpc])
            $added.IsAdded | Should -BeTrue
            $added.VpcId | Should -Be $tf.vpcId
            $added.AvailabilityZones | Should -Be @('us-east-1a', 'us-east-1b', 'us-east-1c')
            foreach ($zone in $added.Zones) {
                $made = $tf.zones.($zone.AvailabilityZone)
                $zone.PublicSubnetId | Should -Be $made.publicSubnetId
                $zone.ElasticIpAllocationId | Should -Match '^eipalloc-'
                @($zone.ServedRouteTableIds | Sort-Object) | Should -Be @($made.privateRouteTables.app.routeTableId, $made.privateRouteTables.worker.routeTableId | Sort-Object)
            }
            $added.AutoScalingGroupName | Should -Be 'tf-nat-asg'
        }

        It 'changes no route and nothing of the user''s but HaNat''s tags: every other difference is what HaNat made' {
            # Routes stay until each zone's NAT has booted and checked itself (the takeover's make-before-break).
            @($changes | Where-Object { $_ -match '\.Routes\[' }) | Should -BeNullOrEmpty
            $userChanges = @($changes | Where-Object { $_ -match '^(RouteTables|Subnets|Vpc)' })
            @($userChanges | Where-Object { $_ -notmatch '\.Tags\[hanat:(served-by|zone|restore-default)\]: \(absent\) -> ' }) | Should -BeNullOrEmpty
            @($changes | Where-Object { $_ -match '^NatGateways' }) | Should -BeNullOrEmpty
            $writes | Should -Not -Contain 'CreateRoute'
            $writes | Should -Not -Contain 'ReplaceRoute'
            $writes | Should -Not -Contain 'DeleteNatGateway'
        }

        It 'records, on each served table, its zone and its NAT gateway; tags the served subnets and the VPC' {
            $after.Vpc.Tags['hanat:served-by'] | Should -Be 'tf'
            foreach ($zone in 'us-east-1a', 'us-east-1b', 'us-east-1c') {
                foreach ($tier in 'app', 'worker') {
                    $made = $tf.zones.$zone.privateRouteTables.$tier
                    $tags = Get-Tags $after RouteTables $made.routeTableId
                    $tags['hanat:served-by'] | Should -Be 'tf'
                    $tags['hanat:zone'] | Should -Be $zone
                    $tags['hanat:restore-default'] | Should -Be $tf.zones.$zone.natGatewayId
                    foreach ($subnet in $made.subnetIds) { (Get-Tags $after Subnets $subnet)['hanat:served-by'] | Should -Be 'tf' }
                }
                (Get-Tags $after Subnets $tf.zones.$zone.databaseSubnetId).Keys | Should -Not -Contain 'hanat:served-by'
                (Get-Tags $after Subnets $tf.zones.$zone.publicSubnetId).Keys | Should -Not -Contain 'hanat:served-by'
            }
            (Get-Tags $after RouteTables $tf.databaseRouteTableId).Keys | Should -Not -Contain 'hanat:served-by'
            (Get-Tags $after Subnets $tf.mainTableSubnet.subnetId).Keys | Should -Not -Contain 'hanat:served-by'
        }

        It 'makes the NAT deployment: NATs that carry the deployment''s tag, user data and role policy for the served tables only' {
            $footprint = Get-HaNatFootprint tf
            $footprint.SecurityGroup | Should -Be 1
            $footprint.ElasticIp | Should -Be 3
            $footprint.LaunchTemplate | Should -Be 1
            $footprint.AutoScalingGroup | Should -Be 1
            $footprint.Parameter | Should -Be 1
            $footprint.Instance | Should -Be 3
            $footprint.Vpc | Should -Be 0 -Because 'the VPC is the user''s: it carries hanat:served-by, never hanat:vpc-name'
            $footprint.Subnet | Should -Be 0
            $footprint.RouteTable | Should -Be 0

            $nats = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'tf' }) })).Reservations.Instances
            foreach ($nat in $nats) { ($nat.Tags | Where-Object Key -EQ 'hanat:served-by').Value | Should -Be 'tf' }

            $version = (Invoke-Ec2 DescribeLaunchTemplateVersions ([Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateName = 'tf-nat-lt' })).LaunchTemplateVersions[0]
            $userData = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($version.LaunchTemplateData.UserData))
            $userData | Should -Match "Invoke-HaNatTakeover -VpcId '$($tf.vpcId)' -PrivateSubnetTag 'hanat:served-by=tf'"

            $policy = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = 'tf-nat-us-east-1'; PolicyName = 'hanat-nat-instance' }).Xml.GetElementsByTagName('PolicyDocument')[0].InnerText
            $document = [uri]::UnescapeDataString($policy) | ConvertFrom-Json
            $routes = @($document.Statement | Where-Object { @($_.Action) -contains 'ec2:CreateRoute' })
            $routes.Count | Should -Be 1
            ($routes[0].Condition | ConvertTo-Json -Depth 5) | Should -Match '"aws:ResourceTag/hanat:served-by":\s*"tf"'
            @($document.Statement | Where-Object { @($_.Action) -contains 'ec2:CreateRouteTable' }) | Should -BeNullOrEmpty
        }

        It 'lets the security group in everything from both of the VPC''s blocks' {
            $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'tf' }) })).SecurityGroups[0]
            $all = @($group.IpPermissions | Where-Object IpProtocol -EQ '-1' | ForEach-Object { $_.Ipv4Ranges.CidrIp })
            @($all | Sort-Object) | Should -Be @('10.40.0.0/16', '10.41.0.0/16')
        }

        It 'is audited by Test-HaNatRouting on the subnets it serves, with no -PrivateSubnetTag' {
            # The fixture also tags its private subnets network=private, as many users do; the audit of an added VPC
            # follows the deployment's hanat:served-by instead, so the database tier is not in it.
            $audits = @(Test-HaNatRouting -VpcId $tf.vpcId @aws)
            $served = foreach ($zone in 'us-east-1a', 'us-east-1b', 'us-east-1c') { foreach ($tier in 'app', 'worker') { $tf.zones.$zone.privateRouteTables.$tier.subnetIds } }
            @($audits.SubnetId | Sort-Object) | Should -Be @($served | Sort-Object)
        }

        It 'writes nothing the second time, and says so' {
            Start-MotoRecording
            $again = Add-HaNatVpc -VpcId $tf.vpcId -Name tf -Confirm:$false -Verbose @aws 4>&1
            $writes = @(Get-MotoAction | Where-Object IsWrite)

            $writes | Should -BeNullOrEmpty
            ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Match 'already serves'
        }
    }

    Context 'a subnet on a main table that routes to a NAT gateway' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name main
            $gateway = $tf.zones.'us-east-1a'.natGatewayId
            Invoke-Ec2 CreateRoute ([Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $tf.mainRouteTableId; DestinationCidrBlock = '0.0.0.0/0'; NatGatewayId = $gateway }) | Out-Null
            Invoke-Ec2 CreateRoute ([Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $tf.mainRouteTableId; DestinationCidrBlock = $tf.peering.peerCidr; VpcPeeringConnectionId = $tf.peering.connectionId }) | Out-Null
            $before = Get-VpcState $tf.vpcId
            $added = Add-HaNatVpc -VpcId $tf.vpcId -Name main -Confirm:$false @aws
            $after = Get-VpcState $tf.vpcId
            $subnet = $tf.mainTableSubnet.subnetId
            $own = $after.RouteTables.Keys | Where-Object { $after.RouteTables[$_].Associations.Keys -contains $subnet }
        }

        It 'gives the subnet a table of its own, HaNat''s, with the main table''s routes and its NAT gateway until the NAT takes it' {
            $own | Should -Not -Be $tf.mainRouteTableId
            $table = $after.RouteTables[$own]
            $table.Tags['hanat:managed'] | Should -Be 'true'
            $table.Tags['hanat:served-by'] | Should -Be 'main'
            $table.Tags['hanat:zone'] | Should -Be $tf.mainTableSubnet.zone
            $table.Tags['hanat:restore-default'] | Should -Be $gateway
            $table.Routes['0.0.0.0/0'].Target | Should -Be "NatGatewayId=$gateway"
            $table.Routes[$tf.peering.peerCidr].Target | Should -Be "VpcPeeringConnectionId=$($tf.peering.connectionId)"
            ($added.Zones | Where-Object AvailabilityZone -EQ $tf.mainTableSubnet.zone).ServedRouteTableIds | Should -Contain $own
        }

        It 'leaves the main table exactly as it was' {
            ($after.RouteTables[$tf.mainRouteTableId] | ConvertTo-Json -Depth 10) | Should -Be ($before.RouteTables[$tf.mainRouteTableId] | ConvertTo-Json -Depth 10 | ForEach-Object { $_ }) -Because 'only the association moved, and that is the subnet''s'
        }
    }

    Context '-DeleteNatGateway, once a zone''s NAT has taken the zone' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name retire
            Add-HaNatVpc -VpcId $tf.vpcId -Name retire -Confirm:$false @aws | Out-Null
            # moto's Auto Scaling launches every NAT in the group's first subnet, so the zone's NAT is launched here as
            # the group would launch it in us-east-1a (tagged as the launch template tags it), then takes its zone as
            # its boot takeover would.
            $zoneA = $tf.zones.'us-east-1a'
            $request = [Amazon.EC2.Model.RunInstancesRequest]@{ ImageId = $imageId; InstanceType = 't4g.nano'; MinCount = 1; MaxCount = 1; SubnetId = $zoneA.publicSubnetId }
            $request.TagSpecifications = New-Ec2Tags 'instance' @{ 'hanat:managed' = 'true'; 'hanat:vpc-name' = 'retire'; 'hanat:vpc-id' = $tf.vpcId; 'hanat:served-by' = 'retire' }
            $natA = (Invoke-Ec2 RunInstances $request).Reservation.Instances[0].InstanceId
            Invoke-HaNatTakeover -InstanceId $natA -VpcId $tf.vpcId -Confirm:$false @aws | Out-Null
            $ownA = (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'retire'; 'tag:hanat:zone' = 'us-east-1a' }) })).Addresses[0]

            Start-MotoRecording
            $null = Add-HaNatVpc -VpcId $tf.vpcId -Name retire -DeleteNatGateway -Confirm:$false @aws -WarningVariable kept -WarningAction SilentlyContinue
            $recorded = @(Get-MotoRecording | Where-Object { $_.Action -and $_.Action -notmatch '^(Describe|Get|List)' })
            $state = Get-VpcState $tf.vpcId
        }

        It 'deletes only the gateway of the zone its NAT has taken' {
            $deleted = @($recorded | Where-Object Action -EQ 'DeleteNatGateway')
            $deleted.Count | Should -Be 1
            $deleted[0].Parameters['NatGatewayId'] | Should -Be $zoneA.natGatewayId
            $state.NatGateways.Keys | Should -Not -Contain $zoneA.natGatewayId
            $state.NatGateways.Keys | Should -Contain $tf.zones.'us-east-1b'.natGatewayId
            $state.NatGateways.Keys | Should -Contain $tf.zones.'us-east-1c'.natGatewayId
        }

        It 'says why each other gateway stays' {
            foreach ($zone in 'us-east-1b', 'us-east-1c') {
                ($kept -join "`n") | Should -Match "NAT gateway $($tf.zones.$zone.natGatewayId) stays: $zone has no running NAT of this deployment yet"
            }
        }

        It 'keeps the zone''s egress address: the gateway''s Elastic IP is adopted by the zone''s NAT, and HaNat''s own is released' {
            $adopted = $state.ElasticIps[$zoneA.allocationId]
            $adopted.PublicIp | Should -Be $zoneA.publicIp
            $adopted.InstanceId | Should -Be $natA
            $adopted.Tags['hanat:served-by'] | Should -Be 'retire'
            $adopted.Tags['hanat:zone'] | Should -Be 'us-east-1a'
            $adopted.Tags.Keys | Should -Not -Contain 'hanat:managed' -Because 'an adopted address is never released'
            $state.ElasticIps.Keys | Should -Not -Contain $ownA.AllocationId
            @($recorded | Where-Object Action -EQ 'ReleaseAddress' | ForEach-Object { $_.Parameters['AllocationId'] }) | Should -Be @($ownA.AllocationId)
        }

        It 'writes nothing more when run again' {
            Start-MotoRecording
            $null = Add-HaNatVpc -VpcId $tf.vpcId -Name retire -DeleteNatGateway -Confirm:$false @aws -WarningAction SilentlyContinue
            @(Get-MotoAction | Where-Object IsWrite) | Should -BeNullOrEmpty
        }
        It 'leaves the adopted address allocated, without HaNat''s tags, when the deployment is removed' {
            Remove-HaNatVpc -Name retire -Confirm:$false @aws -WarningAction SilentlyContinue
            $address = (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ AllocationIds = [System.Collections.Generic.List[string]]@($zoneA.allocationId) })).Addresses[0]
            $address.PublicIp | Should -Be $zoneA.publicIp
            @($address.Tags | Where-Object Key -Like 'hanat:*') | Should -BeNullOrEmpty
            (Get-HaNatFootprint retire).ElasticIp | Should -Be 0
        }
    }

    Context 'a late failure' {
        It 'rolls back to the VPC exactly as it was when <Action> fails' -ForEach @(
            @{ Action = 'CreateAutoScalingGroup'; Name = 'late' }
            @{ Action = 'CreateLaunchTemplate'; Name = 'template' }
        ) {
            $tf = New-TestTerraformVpc -Name $Name
            $before = Get-VpcState $tf.vpcId
            $proxy = Start-FaultProxy -Fail $Action
            try {
                $err = Get-CommandError { Add-HaNatVpc -VpcId $tf.vpcId -Name $Name -Confirm:$false -EndpointUrl $proxy.Url -Region us-east-1 }
            }
            finally {
                Stop-FaultProxy $proxy
            }

            $err.Exception.Message | Should -Match "$Action refused by the HaNat test fault proxy"
            $err.Exception.Message | Should -Match 'was deleted again'
            @(Compare-VpcState $before (Get-VpcState $tf.vpcId)) | Should -BeNullOrEmpty
            $footprint = Get-HaNatFootprint $Name
            foreach ($kind in $footprint.Keys) { $footprint[$kind] | Should -Be 0 -Because "$kind after $Action failed" }
        }
    }

    Context 'refusals, each before any write' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name refuse -CrossZoneTable
            New-HaNatVpc -Name built -CidrBlock '10.70' -ZoneCount 1 -Confirm:$false @aws | Out-Null
            $builtVpc = (Get-HaNatVpc -Name built @aws).VpcId

            $bare = (Invoke-Ec2 CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{ CidrBlock = '10.80.0.0/16' })).Vpc.VpcId
            $bareSubnet = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $bare; CidrBlock = '10.80.1.0/24'; AvailabilityZone = 'us-east-1a' })).Subnet.SubnetId
            $zoneOf = @{ $tf.crossZone.routeTableId = 'us-east-1a' }
        }

        It 'refuses <ErrorId>' -ForEach @(
            @{ ErrorId = 'RouteTableInSeveralZones'; Category = 'InvalidArgument'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse @aws }; Says = '-RouteTableZone' }
            @{ ErrorId = 'RouteTableZoneInvalid'; Category = 'InvalidArgument'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse -RouteTableZone @{ $tf.crossZone.routeTableId = 'us-east-1c' } @aws }; Says = 'choose one of those' }
            @{ ErrorId = 'PublicSubnetNotPublic'; Category = 'InvalidArgument'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse -RouteTableZone $zoneOf -PublicSubnetId $tf.zones.'us-east-1a'.databaseSubnetId @aws }; Says = 'is not a public subnet' }
            @{ ErrorId = 'VpcBuiltByHaNat'; Category = 'InvalidOperation'; Call = { Add-HaNatVpc -VpcId $builtVpc -Name refuse @aws }; Says = 'Get-HaNatVpc -Name built' }
            @{ ErrorId = 'NoInternetGateway'; Category = 'InvalidOperation'; Call = { Add-HaNatVpc -VpcId $bare -Name refuse @aws }; Says = 'Attach one' }
            @{ ErrorId = 'VpcNotFound'; Category = 'ObjectNotFound'; Call = { Add-HaNatVpc -VpcId vpc-0123456789abcdef0 -Name refuse @aws }; Says = 'was not found' }
            @{ ErrorId = 'NameInUse'; Category = 'ResourceExists'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name built -RouteTableZone $zoneOf @aws }; Says = 'built' }
            @{ ErrorId = 'KeyPairNotFound'; Category = 'ObjectNotFound'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse -RouteTableZone $zoneOf -KeyName nobody @aws }; Says = 'nobody' }
            @{ ErrorId = 'ImageNotFound'; Category = 'ObjectNotFound'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse -RouteTableZone $zoneOf -ImageId ami-0123456789abcdef0 @aws }; Says = 'ami-0123456789abcdef0' }
            @{ ErrorId = 'InvalidName'; Category = 'InvalidArgument'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name '9 lives' @aws }; Says = 'letter' }
            @{ ErrorId = 'InvalidSshCidr'; Category = 'InvalidArgument'; Call = { Add-HaNatVpc -VpcId $tf.vpcId -Name refuse -SshCidr 'anywhere' @aws }; Says = 'is not an IPv4 CIDR block' }
        ) {
            Start-MotoRecording
            $err = Get-CommandError $Call
            $writes = @(Get-MotoAction | Where-Object IsWrite)

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.AddHaNatVpcCommand"
            [string]$err.CategoryInfo.Category | Should -Be $Category
            $err.Exception.Message | Should -Match ([regex]::Escape($Says))
            $writes | Should -BeNullOrEmpty
        }

        It 'refuses a zone with no public subnet unless the zones are chosen' {
            # The bare VPC gets a gateway and a NAT-routed private table in us-east-1a, but no public subnet.
            $igw = (Invoke-Ec2 CreateInternetGateway ([Amazon.EC2.Model.CreateInternetGatewayRequest]@{})).InternetGateway.InternetGatewayId
            Invoke-Ec2 AttachInternetGateway ([Amazon.EC2.Model.AttachInternetGatewayRequest]@{ InternetGatewayId = $igw; VpcId = $bare }) | Out-Null
            $table = (Invoke-Ec2 CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{ VpcId = $bare })).RouteTable.RouteTableId
            Invoke-Ec2 AssociateRouteTable ([Amazon.EC2.Model.AssociateRouteTableRequest]@{ RouteTableId = $table; SubnetId = $bareSubnet }) | Out-Null
            Invoke-Ec2 CreateRoute ([Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '0.0.0.0/0'; InstanceId = (New-TestInstance $bareSubnet) }) | Out-Null

            Start-MotoRecording
            $err = Get-CommandError { Add-HaNatVpc -VpcId $bare -Name refuse @aws }
            $writes = @(Get-MotoAction | Where-Object IsWrite)

            $err.FullyQualifiedErrorId | Should -Be 'ZoneWithoutPublicSubnet,HaNat.Commands.AddHaNatVpcCommand'
            $err.Exception.Message | Should -Match 'us-east-1a'
            $err.Exception.Message | Should -Match '-AvailabilityZone'
            $writes | Should -BeNullOrEmpty
        }
    }
}
