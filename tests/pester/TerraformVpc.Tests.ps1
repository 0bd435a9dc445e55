# The existing VPC that Add-HaNatVpc's suites start from (tests/tools/vpc_fixture.py terraform, through
# New-TestTerraformVpc), read back from moto through Get-VpcState, and Compare-VpcState, which those suites use to
# prove that a VPC is left exactly as it was: so that neither the fixture nor the comparison can quietly weaken them.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Get-DefaultTarget($State, [string] $RouteTableId) {
        $route = $State.RouteTables[$RouteTableId].Routes['0.0.0.0/0']
        if ($route) { $route.Target }
    }
}

Describe 'vpc_fixture.py terraform (New-TestTerraformVpc)' {
    BeforeAll {
        Reset-Moto
        $vpc = New-TestTerraformVpc -CrossZoneTable -TransitTable -VpnTable -BlackholeTable -NatInstanceTable
        $state = Get-VpcState $vpc.vpcId
        $zones = @('us-east-1a', 'us-east-1b', 'us-east-1c')
    }

    It 'is a VPC of two CIDRs with DNS on and Terraform''s tags, with no hanat tag anywhere' {
        @($state.Vpc.CidrBlocks.Keys) | Should -Be @('10.40.0.0/16', '10.41.0.0/16')
        @($state.Vpc.CidrBlocks.Values) | Should -Be @('associated', 'associated')
        $state.Vpc.EnableDnsSupport | Should -BeTrue
        $state.Vpc.EnableDnsHostnames | Should -BeTrue
        $state.Vpc.Tags['Name'] | Should -Be 'tf'
        $state.Vpc.Tags['Environment'] | Should -Be 'test'
        $state.Vpc.Tags['ManagedBy'] | Should -Be 'terraform'
        $state.Subnets.Count | Should -Be 22
        ($state | ConvertTo-Json -Depth 10) | Should -Not -Match 'hanat'
    }

    It 'sends every zone''s public subnet to the internet gateway through one table, and puts a NAT gateway with its Elastic IP in each' {
        $public = $state.RouteTables[$vpc.publicRouteTableId]
        @($public.Associations.Keys | Sort-Object) | Should -Be @($zones | ForEach-Object { $vpc.zones.$_.publicSubnetId } | Sort-Object)
        $public.Routes['0.0.0.0/0'].Target | Should -Be "GatewayId=$($vpc.internetGatewayId)"
        foreach ($zone in $zones) {
            $made = $vpc.zones.$zone
            $state.Subnets[$made.publicSubnetId].AvailabilityZone | Should -Be $zone
            $state.Subnets[$made.publicSubnetId].MapPublicIpOnLaunch | Should -BeTrue
            $gateway = $state.NatGateways[$made.natGatewayId]
            $gateway.State | Should -Be 'available'
            $gateway.SubnetId | Should -Be $made.publicSubnetId
            @($gateway.Addresses.Keys) | Should -Be @($made.allocationId)
            $state.ElasticIps[$made.allocationId].PublicIp | Should -Be $made.publicIp
            $state.ElasticIps[$made.allocationId].NetworkInterfaceId | Should -Be $gateway.Addresses[$made.allocationId].NetworkInterfaceId
            $state.ElasticIps[$made.allocationId].Tags['Name'] | Should -Be "tf-$zone"
        }
    }

    It 'gives each zone an app and a worker table routed to its NAT gateway, the S3 endpoint and the peering; the first zone''s app table serves three subnets' {
        foreach ($zone in $zones) {
            foreach ($tier in 'app', 'worker') {
                $made = $vpc.zones.$zone.privateRouteTables.$tier
                $table = $state.RouteTables[$made.routeTableId]
                Get-DefaultTarget $state $made.routeTableId | Should -Be "NatGatewayId=$($vpc.zones.$zone.natGatewayId)"
                $table.Routes[$vpc.peering.peerCidr].Target | Should -Be "VpcPeeringConnectionId=$($vpc.peering.connectionId)"
                @($table.Routes.Values | Where-Object { $_['Target'] -eq "GatewayId=$($vpc.s3EndpointId)" }).Count | Should -Be 1
                @($table.Associations.Keys | Sort-Object) | Should -Be @($made.subnetIds | Sort-Object)
                $made.subnetIds | ForEach-Object { $state.Subnets[$_].AvailabilityZone } | Sort-Object -Unique | Should -Be $zone
                $made.subnetIds | ForEach-Object { $state.Subnets[$_].Tags['network'] } | Should -Not -Contain $null
            }
        }
        $vpc.zones.'us-east-1a'.privateRouteTables.app.subnetIds.Count | Should -Be 3
        @($vpc.privateRouteTableIds).Count | Should -Be 9   # two per zone, the cross-zone, blackhole and NAT instance tables
    }

    It 'puts a subnet of the secondary CIDR on a private table, leaves one on the main table (local routes only), and the database tier on a table with no way out' {
        $secondary = $state.Subnets[$vpc.secondarySubnet.subnetId]
        $secondary.CidrBlock | Should -Be '10.41.0.0/24'
        $state.RouteTables[$vpc.secondarySubnet.routeTableId].Associations.Contains($vpc.secondarySubnet.subnetId) | Should -BeTrue

        $main = $state.RouteTables[$vpc.mainRouteTableId]
        $main.Main | Should -BeTrue
        @($main.Routes.Values | ForEach-Object { $_['Target'] } | Sort-Object -Unique) | Should -Be @('GatewayId=local')
        $onMain = $vpc.mainTableSubnet.subnetId
        @($state.RouteTables.Values | Where-Object { $_.Associations.Contains($onMain) }).Count | Should -Be 0
        $state.Subnets[$onMain].Tags['network'] | Should -Be 'private'

        $database = $state.RouteTables[$vpc.databaseRouteTableId]
        $database.Routes.Contains('0.0.0.0/0') | Should -BeFalse
        @($database.Routes.Values | ForEach-Object { $_['Target'] } | Sort-Object -Unique) | Should -Be @('GatewayId=local')
        @($database.Associations.Keys | Sort-Object) | Should -Be @($zones | ForEach-Object { $vpc.zones.$_.databaseSubnetId } | Sort-Object)
        $zones | ForEach-Object { $state.Subnets[$vpc.zones.$_.databaseSubnetId].Tags.Contains('network') } | Should -Not -Contain $true
    }

    It 'runs someone''s instance per zone in the app tier, in a group of its own, beside a database group and a stripped default group' {
        foreach ($zone in $zones) {
            $instance = $state.Instances[$vpc.zones.$zone.instanceId]
            $instance.State | Should -Be 'running'
            $instance.SubnetId | Should -BeIn $vpc.zones.$zone.privateRouteTables.app.subnetIds
            $instance.SecurityGroups | Should -Be @($vpc.securityGroups.app)
        }
        $state.SecurityGroups[$vpc.securityGroups.app].Ingress | Should -Be @('tcp 8080-8080 10.40.0.0/16 (from the VPC)')
        $state.SecurityGroups[$vpc.securityGroups.database].Ingress | Should -Be @("tcp 5432-5432 $($vpc.securityGroups.app)")
        $state.SecurityGroups[$vpc.securityGroups.default].Ingress.Count + $state.SecurityGroups[$vpc.securityGroups.default].Egress.Count | Should -Be 0
    }

    It 'adds, when asked, a table two zones share routed to a NAT gateway, and tables routed to a transit gateway and to a VPN gateway' {
        @($vpc.crossZone.subnetIds | ForEach-Object { $state.Subnets[$_].AvailabilityZone }) | Should -Be @('us-east-1a', 'us-east-1b')
        Get-DefaultTarget $state $vpc.crossZone.routeTableId | Should -Be "NatGatewayId=$($vpc.zones.'us-east-1a'.natGatewayId)"
        Get-DefaultTarget $state $vpc.transit.routeTableId | Should -Be "TransitGatewayId=$($vpc.transit.transitGatewayId)"
        Get-DefaultTarget $state $vpc.vpn.routeTableId | Should -Be "GatewayId=$($vpc.vpn.vpnGatewayId)"
        $state.RouteTables[$vpc.transit.routeTableId].Associations.Contains($vpc.transit.subnetId) | Should -BeTrue
        $state.RouteTables[$vpc.vpn.routeTableId].Associations.Contains($vpc.vpn.subnetId) | Should -BeTrue
    }

    It 'adds, when asked, a table routed to a NAT gateway since deleted (its address kept, free) and one routed to someone''s NAT instance' {
        Get-DefaultTarget $state $vpc.blackhole.routeTableId | Should -Be "NatGatewayId=$($vpc.blackhole.natGatewayId)"
        $state.NatGateways.Contains($vpc.blackhole.natGatewayId) | Should -BeFalse   # deleted: left out of the state
        $state.ElasticIps[$vpc.blackhole.allocationId].AssociationId | Should -BeNullOrEmpty
        $state.RouteTables[$vpc.blackhole.routeTableId].Associations.Contains($vpc.blackhole.subnetId) | Should -BeTrue
        Get-DefaultTarget $state $vpc.natInstance.routeTableId | Should -Be "InstanceId=$($vpc.natInstance.instanceId)"
        (Get-TestInstance $vpc.natInstance.instanceId).SourceDestCheck | Should -BeFalse
        $state.Instances[$vpc.natInstance.instanceId].SubnetId | Should -Be $vpc.zones.'us-east-1a'.publicSubnetId
    }

    It 'leaves the optional tables out by default' {
        $plain = New-TestTerraformVpc -Name 'plain' -Zone 'us-east-1a', 'us-east-1b'
        $plain.crossZone | Should -BeNullOrEmpty
        $plain.transit | Should -BeNullOrEmpty
        $plain.vpn | Should -BeNullOrEmpty
        $plain.blackhole | Should -BeNullOrEmpty
        $plain.natInstance | Should -BeNullOrEmpty
        @($plain.zones.PSObject.Properties.Name) | Should -Be @('us-east-1a', 'us-east-1b')
        @($plain.privateRouteTableIds).Count | Should -Be 4
    }
}

Describe 'Get-VpcState and Compare-VpcState' {
    BeforeEach {
        Reset-Moto
        $vpc = New-TestTerraformVpc
        $zoneA = $vpc.zones.'us-east-1a'
        $zoneB = $vpc.zones.'us-east-1b'
    }

    It 'reads an unchanged VPC twice to equal JSON, and finds no difference, from the states or from their JSON' {
        $before = Get-VpcState $vpc.vpcId
        $after = Get-VpcState $vpc.vpcId
        $json = $before | ConvertTo-Json -Depth 10
        ($after | ConvertTo-Json -Depth 10) | Should -BeExactly $json
        @(Compare-VpcState $before $after) | Should -HaveCount 0
        @(Compare-VpcState $json $after) | Should -HaveCount 0
    }

    It 'finds exactly a replaced default route and an added tag' {
        $before = Get-VpcState $vpc.vpcId
        $table = $zoneA.privateRouteTables.app.routeTableId
        Invoke-Ec2 ReplaceRoute ([Amazon.EC2.Model.ReplaceRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '0.0.0.0/0'; NatGatewayId = $zoneB.natGatewayId }) | Out-Null
        $subnet = $zoneA.privateRouteTables.worker.subnetIds[0]
        Invoke-Ec2 CreateTags ([Amazon.EC2.Model.CreateTagsRequest]@{
            Resources = [System.Collections.Generic.List[string]]@($subnet)
            Tags      = [System.Collections.Generic.List[Amazon.EC2.Model.Tag]]@([Amazon.EC2.Model.Tag]::new('hanat:served-by', 'x'))
        }) | Out-Null

        Compare-VpcState $before (Get-VpcState $vpc.vpcId) | Should -Be @(
            "RouteTables[$table].Routes[0.0.0.0/0].Target: NatGatewayId=$($zoneA.natGatewayId) -> NatGatewayId=$($zoneB.natGatewayId)"
            "Subnets[$subnet].Tags[hanat:served-by]: (absent) -> x"
        )
    }

    It 'names an item that went or came once, with what it held, and a rule or a group by itself' {
        $before = Get-VpcState $vpc.vpcId
        $table = $zoneB.privateRouteTables.worker.routeTableId
        Invoke-Ec2 DeleteRoute ([Amazon.EC2.Model.DeleteRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '0.0.0.0/0' }) | Out-Null
        $address = (Invoke-Ec2 AllocateAddress ([Amazon.EC2.Model.AllocateAddressRequest]@{ Domain = 'vpc' }))
        $permission = [Amazon.EC2.Model.IpPermission]@{ IpProtocol = 'tcp'; FromPort = 22; ToPort = 22 }
        $permission.Ipv4Ranges = [System.Collections.Generic.List[Amazon.EC2.Model.IpRange]]@([Amazon.EC2.Model.IpRange]@{ CidrIp = '0.0.0.0/0' })
        Invoke-Ec2 AuthorizeSecurityGroupIngress ([Amazon.EC2.Model.AuthorizeSecurityGroupIngressRequest]@{
            GroupId = $vpc.securityGroups.database; IpPermissions = [System.Collections.Generic.List[Amazon.EC2.Model.IpPermission]]@($permission)
        }) | Out-Null
        Stop-TestInstance $zoneA.instanceId -Terminate   # a terminated instance is left out: gone, as a whole
        Stop-TestInstance (New-TestInstance -SubnetId $zoneB.publicSubnetId -Application) -Terminate   # came and went: nothing

        Compare-VpcState $before (Get-VpcState $vpc.vpcId) | Should -Be @(
            "ElasticIps[$($address.AllocationId)]: (absent) -> {`"PublicIp`":`"$($address.PublicIp)`",`"AssociationId`":null,`"InstanceId`":null,`"NetworkInterfaceId`":null,`"PrivateIpAddress`":null,`"Tags`":{}}"
            "Instances[$($zoneA.instanceId)]: {`"State`":`"running`",`"SubnetId`":`"$($zoneA.privateRouteTables.app.subnetIds[0])`",`"SecurityGroups`":[`"$($vpc.securityGroups.app)`"],`"Tags`":{`"Environment`":`"test`",`"ManagedBy`":`"terraform`",`"Name`":`"tf-app-us-east-1a`",`"Team`":`"payments`"}} -> (absent)"
            "RouteTables[$table].Routes[0.0.0.0/0]: {`"Target`":`"NatGatewayId=$($zoneB.natGatewayId)`",`"State`":`"active`",`"Origin`":`"CreateRoute`"} -> (absent)"
            "SecurityGroups[$($vpc.securityGroups.database)].Ingress[tcp 22-22 0.0.0.0/0]: (absent) -> present"
        )
    }
}
