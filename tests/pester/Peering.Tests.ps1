# Connect-HaNatVpc and Disconnect-HaNatVpc as users call them, against moto: the connection and the routes both
# ways, idempotence and -WhatIf proven with moto's recorder, conflicts, cross-region, and every bad input.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    # Every route to a peering connection in the given tables, as "rtb cidr pcx" lines, sorted.
    function Get-PeeringRouteLine([string[]] $RouteTableId, [string] $Region = 'us-east-1') {
        @(foreach ($table in $RouteTableId) {
            Get-TestRoute $table -Region $Region | Where-Object VpcPeeringConnectionId |
                ForEach-Object { "$table $($_.DestinationCidrBlock) $($_.VpcPeeringConnectionId)" }
        }) | Sort-Object
    }

    # The lines Get-PeeringRouteLine should find once two VPCs are peered through $Connection.
    function Get-ExpectedRouteLine($Vpc, $Peer, [string] $Connection) {
        @(foreach ($table in $Vpc.HaNatRouteTableIds) { foreach ($cidr in $Peer.CidrBlocks) { "$table $cidr $Connection" } }) | Sort-Object
    }
}

Describe 'Connect-HaNatVpc' {
    BeforeEach {
        Reset-Moto
        $alpha = New-TestPeeringVpc -CidrBlock '10.1.0.0/16' -Name alpha
        $beta = New-TestPeeringVpc -CidrBlock '10.2.0.0/16' -Name beta -SecondaryCidrBlock '10.102.0.0/16'
    }

    Context 'a new peering' {
        It 'creates an active connection tagged as HaNat''s, named after both VPCs' {
            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)

            $connection = @(Get-TestPeeringConnection $alpha.VpcId $beta.VpcId)
            $connection.Count | Should -Be 1
            $connection[0].Status.Code.Value | Should -Be 'active'
            $connection[0].RequesterVpcInfo.VpcId | Should -Be $alpha.VpcId
            $connection[0].AccepterVpcInfo.VpcId | Should -Be $beta.VpcId
            ($connection[0].Tags | Where-Object Key -EQ 'hanat:managed').Value | Should -Be 'true'
            ($connection[0].Tags | Where-Object Key -EQ 'Name').Value | Should -Be 'alpha-to-beta'
            $results.PeeringConnectionId | Sort-Object -Unique | Should -Be $connection[0].VpcPeeringConnectionId
        }

        It 'routes every block of each VPC from every HaNat route table of the other, and none from other tables' {
            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)
            $pcx = $results[0].PeeringConnectionId

            Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $alpha $beta $pcx)
            Get-PeeringRouteLine $beta.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $beta $alpha $pcx)
            Get-PeeringRouteLine $alpha.ForeignRouteTableId, $beta.ForeignRouteTableId, $alpha.MainRouteTableId, $beta.MainRouteTableId |
                Should -BeNullOrEmpty

            # alpha: 3 tables x 2 blocks of beta; beta: 3 tables x 1 block of alpha.
            $results.Count | Should -Be 9
            $results | ForEach-Object { $_ | Should -BeOfType ([HaNat.Model.PeeringResult]) }
            $results.Action | Sort-Object -Unique | Should -Be 'Created'
            @($results | Where-Object VpcId -EQ $alpha.VpcId).PeerVpcId | Sort-Object -Unique | Should -Be $beta.VpcId
            @($results | Where-Object VpcId -EQ $beta.VpcId).DestinationCidr | Sort-Object -Unique | Should -Be '10.1.0.0/16'
        }

        It 'creates, then accepts, then routes, and tags the connection as it creates it' {
            Start-MotoRecording
            Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null
            $recording = @(Get-MotoRecording)
            $writes = @($recording | Get-WriteAction)

            $writes | Should -Be (@('CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection') + @('CreateRoute') * 9)
            $create = $recording | Where-Object Action -EQ 'CreateVpcPeeringConnection'
            $create.Parameters['TagSpecification.1.ResourceType'] | Should -Be 'vpc-peering-connection'
            $create.Parameters.Values | Should -Contain 'hanat:managed'
            $create.Parameters.Keys | Should -Not -Contain 'PeerRegion'
        }

        It 'writes nothing on a second run, reads in one round, and reports every route unchanged' {
            Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null

            Start-MotoRecording
            $second = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)
            $recording = @(Get-MotoRecording)

            @($recording | Get-WriteAction) | Should -BeNullOrEmpty
            ($recording.Action | Sort-Object) | Should -Be @('DescribeRouteTables', 'DescribeRouteTables', 'DescribeVpcPeeringConnections', 'DescribeVpcs', 'DescribeVpcs')
            $second.Count | Should -Be 9
            $second.Action | Sort-Object -Unique | Should -Be 'Unchanged'
        }

        It 'connects from either end to the same connection' {
            $first = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)

            Start-MotoRecording
            $reverse = @(Connect-HaNatVpc -VpcId $beta.VpcId -PeerVpcId $alpha.VpcId @aws)

            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
            $reverse.Action | Sort-Object -Unique | Should -Be 'Unchanged'
            $reverse.PeeringConnectionId | Sort-Object -Unique | Should -Be $first[0].PeeringConnectionId
        }

        It 'names each AWS call under -Verbose' {
            $verbose = Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

            $lines = $verbose.Message -join "`n"
            $lines | Should -Match 'EC2 CreateVpcPeeringConnection'
            $lines | Should -Match 'EC2 AcceptVpcPeeringConnection'
            $lines | Should -Match 'EC2 CreateRoute rtb-\S+ 10\.102\.0\.0/16 -> pcx-'
        }
    }

    Context 'connections and routes that are already there' {
        It 'reuses an active connection made outside HaNat in the other direction, and creates only routes' {
            $pcx = New-TestPeeringConnection -VpcId $beta.VpcId -PeerVpcId $alpha.VpcId -Accept

            Start-MotoRecording
            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $writes | Sort-Object -Unique | Should -Be 'CreateRoute'
            $results.PeeringConnectionId | Sort-Object -Unique | Should -Be $pcx
            Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $alpha $beta $pcx)
            @(Get-TestPeeringConnection $alpha.VpcId $beta.VpcId).Count | Should -Be 1
        }

        It 'accepts a connection that waits for acceptance instead of making another' {
            $pcx = New-TestPeeringConnection -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId

            Start-MotoRecording
            Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $writes | Should -Not -Contain 'CreateVpcPeeringConnection'
            $writes[0] | Should -Be 'AcceptVpcPeeringConnection'
            (Get-TestPeeringConnection $alpha.VpcId $beta.VpcId)[0].Status.Code.Value | Should -Be 'active'
            Get-PeeringRouteLine $beta.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $beta $alpha $pcx)
        }

        It 'leaves a route to the peer''s block that goes elsewhere, warns, and replaces it only with -Force' {
            $igw = New-TestInternetGateway $alpha.VpcId
            $private = $alpha.HaNatRouteTableIds[1]
            Add-TestRoute $private -DestinationCidrBlock '10.2.0.0/16' -GatewayId $igw

            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws -WarningVariable warnings -WarningAction SilentlyContinue)

            $conflict = @($results | Where-Object Action -EQ 'Conflict')
            $conflict.Count | Should -Be 1
            $conflict[0].RouteTableId | Should -Be $private
            $conflict[0].DestinationCidr | Should -Be '10.2.0.0/16'
            $conflict[0].ConflictingTarget | Should -Be $igw
            ($warnings -join ' ') | Should -Match ([regex]::Escape($private))
            ($warnings -join ' ') | Should -Match '-Force'
            (Get-TestRoute $private | Where-Object DestinationCidrBlock -EQ '10.2.0.0/16').GatewayId | Should -Be $igw
            @($results | Where-Object Action -EQ 'Created').Count | Should -Be 8

            Start-MotoRecording
            $forced = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Force @aws)
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $writes | Should -Be @('ReplaceRoute')
            $replaced = $forced | Where-Object Action -EQ 'Replaced'
            $replaced.RouteTableId | Should -Be $private
            $replaced.ConflictingTarget | Should -Be $igw
            (Get-TestRoute $private | Where-Object DestinationCidrBlock -EQ '10.2.0.0/16').VpcPeeringConnectionId | Should -Be $replaced.PeeringConnectionId
        }

        It 'makes a new connection after a Disconnect, and moves its routes to it' {
            $old = (Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)[0].PeeringConnectionId
            Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false @aws

            $new = (Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)[0].PeeringConnectionId

            $new | Should -Not -Be $old
            Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $alpha $beta $new)
        }
    }

    Context '-WhatIf' {
        It 'writes nothing and outputs nothing, and prints the connection and each route it would make' {
            Start-MotoRecording
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "hanat-peer-whatif-$([guid]::NewGuid()).txt"
            Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
            $output = Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -WhatIf @aws
            Stop-Transcript | Out-Null
            $writes = @(Get-MotoRecording | Get-WriteAction)
            $printed = Get-Content $transcript -Raw
            Remove-Item $transcript

            $writes | Should -BeNullOrEmpty
            $output | Should -BeNullOrEmpty
            $printed | Should -Match 'What if: .*create and accept peering connection alpha-to-beta'
            $printed | Should -Match ('What if: .*create route 10\.102\.0\.0/16 -> the new peering connection .* on target "{0}"' -f $alpha.HaNatRouteTableIds[0])
            @([regex]::Matches($printed, 'What if: .*create route')).Count | Should -Be 9
            Get-TestPeeringConnection $alpha.VpcId $beta.VpcId | Should -BeNullOrEmpty
        }
    }

    Context 'another region' {
        It 'creates the connection here, accepts it in the peer''s region, and routes both sides' {
            $west = New-TestPeeringVpc -CidrBlock '10.3.0.0/16' -Name west -Region 'us-west-2'

            Start-MotoRecording
            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $west.VpcId -PeerRegion 'us-west-2' @aws)
            $recording = @(Get-MotoRecording)

            # moto refuses an acceptance made in the requester's region, so this also proves where it was accepted.
            @($recording | Get-WriteAction)[0..1] | Should -Be @('CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection')
            ($recording | Where-Object Action -EQ 'CreateVpcPeeringConnection').Parameters['PeerRegion'] | Should -Be 'us-west-2'
            $pcx = $results[0].PeeringConnectionId
            (Get-TestPeeringConnection $alpha.VpcId $west.VpcId)[0].Status.Code.Value | Should -Be 'active'
            Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -Be (Get-ExpectedRouteLine $alpha $west $pcx)
            Get-PeeringRouteLine $west.HaNatRouteTableIds -Region 'us-west-2' | Should -Be (Get-ExpectedRouteLine $west $alpha $pcx)
            Get-PeeringRouteLine $west.ForeignRouteTableId -Region 'us-west-2' | Should -BeNullOrEmpty
        }

        It 'disconnects a cross-region peering from Connect-HaNatVpc''s results, <Case>, with no spurious error' -ForEach @(
            @{ Case = 'given -PeerRegion again'; Disconnect = @{ PeerRegion = 'us-west-2' } }
            @{ Case = 'taking the regions from the results'; Disconnect = @{} }
        ) {
            $west = New-TestPeeringVpc -CidrBlock '10.3.0.0/16' -Name west -Region 'us-west-2'
            $results = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $west.VpcId -PeerRegion 'us-west-2' @aws)
            # Both ends' results: the far end's name its own VPC first, in its own region.
            ($results | Where-Object VpcId -EQ $west.VpcId).VpcRegion | Sort-Object -Unique | Should -Be 'us-west-2'

            Start-MotoRecording
            $results | Disconnect-HaNatVpc @Disconnect -Confirm:$false @aws -ErrorVariable failed -ErrorAction SilentlyContinue
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $failed | Should -BeNullOrEmpty
            @($writes | Where-Object { $_ -eq 'DeleteVpcPeeringConnection' }).Count | Should -Be 1
            Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -BeNullOrEmpty
            Get-PeeringRouteLine $west.HaNatRouteTableIds -Region 'us-west-2' | Should -BeNullOrEmpty
        }

        It 'says to pass -PeerRegion when the peer is not in this region' {
            $west = New-TestPeeringVpc -CidrBlock '10.3.0.0/16' -Name west -Region 'us-west-2'
            Start-MotoRecording

            { Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $west.VpcId @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'VpcNotFound,HaNat.Commands.ConnectHaNatVpcCommand' -ExpectedMessage '*-PeerRegion*'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }
    }

    Context 'pipeline input' {
        It 'takes an [Amazon.EC2.Model.Vpc] from the pipeline, and objects with VpcId and PeerVpcId' {
            $vpc = (Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ VpcIds = [System.Collections.Generic.List[string]]@($alpha.VpcId) })).Vpcs[0]
            $vpc | Should -BeOfType ([Amazon.EC2.Model.Vpc])

            $fromVpc = @($vpc | Connect-HaNatVpc -PeerVpcId $beta.VpcId @aws)
            $fromPair = @([pscustomobject]@{ VpcId = $beta.VpcId; PeerVpcId = $alpha.VpcId } | Connect-HaNatVpc @aws)

            $fromVpc.Action | Sort-Object -Unique | Should -Be 'Created'
            $fromPair.Action | Sort-Object -Unique | Should -Be 'Unchanged'
        }
    }

    Context 'bad input is refused before any write' {
        BeforeEach { Start-MotoRecording }

        It 'refuses overlapping address ranges, naming both blocks, even with -Force' {
            $gamma = New-TestPeeringVpc -CidrBlock '10.3.0.0/16' -Name gamma -SecondaryCidrBlock '10.1.16.0/20'
            Start-MotoRecording

            $err = { Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $gamma.VpcId -Force @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'OverlappingCidr,*' -PassThru
            $err.Exception.Message | Should -Match '10\.1\.0\.0/16'
            $err.Exception.Message | Should -Match '10\.1\.16\.0/20'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
            Get-TestPeeringConnection $alpha.VpcId $gamma.VpcId | Should -BeNullOrEmpty
        }

        It 'refuses a VPC that is not HaNat''s, and peers it with -Force' {
            $plain = New-TestPeeringVpc -CidrBlock '10.4.0.0/16' -Name plain -NotHaNat
            Start-MotoRecording

            $err = { Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $plain.VpcId @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'NotHaNatVpc,*' -PassThru
            $err.Exception.Message | Should -Match $plain.VpcId
            $err.Exception.Message | Should -Not -Match $alpha.VpcId
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty

            $forced = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $plain.VpcId -Force @aws -WarningVariable warnings -WarningAction SilentlyContinue)
            ($warnings -join ' ') | Should -Match ([regex]::Escape($plain.VpcId))
            $forced.Action | Sort-Object -Unique | Should -Be 'Created'
        }

        It 'refuses the same VPC twice without calling AWS' {
            $err = { Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $alpha.VpcId @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'SameVpc,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses an unknown VPC on either end' {
            { Connect-HaNatVpc -VpcId 'vpc-0123456789abcdef0' -PeerVpcId $beta.VpcId @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'VpcNotFound,*' -ExpectedMessage '*vpc-0123456789abcdef0*'
            $err = { Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId 'vpc-0123456789abcdef0' @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'VpcNotFound,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }

        It 'refuses a VPC id that is not one' {
            { Connect-HaNatVpc -VpcId 'subnet-123' -PeerVpcId $beta.VpcId @aws } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }
    }
}

Describe 'Disconnect-HaNatVpc' {
    BeforeEach {
        Reset-Moto
        $alpha = New-TestPeeringVpc -CidrBlock '10.1.0.0/16' -Name alpha
        $beta = New-TestPeeringVpc -CidrBlock '10.2.0.0/16' -Name beta -SecondaryCidrBlock '10.102.0.0/16'
    }

    It 'removes HaNat''s routes on both sides, then the connection HaNat made; a second run is a no-op' {
        $pcx = (Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)[0].PeeringConnectionId

        Start-MotoRecording
        $removed = @(Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false -PassThru @aws)
        $writes = @(Get-MotoRecording | Get-WriteAction)

        $writes | Should -Be (@('DeleteRoute') * 9 + @('DeleteVpcPeeringConnection'))
        $removed.Count | Should -Be 9
        $removed.Action | Sort-Object -Unique | Should -Be 'Removed'
        $removed.PeeringConnectionId | Sort-Object -Unique | Should -Be $pcx
        Get-PeeringRouteLine ($alpha.HaNatRouteTableIds + $beta.HaNatRouteTableIds) | Should -BeNullOrEmpty
        (Get-TestPeeringConnection $alpha.VpcId $beta.VpcId)[0].Status.Code.Value | Should -Be 'deleted'

        Start-MotoRecording
        $again = Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false -PassThru @aws
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        $again | Should -BeNullOrEmpty
    }

    It 'writes nothing to the pipeline without -PassThru' {
        Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null
        Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false @aws | Should -BeNullOrEmpty
        Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -BeNullOrEmpty
    }

    It 'never touches a table that is not HaNat''s, and says what it leaves pointing at the deleted connection' {
        $pcx = (Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)[0].PeeringConnectionId
        Add-TestRoute $alpha.ForeignRouteTableId -DestinationCidrBlock '10.2.0.0/16' -VpcPeeringConnectionId $pcx

        Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false @aws -WarningVariable warnings -WarningAction SilentlyContinue

        Get-PeeringRouteLine $alpha.ForeignRouteTableId | Should -Be "$($alpha.ForeignRouteTableId) 10.2.0.0/16 $pcx"
        ($warnings -join ' ') | Should -Match ([regex]::Escape($alpha.ForeignRouteTableId))
        Get-PeeringRouteLine $alpha.HaNatRouteTableIds | Should -BeNullOrEmpty
    }

    It 'removes its routes to a connection HaNat did not make, and leaves the connection' {
        $pcx = New-TestPeeringConnection -VpcId $beta.VpcId -PeerVpcId $alpha.VpcId -Accept
        Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null

        Start-MotoRecording
        Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false @aws -WarningVariable warnings -WarningAction SilentlyContinue
        $writes = @(Get-MotoRecording | Get-WriteAction)

        $writes | Sort-Object -Unique | Should -Be 'DeleteRoute'
        (Get-TestPeeringConnection $alpha.VpcId $beta.VpcId)[0].Status.Code.Value | Should -Be 'active'
        ($warnings -join ' ') | Should -Match "$pcx .*not made by HaNat"
        Get-PeeringRouteLine ($alpha.HaNatRouteTableIds + $beta.HaNatRouteTableIds) | Should -BeNullOrEmpty
    }

    It 'writes nothing under -WhatIf' {
        Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws | Out-Null

        Start-MotoRecording
        Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -WhatIf @aws
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        (Get-TestPeeringConnection $alpha.VpcId $beta.VpcId)[0].Status.Code.Value | Should -Be 'active'
    }

    It 'takes Connect-HaNatVpc''s results from the pipeline and disconnects the pair once' {
        $results = Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws

        Start-MotoRecording
        $results | Disconnect-HaNatVpc -Confirm:$false @aws
        $writes = @(Get-MotoRecording | Get-WriteAction)

        @($writes | Where-Object { $_ -eq 'DeleteVpcPeeringConnection' }).Count | Should -Be 1
        Get-PeeringRouteLine ($alpha.HaNatRouteTableIds + $beta.HaNatRouteTableIds) | Should -BeNullOrEmpty
    }

    It 'refuses the same VPC twice and an unknown VPC' {
        Start-MotoRecording
        { Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $alpha.VpcId -Confirm:$false @aws -ErrorAction Stop } | Should -Throw -ErrorId 'SameVpc,*'
        { Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId 'vpc-0123456789abcdef0' -Confirm:$false @aws -ErrorAction Stop } |
            Should -Throw -ErrorId 'VpcNotFound,HaNat.Commands.DisconnectHaNatVpcCommand'
        @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
    }

    It 'is a High-impact change, so it asks before it removes anything' {
        (Get-Command Disconnect-HaNatVpc).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}

Describe 'The Operator policy and the calls peering makes' {
    BeforeEach { Reset-Moto }

    It 'allows every action Connect-HaNatVpc and Disconnect-HaNatVpc send' {
        $alpha = New-TestPeeringVpc -CidrBlock '10.1.0.0/16' -Name alpha
        $beta = New-TestPeeringVpc -CidrBlock '10.2.0.0/16' -Name beta
        $igw = New-TestInternetGateway $alpha.VpcId
        Add-TestRoute $alpha.HaNatRouteTableIds[0] -DestinationCidrBlock '10.2.0.0/16' -GatewayId $igw

        Start-MotoRecording
        Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Force @aws | Out-Null
        Disconnect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId -Confirm:$false @aws
        $actions = @(Get-MotoRecording | Where-Object Action | ForEach-Object { (Get-HaNatInternalType HaNat.Policies.IamAction)::Of($_.Service, $_.Action) } | Sort-Object -Unique)

        foreach ($expected in 'ec2:CreateVpcPeeringConnection', 'ec2:AcceptVpcPeeringConnection', 'ec2:CreateRoute', 'ec2:ReplaceRoute',
            'ec2:DeleteRoute', 'ec2:DeleteVpcPeeringConnection', 'ec2:DescribeVpcPeeringConnections') {
            $actions | Should -Contain $expected
        }
        foreach ($action in $actions) {
            (Get-HaNatInternalType HaNat.Policies.IamPolicies)::Operator.Allows($action) | Should -BeTrue -Because "peering sent $action"
        }
    }
}
