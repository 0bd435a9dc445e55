# Remove-HaNatVpc as users call it, against moto: it leaves nothing of any resource type, a second run writes
# nothing, -WhatIf writes nothing, anything HaNat did not create blocks it or is left alone, and a run that stopped
# half-way is finished by the next.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-ErrorOf([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function Get-Total($Footprint) { ($Footprint.Values | Measure-Object -Sum).Sum }

    # One moto for the file: each context builds VPCs of its own names and ranges.
    Reset-Moto
    New-TestHaNatImage | Out-Null
}

Describe 'Remove-HaNatVpc' {
    Context 'a whole 3-zone VPC' {
        BeforeAll {
            $vpc = New-HaNatVpc -Name gone -CidrBlock '10.80' @aws
            $before = Get-HaNatFootprint gone
            $mainTable = ((Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $vpc.VpcId; 'association.main' = 'true' }) })).RouteTables)[0].RouteTableId

            Start-MotoRecording
            Get-HaNatVpc -Name gone @aws | Remove-HaNatVpc -Confirm:$false @aws
            $recording = @(Get-MotoRecording)
            $writes = @($recording | Get-WriteAction)
        }

        It 'had built every kind of resource, NATs included' {
            foreach ($kind in $before.Keys) { $before[$kind] | Should -BeGreaterThan 0 -Because $kind }
        }

        It 'leaves nothing of any kind: VPC, subnets, tables, group, gateway, addresses, template, Auto Scaling group, role, profile, parameter, NATs' {
            $after = Get-HaNatFootprint gone
            foreach ($kind in $after.Keys) { $after[$kind] | Should -Be 0 -Because $kind }
        }

        It 'deletes the group first and the VPC last, and never the main route table' {
            $writes[0] | Should -Be 'DeleteAutoScalingGroup'
            $writes[-1] | Should -Be 'DeleteVpc'
            $deletedTables = @($recording | Where-Object Action -EQ 'DeleteRouteTable' | ForEach-Object { $_.Parameters['RouteTableId'] })
            $deletedTables.Count | Should -Be 4
            $deletedTables | Should -Not -Contain $mainTable
            $order = { param($action) [array]::IndexOf([object[]]$writes, $action) }
            (& $order 'DeleteLaunchTemplate') | Should -BeLessThan (& $order 'DeleteSecurityGroup')
            (& $order 'DisassociateRouteTable') | Should -BeLessThan (& $order 'DeleteRouteTable')
            (& $order 'DeleteSubnet') | Should -BeLessThan (& $order 'DeleteVpc')
            (& $order 'DetachInternetGateway') | Should -BeLessThan (& $order 'DeleteInternetGateway')
            (& $order 'RemoveRoleFromInstanceProfile') | Should -BeLessThan (& $order 'DeleteRole')
            (& $order 'DeleteRolePolicy') | Should -BeLessThan (& $order 'DeleteRole')
        }

        It 'deletes the Auto Scaling group with its instances (ForceDelete)' {
            ($recording | Where-Object Action -EQ 'DeleteAutoScalingGroup').Parameters['ForceDelete'] | Should -Be 'true'
        }

        It 'writes nothing when run again, and says there is no such HaNat VPC (as Remove-EC2Vpc would)' {
            Start-MotoRecording
            $err = Get-ErrorOf { Remove-HaNatVpc -Name gone -Confirm:$false @aws -ErrorAction Stop }
            $again = @(Get-MotoAction)

            @($again | Where-Object IsWrite) | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'HaNatVpcNotFound,HaNat.Commands.RemoveHaNatVpcCommand'
        }
    }

    Context '-WhatIf' {
        It 'writes nothing and keeps the VPC whole' {
            New-HaNatVpc -Name kept -CidrBlock '10.81' -ZoneCount 1 @aws | Out-Null

            Start-MotoRecording
            Remove-HaNatVpc -Name kept -WhatIf @aws
            $recorded = @(Get-MotoAction)

            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            (Get-HaNatVpc -Name kept @aws).IsComplete | Should -BeTrue
        }
    }

    Context 'what HaNat did not create' {
        BeforeAll {
            $shared = New-HaNatVpc -Name shared -CidrBlock '10.82' -ZoneCount 1 @aws
        }

        It 'refuses a VPC holding <Case>, before any write, and names it' -ForEach @(
            @{ Case = 'a subnet of someone else''s' }
            @{ Case = 'an instance in a HaNat private subnet' }
            @{ Case = 'a network interface of something else (an endpoint, a function)' }
        ) {
            $zone = $shared.Zones[0]
            $blocker = switch -Wildcard ($Case) {
                'a subnet*' { (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $shared.VpcId; CidrBlock = '10.82.96.0/20'; AvailabilityZone = 'us-east-1a' })).Subnet.SubnetId }
                'an instance*' { New-TestInstance $zone.PrivateSubnetId -Application }
                'a network*' { (Invoke-Ec2 CreateNetworkInterface ([Amazon.EC2.Model.CreateNetworkInterfaceRequest]@{ SubnetId = $zone.PrivateSubnetId; Description = 'someone else''s' })).NetworkInterface.NetworkInterfaceId }
            }
            try {
                Start-MotoRecording
                $err = Get-ErrorOf { Remove-HaNatVpc -Name shared -Confirm:$false @aws -ErrorAction Stop }
                $recorded = @(Get-MotoAction)

                $err.FullyQualifiedErrorId | Should -Be 'ForeignResourcesInVpc,HaNat.Commands.RemoveHaNatVpcCommand'
                $err.CategoryInfo.Category | Should -Be 'ResourceExists'
                $err.Exception.Message | Should -Match ([regex]::Escape($blocker))
                $err.Exception.Message | Should -Match 'nothing was removed'
                @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
                (Get-HaNatVpc -Name shared @aws).IsComplete | Should -BeTrue
            }
            finally {
                switch -Wildcard ($Case) {
                    'a subnet*' { Invoke-Ec2 DeleteSubnet ([Amazon.EC2.Model.DeleteSubnetRequest]@{ SubnetId = $blocker }) | Out-Null }
                    'an instance*' { Stop-TestInstance $blocker -Terminate }
                    'a network*' { Invoke-Ec2 DeleteNetworkInterface ([Amazon.EC2.Model.DeleteNetworkInterfaceRequest]@{ NetworkInterfaceId = $blocker }) | Out-Null }
                }
            }
        }

        It 'removes the same VPC once what blocked it is gone' {
            Remove-HaNatVpc -Name shared -Confirm:$false @aws

            Get-Total (Get-HaNatFootprint shared) | Should -Be 0
        }

        It 'refuses <Case> with <ErrorId>, naming it, and writes nothing' -ForEach @(
            @{ Case = 'an unknown -VpcId'; Arguments = @{ VpcId = 'vpc-0123456789abcdef0' }; ErrorId = 'VpcNotFound'; Named = 'vpc-0123456789abcdef0'; Category = 'ObjectNotFound' }
            @{ Case = 'a -Name no HaNat VPC has (a typo)'; Arguments = @{ Name = 'shraed' }; ErrorId = 'HaNatVpcNotFound'; Named = 'shraed'; Category = 'ObjectNotFound' }
            @{ Case = 'a -Name pattern, which must not choose what is deleted'; Arguments = @{ Name = 'sha*' }; ErrorId = 'InvalidName'; Named = 'sha\*'; Category = 'InvalidArgument' }
        ) {
            Start-MotoRecording
            $err = Get-ErrorOf { Remove-HaNatVpc @Arguments -Confirm:$false @aws -ErrorAction Stop }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.RemoveHaNatVpcCommand"
            $err.CategoryInfo.Category | Should -Be $Category
            $err.Exception.Message | Should -Match $Named
            if ($ErrorId -ne 'InvalidName') { $err.Exception.Message | Should -Match 'Get-HaNatVpc' }
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        }

        It 'refuses a VPC that New-HaNatVpc did not build' {
            $plain = (Invoke-Ec2 CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{ CidrBlock = '10.83.0.0/16' })).Vpc.VpcId

            Start-MotoRecording
            $err = Get-ErrorOf { Remove-HaNatVpc -VpcId $plain -Confirm:$false @aws -ErrorAction Stop }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be 'NotHaNatVpc,HaNat.Commands.RemoveHaNatVpcCommand'
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @((Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $plain }) })).Vpcs).Count | Should -Be 1
        }

        It 'leaves alone a role of a HaNat name that HaNat did not tag, and removes the leftovers HaNat did make' {
            Invoke-MotoQuery iam CreateRole @{ RoleName = 'orphan-nat-us-east-1'; Path = '/hanat/'; AssumeRolePolicyDocument = '{}' } | Out-Null
            $put = [Amazon.SimpleSystemsManagement.Model.PutParameterRequest]@{ Name = '/hanat/orphan/heartbeat-key'; Type = 'SecureString'; Value = 'x' }
            Invoke-Ssm PutParameter $put | Out-Null

            Remove-HaNatVpc -Name orphan -Confirm:$false @aws -WarningVariable warned -WarningAction SilentlyContinue

            ($warned -join ' ') | Should -Match 'Left alone: IAM role /hanat/orphan-nat-us-east-1'
            (Invoke-MotoQuery iam GetRole @{ RoleName = 'orphan-nat-us-east-1' }).StatusCode | Should -Be 200
            (Get-HaNatFootprint orphan).Parameter | Should -Be 0
        }
    }

    Context 'peerings' {
        BeforeAll {
            # A peer, as Connect-HaNatVpc sees one: HaNat-tagged route tables that get routes to the peering.
            $peer = New-TestPeeringVpc -CidrBlock '10.85.0.0/16' -Name peer
            function Get-PeerRoutesTo([string] $Pcx) {
                @(foreach ($table in $peer.HaNatRouteTableIds) { Get-TestRoute $table | Where-Object VpcPeeringConnectionId -EQ $Pcx })
            }
            function Get-LivePeering([string] $VpcId) {
                # moto keeps deleted connections: only the live ones join anything.
                @(Get-TestPeeringConnection $VpcId $peer.VpcId | Where-Object { $_.Status.Code.Value -notin 'deleted', 'rejected', 'failed', 'expired' })
            }
        }

        It 'removes a VPC whose only extra is HaNat''s own peering: the peering, and the peer''s routes to it, go too' {
            $vpc = New-HaNatVpc -Name peered -CidrBlock '10.86' -ZoneCount 1 @aws
            $pcx = @(Connect-HaNatVpc -VpcId $vpc.VpcId -PeerVpcId $peer.VpcId @aws)[0].PeeringConnectionId
            Get-PeerRoutesTo $pcx | Should -Not -BeNullOrEmpty

            Start-MotoRecording
            Remove-HaNatVpc -Name peered -Confirm:$false @aws -ErrorAction Stop
            $writes = @(Get-MotoRecording | Get-WriteAction)

            Get-Total (Get-HaNatFootprint peered) | Should -Be 0
            Get-LivePeering $vpc.VpcId | Should -BeNullOrEmpty
            Get-PeerRoutesTo $pcx | Should -BeNullOrEmpty
            $writes | Should -Contain 'DeleteVpcPeeringConnection'
            [array]::IndexOf([object[]]$writes, 'DeleteVpcPeeringConnection') | Should -BeLessThan ([array]::IndexOf([object[]]$writes, 'DeleteVpc'))
            @((Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $peer.VpcId }) })).Vpcs).Count | Should -Be 1
        }

        It 'removes HaNat''s peering with a VPC in another region, and the routes to it there' {
            $west = New-TestPeeringVpc -CidrBlock '10.89.0.0/16' -Name west -Region 'us-west-2'
            $vpc = New-HaNatVpc -Name crossed -CidrBlock '10.90' -ZoneCount 1 @aws
            $pcx = @(Connect-HaNatVpc -VpcId $vpc.VpcId -PeerVpcId $west.VpcId -PeerRegion 'us-west-2' @aws)[0].PeeringConnectionId
            $westRoutes = { @(foreach ($table in $west.HaNatRouteTableIds) { Get-TestRoute $table -Region 'us-west-2' | Where-Object VpcPeeringConnectionId -EQ $pcx }) }
            & $westRoutes | Should -Not -BeNullOrEmpty

            Remove-HaNatVpc -Name crossed -Confirm:$false @aws -ErrorAction Stop

            Get-Total (Get-HaNatFootprint crossed) | Should -Be 0
            & $westRoutes | Should -BeNullOrEmpty
            @(Get-TestPeeringConnection $vpc.VpcId $west.VpcId | Where-Object { $_.Status.Code.Value -notin 'deleted', 'rejected', 'failed', 'expired' }) | Should -BeNullOrEmpty
        }

        It 'no longer cites a peering Disconnect-HaNatVpc deleted' {
            $vpc = New-HaNatVpc -Name unpeered -CidrBlock '10.87' -ZoneCount 1 @aws
            $pcx = @(Connect-HaNatVpc -VpcId $vpc.VpcId -PeerVpcId $peer.VpcId @aws)[0].PeeringConnectionId
            Disconnect-HaNatVpc -VpcId $vpc.VpcId -PeerVpcId $peer.VpcId -Confirm:$false @aws

            Start-MotoRecording
            Remove-HaNatVpc -Name unpeered -Confirm:$false @aws -ErrorAction Stop
            $recorded = @(Get-MotoRecording)

            Get-Total (Get-HaNatFootprint unpeered) | Should -Be 0
            # The deleted connection is neither a blocker nor disconnected again.
            @($recorded | Where-Object { $_.Parameters['VpcPeeringConnectionId'] -eq $pcx -and $_.Action -notmatch '^Describe' }) | Should -BeNullOrEmpty
        }

        It 'still refuses a peering HaNat did not make, before any write, and names it' {
            $vpc = New-HaNatVpc -Name foreignpeer -CidrBlock '10.88' -ZoneCount 1 @aws
            $pcx = New-TestPeeringConnection -VpcId $vpc.VpcId -PeerVpcId $peer.VpcId -Accept

            Start-MotoRecording
            $err = Get-ErrorOf { Remove-HaNatVpc -Name foreignpeer -Confirm:$false @aws -ErrorAction Stop }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be 'ForeignResourcesInVpc,HaNat.Commands.RemoveHaNatVpcCommand'
            $err.Exception.Message | Should -Match $pcx
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        }
    }

    Context 'a removal that stopped half-way' {
        BeforeAll {
            New-HaNatVpc -Name half -CidrBlock '10.84' -ZoneCount 1 @aws | Out-Null
            $proxy = Start-FaultProxy -Fail DeleteSubnet
        }

        AfterAll {
            Stop-FaultProxy $proxy
        }

        It 'stops at the failed step, says to run it again, and the next run finishes the job' {
            $err = Get-ErrorOf { Remove-HaNatVpc -Name half -Confirm:$false -EndpointUrl $proxy.Url -Region us-east-1 -ErrorAction Stop }

            $err.FullyQualifiedErrorId | Should -Be 'AwsEC2DeleteSubnetFailed,HaNat.Commands.RemoveHaNatVpcCommand'
            $err.Exception.Message | Should -Match 'run Remove-HaNatVpc -Name half again'
            $partial = Get-HaNatFootprint half
            $partial.AutoScalingGroup | Should -Be 0
            $partial.Role | Should -Be 0
            $partial.Vpc | Should -Be 1
            $partial.Subnet | Should -BeGreaterThan 0

            Remove-HaNatVpc -Name half -Confirm:$false @aws

            Get-Total (Get-HaNatFootprint half) | Should -Be 0
        }
    }
}
