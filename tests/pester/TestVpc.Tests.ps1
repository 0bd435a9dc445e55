# The one builder of test VPCs (tests/tools/vpc_fixture.py, through New-TestVpc): the shapes the suites rely on,
# read back from moto, so that a change to the builder cannot quietly change what every other suite tests.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    # subnet id -> the route table explicitly associated with it, or $null (then it is on the main table).
    function Get-SubnetTable([string] $VpcId) {
        $tables = (Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{
            Filters = [System.Collections.Generic.List[Amazon.EC2.Model.Filter]]@([Amazon.EC2.Model.Filter]::new('vpc-id', [System.Collections.Generic.List[string]]@($VpcId)))
        })).RouteTables
        $map = @{}
        foreach ($table in $tables) {
            foreach ($association in $table.Associations) {
                if ($association.SubnetId) { $map[$association.SubnetId] = $table.RouteTableId }
            }
        }
        $map
    }

    function Get-Subnet([string] $VpcId) {
        (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{
            Filters = [System.Collections.Generic.List[Amazon.EC2.Model.Filter]]@([Amazon.EC2.Model.Filter]::new('vpc-id', [System.Collections.Generic.List[string]]@($VpcId)))
        })).Subnets
    }
}

Describe 'New-TestVpc (tests/tools/vpc_fixture.py zones)' {
    BeforeEach { Reset-Moto }

    It 'gives every private subnet a table of its own with -PrivateTable Own, /24s counted up from the prefix' {
        $vpc = New-TestVpc -CidrPrefix '10.7' -Zone 'us-east-1a', 'us-east-1b' -PrivateSubnetsPerZone 2 -PrivateTable Own
        @($vpc.Zones.Keys) | Should -Be @('us-east-1a', 'us-east-1b')
        $tables = Get-SubnetTable $vpc.VpcId
        foreach ($zone in $vpc.Zones.Values) {
            $zone.PrivateSubnetIds.Count | Should -Be 2
            $zone.RouteTableIds.Count | Should -Be 2
            $zone.PrivateSubnetIds | ForEach-Object { $tables[$_] } | Should -Be $zone.RouteTableIds
            $tables[$zone.PublicSubnetId] | Should -BeNullOrEmpty
        }
        $cidrs = @(Get-Subnet $vpc.VpcId | ForEach-Object CidrBlock | Sort-Object { [version]($_ -replace '/24$', '') })
        $cidrs | Should -Be @(0..5 | ForEach-Object { "10.7.$_.0/24" })
    }

    It 'shares one table per zone with -PrivateTable Shared, and leaves the subnets on the main table with Main' {
        $shared = New-TestVpc -PrivateSubnetsPerZone 2 -PrivateTable Shared
        $zone = $shared.Zones['us-east-1a']
        $zone.RouteTableIds.Count | Should -Be 1
        $tables = Get-SubnetTable $shared.VpcId
        $zone.PrivateSubnetIds | ForEach-Object { $tables[$_] } | Should -Be @($zone.RouteTableIds[0], $zone.RouteTableIds[0])

        $main = New-TestVpc -CidrPrefix '10.1' -PrivateTable Main
        $main.Zones['us-east-1a'].RouteTableIds.Count | Should -Be 0
        (Get-SubnetTable $main.VpcId)[$main.Zones['us-east-1a'].PrivateSubnetIds[0]] | Should -BeNullOrEmpty
        $main.MainRouteTableId | Should -Match '^rtb-'
        (Get-TestRouteTable $main.MainRouteTableId).Associations.Main | Should -Contain $true
    }

    It 'tags the private subnets with -PrivateTag and a Name, and the public subnet with neither' {
        $vpc = New-TestVpc -PrivateTag 'tier=app'
        $subnets = Get-Subnet $vpc.VpcId
        $private = $subnets | Where-Object SubnetId -EQ $vpc.Zones['us-east-1a'].PrivateSubnetIds[0]
        ($private.Tags | Where-Object Key -EQ 'tier').Value | Should -Be 'app'
        ($private.Tags | Where-Object Key -EQ 'Name').Value | Should -Be 'private-us-east-1a-0'
        ($subnets | Where-Object SubnetId -EQ $vpc.Zones['us-east-1a'].PublicSubnetId).Tags | Should -BeNullOrEmpty
    }
}
