# Remove-HaNatVpc and Get-HaNatVpc on a deployment Add-HaNatVpc put into a VPC HaNat did not build, against moto, on
# a VPC built the way Terraform's common VPC module builds one (tests/tools/vpc_fixture.py terraform): the removal
# puts every route back (Get-VpcState before Add-HaNatVpc equals the one after the removal), deletes only what HaNat
# made, warns of a table whose NAT gateway is gone, writes nothing with -WhatIf or a second time, and finishes a
# removal that stopped half-way; Get-HaNatVpc finds the deployment, alone and beside a VPC HaNat built.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $zones = @('us-east-1a', 'us-east-1b', 'us-east-1c')


    function Get-Total($Footprint) { ($Footprint.Values | Measure-Object -Sum).Sum }

    # The deployment's NAT in a zone (launched from its template, so tagged hanat:served-by with its name), if moto's
    # group placed one there: moto spreads a group's instances over its subnets unevenly.
    function Get-Nat([string] $Name, [string] $Zone) {
        $filters = New-Ec2Filter @{ 'tag:hanat:served-by' = $Name }
        $instances = @((Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $filters })).Reservations |
            Where-Object { $_ } | ForEach-Object { $_.Instances } | Where-Object { $_.State.Name.Value -ne 'terminated' } | Sort-Object InstanceId)
        $instances | Should -Not -BeNullOrEmpty -Because "the group of $Name launches its NATs"
        $instances | Where-Object { $_.Placement.AvailabilityZone -eq $Zone } | Select-Object -First 1 -ExpandProperty InstanceId
    }

    # As a zone's NAT does at boot: it takes the zone's served tables (TakeoverServed.Tests.ps1 covers how). A peer
    # would not take a zone whose NAT gateway is still there (the zone falls back to it), so a zone where moto placed
    # no NAT keeps its gateway.
    function Invoke-ZoneTakeover([string] $Name, [string] $VpcId, [string] $Zone) {
        $nat = Get-Nat $Name $Zone
        if ($nat) { Invoke-HaNatTakeover -InstanceId $nat -VpcId $VpcId -AvailabilityZone $Zone @aws -WarningAction SilentlyContinue | Out-Null }
        $nat
    }

    function Get-DefaultTarget($State, [string] $RouteTableId) {
        $route = $State.RouteTables[$RouteTableId].Routes['0.0.0.0/0']
        if ($route) { $route.Target }
    }

    function Get-ZoneTables($Tf, [string] $Zone) {
        @('app', 'worker' | ForEach-Object { $Tf.zones.$Zone.privateRouteTables.$_.routeTableId })
    }

    # One moto for the whole file (a reset costs seconds): every context builds a VPC and a name of its own.
    Reset-Moto
    $imageId = New-TestHaNatImage -Architecture arm64
}

Describe 'Remove-HaNatVpc on a deployment Add-HaNatVpc made' {
    Context 'after the NATs took their zones' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name back
            # A subnet on the main table, which routes to a NAT gateway: Add-HaNatVpc makes it a table of its own.
            Invoke-Ec2 CreateRoute ([Amazon.EC2.Model.CreateRouteRequest]@{
                RouteTableId = $tf.mainRouteTableId; DestinationCidrBlock = '0.0.0.0/0'; NatGatewayId = $tf.zones.'us-east-1a'.natGatewayId }) | Out-Null
            $before = Get-VpcState $tf.vpcId

            Add-HaNatVpc -VpcId $tf.vpcId -Name back @aws | Out-Null
            $natOf = @{}
            foreach ($zone in $zones) { $natOf[$zone] = Invoke-ZoneTakeover back $tf.vpcId $zone }
            $taken = Get-VpcState $tf.vpcId
            $own = @($taken.RouteTables.Keys | Where-Object { $taken.RouteTables[$_].Associations.Contains($tf.mainTableSubnet.subnetId) })[0]

            Remove-HaNatVpc -Name back -Confirm:$false @aws -WarningVariable removalWarnings -WarningAction SilentlyContinue
            $after = Get-VpcState $tf.vpcId
        }

        It 'had given every served table to its zone''s NAT, and the main table''s subnet a table of HaNat''s' {
            @($natOf.Values | Where-Object { $_ }).Count | Should -BeGreaterThan 0 -Because 'the group has a NAT in some zone'
            foreach ($zone in $zones) {
                $now = if ($natOf[$zone]) { "InstanceId=$($natOf[$zone])" } else { "NatGatewayId=$($tf.zones.$zone.natGatewayId)" }
                foreach ($table in Get-ZoneTables $tf $zone) { Get-DefaultTarget $taken $table | Should -Be $now -Because $table }
            }
            $own | Should -Not -BeNullOrEmpty
            $own | Should -Not -Be $tf.mainRouteTableId
        }

        It 'leaves every route table, subnet, tag, address, instance and NAT gateway as it was before Add-HaNatVpc' {
            @(Compare-VpcState $before $after) | Should -BeNullOrEmpty
            Get-DefaultTarget $after ($tf.zones.'us-east-1b'.privateRouteTables.app.routeTableId) | Should -Be "NatGatewayId=$($tf.zones.'us-east-1b'.natGatewayId)"
            $after.RouteTables.Contains($own) | Should -BeFalse
        }

        It 'deletes everything HaNat made, and warns of nothing' {
            Get-Total (Get-HaNatFootprint back) | Should -Be 0
            $removalWarnings | Should -BeNullOrEmpty
        }

        It 'writes nothing a second time, and says there is no such deployment any more' {
            Start-MotoRecording
            $err = Get-CommandError { Remove-HaNatVpc -Name back -Confirm:$false @aws -ErrorAction Stop }
            $recorded = @(Get-MotoAction)

            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'HaNatVpcNotFound,HaNat.Commands.RemoveHaNatVpcCommand'
            @(Compare-VpcState $before (Get-VpcState $tf.vpcId)) | Should -BeNullOrEmpty
        }
    }

    Context 'a served table''s NAT gateway deleted since' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name lost -Zone 'us-east-1a', 'us-east-1b'
            $a = $tf.zones.'us-east-1a'
            $b = $tf.zones.'us-east-1b'
            Add-HaNatVpc -VpcId $tf.vpcId -Name lost @aws | Out-Null
            Invoke-ZoneTakeover lost $tf.vpcId 'us-east-1a' | Out-Null
            Invoke-Ec2 DeleteNatGateway ([Amazon.EC2.Model.DeleteNatGatewayRequest]@{ NatGatewayId = $b.natGatewayId }) | Out-Null
            # moto keeps the routes to a deleted NAT gateway 'active' where AWS shows them as blackholes; the removal
            # judges the recorded gateway by its own state (deleted), as it does on AWS, so moto's gap changes nothing.
            (Get-TestDefaultRoute ($b.privateRouteTables.app.routeTableId)).NatGatewayId | Should -Be $b.natGatewayId

            Remove-HaNatVpc -Name lost -Confirm:$false @aws -WarningVariable removalWarnings -WarningAction SilentlyContinue
            $after = Get-VpcState $tf.vpcId
        }

        It 'leaves that zone''s tables with no default route, and warns naming each table and its gateway' {
            foreach ($table in Get-ZoneTables $tf 'us-east-1b') {
                $after.RouteTables[$table].Routes.Contains('0.0.0.0/0') | Should -BeFalse -Because $table
                @($removalWarnings | Where-Object { "$_" -match [regex]::Escape($table) }) | Should -HaveCount 1
                @($removalWarnings | Where-Object { "$_" -match [regex]::Escape($table) })[0] |
                    Should -Match ([regex]::Escape("no default route now: its NAT gateway $($b.natGatewayId) is gone"))
            }
            @($removalWarnings) | Should -HaveCount 2
        }

        It 'puts the other zone''s tables back to their NAT gateway, and deletes what HaNat made' {
            foreach ($table in Get-ZoneTables $tf 'us-east-1a') { Get-DefaultTarget $after $table | Should -Be "NatGatewayId=$($a.natGatewayId)" }
            Get-Total (Get-HaNatFootprint lost) | Should -Be 0
            # The VPC, its tables and subnets (the state's Elastic IPs are the account's, other contexts' among them).
            (@($after.Vpc, $after.RouteTables, $after.Subnets) | ConvertTo-Json -Depth 10) | Should -Not -Match 'hanat:'
        }
    }

    Context '-WhatIf' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name seen -Zone 'us-east-1a'
            Add-HaNatVpc -VpcId $tf.vpcId -Name seen @aws | Out-Null
            $seenNat = Invoke-ZoneTakeover seen $tf.vpcId 'us-east-1a'
            $before = Get-VpcState $tf.vpcId
            Start-MotoRecording
            $lines = Get-WhatIfLines { Remove-HaNatVpc -Name seen -WhatIf @aws }
            $recorded = @(Get-MotoAction)
            $text = $lines -join "`n"
        }

        It 'writes nothing' {
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($recorded).Count | Should -BeGreaterThan 0
            @(Compare-VpcState $before (Get-VpcState $tf.vpcId)) | Should -BeNullOrEmpty
            (Get-HaNatVpc -Name seen @aws).IsComplete | Should -BeTrue
        }

        It 'says the VPC stays, then each write: the routes put back first, the tags taken off last' {
            $lines[0] | Should -Match ([regex]::Escape("`"Remove HaNat deployment seen"))
            $lines[0] | Should -Match ([regex]::Escape("on target `"$($tf.vpcId) (the VPC and everything HaNat did not make stay)`""))
            $nat = $seenNat
            $gateway = $tf.zones.'us-east-1a'.natGatewayId
            foreach ($table in Get-ZoneTables $tf 'us-east-1a') {
                $text | Should -Match ([regex]::Escape("`"Replace route`" on target `"route table $table")) 
                $text | Should -Match ([regex]::Escape(": 0.0.0.0/0 from $nat back to $gateway`""))
            }
            $lines[1] | Should -Match '"Replace route"'
            $text | Should -Match '"Delete auto scaling group"'
            $lines[-1] | Should -Match ([regex]::Escape("`"Delete tags`" on target `"VPC $($tf.vpcId)"))
            $lines[-1] | Should -Match ([regex]::Escape("(the VPC itself stays): hanat:served-by=seen`""))
            $text | Should -Not -Match '"Delete (vpc|subnet|internet gateway)"'
        }
    }

    Context 'a removal that stopped half-way' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name half -Zone 'us-east-1a'
            $before = Get-VpcState $tf.vpcId
            Add-HaNatVpc -VpcId $tf.vpcId -Name half @aws | Out-Null
            Invoke-ZoneTakeover half $tf.vpcId 'us-east-1a' | Out-Null
            $proxy = Start-FaultProxy -Fail DeleteLaunchTemplate
        }

        AfterAll {
            Stop-FaultProxy $proxy
        }

        It 'stops at the failed step with the routes already back, and the next run finishes the job' {
            $err = Get-CommandError { Remove-HaNatVpc -Name half -Confirm:$false -EndpointUrl $proxy.Url -Region us-east-1 -ErrorAction Stop }

            $err.FullyQualifiedErrorId | Should -Be 'AwsEC2DeleteLaunchTemplateFailed,HaNat.Commands.RemoveHaNatVpcCommand'
            $err.Exception.Message | Should -Match 'run Remove-HaNatVpc -Name half again'
            foreach ($table in Get-ZoneTables $tf 'us-east-1a') {
                (Get-TestDefaultRoute $table).NatGatewayId | Should -Be $tf.zones.'us-east-1a'.natGatewayId
            }
            (Get-HaNatFootprint half).LaunchTemplate | Should -Be 1

            Remove-HaNatVpc -Name half -Confirm:$false @aws

            Get-Total (Get-HaNatFootprint half) | Should -Be 0
            @(Compare-VpcState $before (Get-VpcState $tf.vpcId)) | Should -BeNullOrEmpty
        }
    }

    Context 'by -VpcId' {
        It 'finds the deployment by the VPC''s hanat:served-by tag, and refuses a VPC HaNat neither built nor serves' {
            $tf = New-TestTerraformVpc -Name byid -Zone 'us-east-1a'
            $err = Get-CommandError { Remove-HaNatVpc -VpcId $tf.vpcId -Confirm:$false @aws -ErrorAction Stop }
            $err.FullyQualifiedErrorId | Should -Be 'NotHaNatVpc,HaNat.Commands.RemoveHaNatVpcCommand'
            $err.Exception.Message | Should -Match 'Add-HaNatVpc'

            $before = Get-VpcState $tf.vpcId
            Add-HaNatVpc -VpcId $tf.vpcId -Name byid @aws | Out-Null
            Remove-HaNatVpc -VpcId $tf.vpcId -Confirm:$false @aws

            Get-Total (Get-HaNatFootprint byid) | Should -Be 0
            @(Compare-VpcState $before (Get-VpcState $tf.vpcId)) | Should -BeNullOrEmpty
        }
    }
}

Describe 'Get-HaNatVpc on a deployment Add-HaNatVpc made' {
    BeforeAll {
        $tf = New-TestTerraformVpc -Name listed
        $added = Add-HaNatVpc -VpcId $tf.vpcId -Name listed @aws
        $found = Get-HaNatVpc -Name listed @aws
    }

    It 'finds it as added, per zone with the NATs'' public subnet, its Elastic IP and the tables it serves, and nothing missing' {
        $found.IsAdded | Should -BeTrue
        $found.VpcId | Should -Be $tf.vpcId
        $found.AvailabilityZones | Should -Be $zones
        foreach ($zone in $found.Zones) {
            $zone.PublicSubnetId | Should -Be $tf.zones.($zone.AvailabilityZone).publicSubnetId
            $zone.ElasticIpAllocationId | Should -Match '^eipalloc-'
            $zone.PublicIp | Should -Not -BeNullOrEmpty
            @($zone.ServedRouteTableIds) | Should -Be @(Get-ZoneTables $tf $zone.AvailabilityZone | Sort-Object)
        }
        @($found.Missing) | Should -BeNullOrEmpty
        $found.IsComplete | Should -BeTrue
        $found.AutoScalingGroupName | Should -Be 'listed-nat-asg'
        $found.InternetGatewayId | Should -Be $tf.internetGatewayId
    }

    It 'finds what Add-HaNatVpc wrote' {
        $found.SecurityGroupId | Should -Be $added.SecurityGroupId
        $found.LaunchTemplateId | Should -Be $added.LaunchTemplateId
        foreach ($i in 0..2) {
            $found.Zones[$i].ElasticIpAllocationId | Should -Be $added.Zones[$i].ElasticIpAllocationId
            $found.Zones[$i].PublicSubnetId | Should -Be $added.Zones[$i].PublicSubnetId
        }
    }

    It 'is what a second Add-HaNatVpc writes, writing nothing to AWS' {
        Start-MotoRecording
        $again = Add-HaNatVpc -VpcId $tf.vpcId -Name listed @aws
        $recorded = @(Get-MotoAction)

        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $again | Should -Not -BeNullOrEmpty
        $again.IsAdded | Should -BeTrue
        ($again | ConvertTo-Json -Depth 5) | Should -Be ($found | ConvertTo-Json -Depth 5)
    }

    It 'lists it beside a VPC HaNat built, and counts the missing part of HaNat''s only' {
        New-HaNatVpc -Name built -CidrBlock '10.90' -ZoneCount 1 @aws | Out-Null
        $all = @(Get-HaNatVpc @aws)
        ($all | Where-Object Name -EQ 'built').IsAdded | Should -BeFalse
        ($all | Where-Object Name -EQ 'listed').IsAdded | Should -BeTrue
        ($all | Where-Object Name -EQ 'listed').VpcId | Should -Be $tf.vpcId

        Invoke-Ec2 DeleteTags ([Amazon.EC2.Model.DeleteTagsRequest]@{
            Resources = [System.Collections.Generic.List[string]]@(Get-ZoneTables $tf 'us-east-1c')
            Tags      = [System.Collections.Generic.List[Amazon.EC2.Model.Tag]]@([Amazon.EC2.Model.Tag]::new('hanat:served-by'))
        }) | Out-Null
        @((Get-HaNatVpc -Name listed @aws).Missing) | Should -Be @('served-route-tables us-east-1c')
    }
}
