# Invoke-HaNatTakeover in a VPC HaNat did not build (Add-HaNatVpc's deployment, private-subnet tag
# hanat:served-by=<name>), against moto: served tables taken from NAT gateways, a peer's failover that sends a zone back
# to its NAT gateway, or to the peer when the gateway is gone, unserved and other-zone tables left alone. The recorder
# proves which writes were sent.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $script:Deployment = 'prod'
    $script:ServedTag = "hanat:served-by=$script:Deployment"

    function New-AddedVpc {
        <#
          A VPC as Add-HaNatVpc leaves it, before its NATs boot: per zone a public subnet and a private subnet tagged
          hanat:served-by=prod, each zone's private subnets on a table of the user's that sends 0.0.0.0/0 to the zone's
          NAT gateway. The subnets start on the main table (-PrivateTable Main): the tables are made here, the user's.
        #>
        $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Main -PrivateTag $script:ServedTag
        foreach ($name in @($vpc.Zones.Keys)) {
            $zone = $vpc.Zones[$name]
            $gateway = New-TestNatGateway $zone.PublicSubnetId
            $table = New-UserTable $vpc.VpcId $zone.PrivateSubnetIds
            Set-TestDefaultRoute $table -NatGatewayId $gateway
            $zone | Add-Member NatGatewayId $gateway
            $zone | Add-Member TableId $table
        }
        $vpc
    }

    function New-UserTable {
        <# A route table of the user's (no HaNat tag), associated with the given subnets. #>
        param([string] $VpcId, [string[]] $SubnetIds)
        $table = (Invoke-Ec2 CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{ VpcId = $VpcId })).RouteTable.RouteTableId
        foreach ($subnet in $SubnetIds) {
            Invoke-Ec2 AssociateRouteTable ([Amazon.EC2.Model.AssociateRouteTableRequest]@{ RouteTableId = $table; SubnetId = $subnet }) | Out-Null
        }
        $table
    }

    function Set-ServedTable {
        <# Tags a table the way Add-HaNatVpc tags a table it serves. #>
        param([string] $RouteTableId, [string] $Zone, [string] $RestoreDefault)
        $request = [Amazon.EC2.Model.CreateTagsRequest]::new()
        $request.Resources = [System.Collections.Generic.List[string]]@($RouteTableId)
        $request.Tags = [System.Collections.Generic.List[Amazon.EC2.Model.Tag]]@(
            [Amazon.EC2.Model.Tag]::new('hanat:served-by', $script:Deployment),
            [Amazon.EC2.Model.Tag]::new('hanat:zone', $Zone),
            [Amazon.EC2.Model.Tag]::new('hanat:restore-default', $RestoreDefault))
        Invoke-Ec2 CreateTags $request | Out-Null
    }

    function Invoke-ServedTakeover {
        param([string] $InstanceId, [string] $Zone)
        $more = @{}
        if ($Zone) { $more.AvailabilityZone = $Zone }
        Invoke-HaNatTakeover -InstanceId $InstanceId -PrivateSubnetTag $script:ServedTag @more @aws -WarningVariable script:Warnings -WarningAction SilentlyContinue
    }

    function Get-RouteWrite {
        <# The route writes of a recording: Action table -> target. #>
        param([Parameter(ValueFromPipeline)] $Request)
        process {
            if ($Request.Action -in 'CreateRoute', 'ReplaceRoute', 'DeleteRoute') {
                $p = $Request.Parameters
                $target = @($p['InstanceId'], $p['NatGatewayId'], $p['GatewayId']) | Where-Object { $_ } | Select-Object -First 1
                "$($Request.Action) $($p['RouteTableId']) -> $target"
            }
        }
    }
}

Describe 'Invoke-HaNatTakeover in a VPC HaNat did not build' {
    BeforeEach {
        Reset-Moto
        $vpc = New-AddedVpc
        $a = $vpc.Zones['us-east-1a']
        $b = $vpc.Zones['us-east-1b']
        Set-ServedTable $a.TableId 'us-east-1a' $a.NatGatewayId
        Set-ServedTable $b.TableId 'us-east-1b' $b.NatGatewayId
        $natA = New-TestInstance $a.PublicSubnetId
        $natB = New-TestInstance $b.PublicSubnetId
        Set-TestSourceDestCheck $natA -Enabled $false
        Set-TestSourceDestCheck $natB -Enabled $false
    }

    It 'takes a served table from the zone''s NAT gateway without -Force, named from elsewhere (operator mode)' {
        Start-MotoRecording
        $result = Invoke-ServedTakeover $natA
        $recording = @(Get-MotoRecording)

        $result.Action | Should -Be 'Replaced'
        $result.PreviousTarget | Should -Be $a.NatGatewayId
        $result.Target | Should -Be $natA
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $natA
        # The one write: the zone's table, to the NAT. No table is made in a VPC HaNat did not build.
        @($recording | Get-WriteAction) | Should -Be @('ReplaceRoute')
        @($recording | Get-RouteWrite) | Should -Be @("ReplaceRoute $($a.TableId) -> $natA")
        # The NAT gateways were read: they decide make-before-break and a failed zone's fallback.
        $recording.Action | Should -Contain 'DescribeNatGateways'
        # Zone b's table is zone b's NAT's: untouched.
        (Get-TestDefaultRoute $b.TableId).NatGatewayId | Should -Be $b.NatGatewayId

        # A second run writes nothing.
        Start-MotoRecording
        (Invoke-ServedTakeover $natA).Action | Should -Be 'Unchanged'
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
    }

    It 'a peer''s failover sends the failed zone back to its NAT gateway, not across zones' {
        Invoke-ServedTakeover $natA | Out-Null
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $natA
        Stop-TestInstance $natA -Terminate

        Start-MotoRecording
        $result = Invoke-ServedTakeover $natB -Zone 'us-east-1a'
        $recording = @(Get-MotoRecording)

        $result.Action | Should -Be 'NatGatewayFallback'
        $result.Target | Should -Be $a.NatGatewayId
        $result.InstanceId | Should -Be $natB
        (Get-TestDefaultRoute $a.TableId).NatGatewayId | Should -Be $a.NatGatewayId
        @($recording | Get-RouteWrite) | Should -Be @("ReplaceRoute $($a.TableId) -> $($a.NatGatewayId)")
        @($recording | Get-WriteAction) | Should -Be @('ReplaceRoute')

        # Run again (the monitor retries after its cooldown): the route already goes to the gateway, nothing is written.
        Start-MotoRecording
        (Invoke-ServedTakeover $natB -Zone 'us-east-1a').Action | Should -Be 'NatGatewayFallback'
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty

        # The zone's replacement NAT boots and takes the table back from the gateway.
        $replacement = New-TestInstance $a.PublicSubnetId
        Set-TestSourceDestCheck $replacement -Enabled $false
        $back = Invoke-ServedTakeover $replacement
        $back.Action | Should -Be 'Replaced'
        $back.PreviousTarget | Should -Be $a.NatGatewayId
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $replacement
    }

    It 'a peer''s failover takes the zone itself when the NAT gateway is gone' {
        Invoke-ServedTakeover $natA | Out-Null
        Stop-TestInstance $natA -Terminate
        Invoke-Ec2 DeleteNatGateway ([Amazon.EC2.Model.DeleteNatGatewayRequest]@{ NatGatewayId = $a.NatGatewayId }) | Out-Null
        # moto lists the deleted gateway at once with state "deleted", as AWS does for about an hour after the delete.
        # Where moto falls short: AWS also shows the route to it as a blackhole, moto keeps it "active"; the takeover
        # judges by the gateway's state as well, so this test covers the harder case. moto cannot make a gateway
        # "failed" (xunit covers that state: ServedTakeoverPlannerTests).
        $listed = (Invoke-Ec2 DescribeNatGateways ([Amazon.EC2.Model.DescribeNatGatewaysRequest]@{
                    NatGatewayIds = [System.Collections.Generic.List[string]]@($a.NatGatewayId) })).NatGateways
        $listed[0].State.Value | Should -Be 'deleted'

        Start-MotoRecording
        $result = Invoke-ServedTakeover $natB -Zone 'us-east-1a'
        $recording = @(Get-MotoRecording)

        $result.Action | Should -Be 'Replaced'
        $result.Target | Should -Be $natB
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $natB
        @($recording | Get-RouteWrite) | Should -Be @("ReplaceRoute $($a.TableId) -> $natB")
    }

    It 'a peer''s failover leaves a zone still on its working NAT gateway there' {
        # Zone a's NAT never took its table (its data plane failed, say): the gateway still carries the zone.
        Start-MotoRecording
        $result = Invoke-ServedTakeover $natB -Zone 'us-east-1a'

        $result.Action | Should -Be 'NatGatewayFallback'
        $result.Target | Should -Be $a.NatGatewayId
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
    }

    It 'a peer''s failover takes a zone whose table recorded no NAT gateway' {
        Set-ServedTable $a.TableId 'us-east-1a' 'none'
        Invoke-ServedTakeover $natA | Out-Null
        Stop-TestInstance $natA -Terminate

        $result = Invoke-ServedTakeover $natB -Zone 'us-east-1a'

        $result.Action | Should -Be 'Replaced'
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $natB
    }

    It 'leaves an unserved table on a NAT gateway alone, and says so' {
        # A subnet tagged served-by whose table Add-HaNatVpc did not tag (someone moved the subnet to a table of theirs).
        $theirs = New-UserTable $vpc.VpcId @()
        Set-TestDefaultRoute $theirs -NatGatewayId $a.NatGatewayId
        $association = (Get-TestRouteTable $a.TableId).Associations | Where-Object SubnetId -EQ $a.PrivateSubnetIds[0]
        Invoke-Ec2 ReplaceRouteTableAssociation ([Amazon.EC2.Model.ReplaceRouteTableAssociationRequest]@{
                AssociationId = $association.RouteTableAssociationId; RouteTableId = $theirs }) | Out-Null

        Start-MotoRecording
        $result = Invoke-ServedTakeover $natA

        $result.Action | Should -Be 'LeftForeign'
        $result.RouteTableId | Should -Be $theirs
        $result.Target | Should -Be $a.NatGatewayId
        ($script:Warnings -join ' ') | Should -Match ([regex]::Escape($a.NatGatewayId))
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        (Get-TestDefaultRoute $theirs).NatGatewayId | Should -Be $a.NatGatewayId
    }

    It 'does not write a served table that another zone''s NAT serves' {
        # One table shared by subnets of both zones, which Add-HaNatVpc gave to zone b's NAT (hanat:zone=us-east-1b).
        $association = (Get-TestRouteTable $a.TableId).Associations | Where-Object SubnetId -EQ $a.PrivateSubnetIds[0]
        Invoke-Ec2 ReplaceRouteTableAssociation ([Amazon.EC2.Model.ReplaceRouteTableAssociationRequest]@{
                AssociationId = $association.RouteTableAssociationId; RouteTableId = $b.TableId }) | Out-Null

        Start-MotoRecording
        $result = Invoke-ServedTakeover $natA
        $writes = @(Get-MotoRecording | Get-WriteAction)

        $result.Action | Should -Be 'ServedByOtherZone'
        $result.RouteTableId | Should -Be $b.TableId
        $result.Target | Should -Be $b.NatGatewayId
        $writes | Should -BeNullOrEmpty
        (Get-TestDefaultRoute $b.TableId).NatGatewayId | Should -Be $b.NatGatewayId

        # Zone b's NAT takes it, for both zones' subnets: the one table is written once. (Its results list the subnets
        # of its own zone, the ones a takeover of zone b reads.)
        Start-MotoRecording
        $taken = @(Invoke-ServedTakeover $natB)
        @(Get-MotoRecording | Get-RouteWrite) | Should -Be @("ReplaceRoute $($b.TableId) -> $natB")
        $taken.Action | Should -Be @('Replaced')
        $taken.SubnetId | Should -Be $b.PrivateSubnetIds[0]
        (Get-TestDefaultRoute $b.TableId).InstanceId | Should -Be $natB
    }

    It 'never makes a table in a VPC HaNat did not build: a served subnet on the main table is left there, with a warning' {
        $association = (Get-TestRouteTable $a.TableId).Associations | Where-Object SubnetId -EQ $a.PrivateSubnetIds[0]
        Invoke-Ec2 DisassociateRouteTable ([Amazon.EC2.Model.DisassociateRouteTableRequest]@{ AssociationId = $association.RouteTableAssociationId }) | Out-Null

        Start-MotoRecording
        $result = Invoke-ServedTakeover $natA

        $result.Action | Should -Be 'LeftOnMainTable'
        $result.RouteTableId | Should -Be $vpc.MainRouteTableId
        ($script:Warnings -join ' ') | Should -Match 'main table'
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
    }

    It '-WhatIf prints the fallback and writes nothing' {
        Invoke-ServedTakeover $natA | Out-Null
        Stop-TestInstance $natA -Terminate

        Start-MotoRecording
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "hanat-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        $output = Invoke-HaNatTakeover -InstanceId $natB -AvailabilityZone 'us-east-1a' -PrivateSubnetTag $script:ServedTag -WhatIf @aws
        Stop-Transcript | Out-Null
        $writes = @(Get-MotoRecording | Get-WriteAction)
        $printed = Get-Content $transcript -Raw
        Remove-Item $transcript

        $writes | Should -BeNullOrEmpty
        $output | Should -BeNullOrEmpty
        $printed | Should -Match ("What if: .*replace 0.0.0.0/0 -> $natA with -> $($a.NatGatewayId) in $($a.TableId)")
        (Get-TestDefaultRoute $a.TableId).InstanceId | Should -Be $natA
    }
}
