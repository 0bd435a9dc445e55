# Invoke-HaNatTakeover as users call it, against moto: every route rule, the order of the writes,
# idempotence, -WhatIf, pipeline input, and every bad input.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
}

Describe 'Invoke-HaNatTakeover' {
    BeforeEach { Reset-Moto }

    Context 'route rules' {
        It 'creates 0.0.0.0/0 to the NAT where the table has none, and turns source/dest check off' {
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $nat = New-TestInstance $zone.PublicSubnetId

            $result = Invoke-HaNatTakeover -InstanceId $nat @aws

            $result.Action | Should -Be 'Created'
            $result.SubnetId | Should -Be $zone.PrivateSubnetIds[0]
            $result.RouteTableId | Should -Be $zone.RouteTableIds[0]
            $result.AvailabilityZone | Should -Be 'us-east-1a'
            $result.Target | Should -Be $nat
            $result.PreviousTarget | Should -BeNullOrEmpty
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).InstanceId | Should -Be $nat
            (Get-TestInstance $nat).SourceDestCheck | Should -BeFalse
        }

        It 'replaces a route to another, terminated instance' {
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $old = New-TestInstance $zone.PublicSubnetId
            Set-TestDefaultRoute $zone.RouteTableIds[0] -InstanceId $old
            Stop-TestInstance $old -Terminate
            $nat = New-TestInstance $zone.PublicSubnetId

            $result = Invoke-HaNatTakeover -InstanceId $nat @aws

            $result.Action | Should -Be 'Replaced'
            $result.PreviousTarget | Should -Be $old
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).InstanceId | Should -Be $nat
        }

        It 'gives a subnet on the main table a HaNat route table of its own and never touches the main table' {
            $vpc = New-TestVpc -PrivateTable Main
            $zone = $vpc.Zones['us-east-1a']
            $igw = New-TestInternetGateway $vpc.VpcId
            Set-TestDefaultRoute $vpc.MainRouteTableId -GatewayId $igw
            $nat = New-TestInstance $zone.PublicSubnetId

            $result = Invoke-HaNatTakeover -InstanceId $nat @aws

            $result.Action | Should -Be 'NewRouteTable'
            $result.RouteTableId | Should -Not -Be $vpc.MainRouteTableId
            $table = Get-TestRouteTable $result.RouteTableId
            $table.Associations.SubnetId | Should -Contain $zone.PrivateSubnetIds[0]
            ($table.Tags | Where-Object Key -EQ 'hanat:managed').Value | Should -Be 'true'
            ($table.Tags | Where-Object Key -EQ 'hanat:zone').Value | Should -Be 'us-east-1a'
            (Get-TestDefaultRoute $result.RouteTableId).InstanceId | Should -Be $nat
            (Get-TestDefaultRoute $vpc.MainRouteTableId).GatewayId | Should -Be $igw
        }

        It 'copies the main table''s other routes (a peering) into the new table, so the moved subnet keeps its paths' {
            $vpc = New-TestVpc -PrivateTable Main
            $peer = New-TestVpc -CidrPrefix '10.7' -Zone 'us-east-1a' -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $pcx = (Invoke-Ec2 CreateVpcPeeringConnection ([Amazon.EC2.Model.CreateVpcPeeringConnectionRequest]@{ VpcId = $vpc.VpcId; PeerVpcId = $peer.VpcId })).VpcPeeringConnection.VpcPeeringConnectionId
            $null = Invoke-Ec2 CreateRoute ([Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $vpc.MainRouteTableId; DestinationCidrBlock = '10.7.0.0/16'; VpcPeeringConnectionId = $pcx })
            $nat = New-TestInstance $zone.PublicSubnetId

            Start-MotoRecording
            $result = Invoke-HaNatTakeover -InstanceId $nat @aws
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $result.Action | Should -Be 'NewRouteTable'
            $routes = @((Get-TestRouteTable $result.RouteTableId).Routes)
            ($routes | Where-Object DestinationCidrBlock -EQ '10.7.0.0/16').VpcPeeringConnectionId | Should -Be $pcx
            ($routes | Where-Object DestinationCidrBlock -EQ '0.0.0.0/0').InstanceId | Should -Be $nat
            # Both routes go in before the subnet moves: it never sits on a table without its peering.
            $writes | Should -Be @('ModifyInstanceAttribute', 'CreateRouteTable', 'CreateRoute', 'CreateRoute', 'AssociateRouteTable')
            @((Get-TestRouteTable $vpc.MainRouteTableId).Routes | Where-Object DestinationCidrBlock -EQ '10.7.0.0/16').Count | Should -Be 1
        }

        It 'leaves a route to a NAT gateway alone, says so, and takes it only with -Force' {
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $natGateway = New-TestNatGateway $zone.PublicSubnetId
            Set-TestDefaultRoute $zone.RouteTableIds[0] -NatGatewayId $natGateway
            $nat = New-TestInstance $zone.PublicSubnetId

            $polite = Invoke-HaNatTakeover -InstanceId $nat @aws -WarningVariable warnings -WarningAction SilentlyContinue

            $polite.Action | Should -Be 'LeftForeign'
            $polite.Target | Should -Be $natGateway
            ($warnings -join ' ') | Should -Match ([regex]::Escape($natGateway))
            ($warnings -join ' ') | Should -Match '-Force'
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).NatGatewayId | Should -Be $natGateway

            $forced = Invoke-HaNatTakeover -InstanceId $nat -Force @aws

            $forced.Action | Should -Be 'ReplacedForeign'
            $forced.PreviousTarget | Should -Be $natGateway
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).InstanceId | Should -Be $nat
        }

        It 'reports an internet gateway route as foreign too' {
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $igw = New-TestInternetGateway $vpc.VpcId
            Set-TestDefaultRoute $zone.RouteTableIds[0] -GatewayId $igw
            $nat = New-TestInstance $zone.PublicSubnetId

            (Invoke-HaNatTakeover -InstanceId $nat @aws -WarningAction SilentlyContinue).Action | Should -Be 'LeftForeign'
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).GatewayId | Should -Be $igw
        }

        It 'writes a route table shared by two subnets once, and reports both subnets' {
            $vpc = New-TestVpc -PrivateTable Shared -PrivateSubnetsPerZone 2
            $zone = $vpc.Zones['us-east-1a']
            $old = New-TestInstance $zone.PublicSubnetId
            Set-TestDefaultRoute $zone.RouteTableIds[0] -InstanceId $old
            $nat = New-TestInstance $zone.PublicSubnetId

            Start-MotoRecording
            $results = @(Invoke-HaNatTakeover -InstanceId $nat @aws)
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $results.Count | Should -Be 2
            $results.SubnetId | Sort-Object | Should -Be ($zone.PrivateSubnetIds | Sort-Object)
            $results.Action | Should -Be @('Replaced', 'Replaced')
            @($writes | Where-Object { $_ -match 'Route$' }) | Should -Be @('ReplaceRoute')
        }

        It 'takes only the zone it is asked for, and leaves the other zone alone' {
            $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Own
            $natA = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId

            $result = Invoke-HaNatTakeover -InstanceId $natA @aws

            $result.AvailabilityZone | Should -Be 'us-east-1a'
            Get-TestDefaultRoute $vpc.Zones['us-east-1b'].RouteTableIds[0] | Should -BeNullOrEmpty
        }

        It 'takes another zone over with -AvailabilityZone, without moving that zone''s Elastic IP' {
            $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Own
            $natA = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $natB = New-TestInstance $vpc.Zones['us-east-1b'].PublicSubnetId
            Set-TestDefaultRoute $vpc.Zones['us-east-1b'].RouteTableIds[0] -InstanceId $natB
            Stop-TestInstance $natB -Terminate
            $addressB = New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1b'

            Start-MotoRecording
            $result = Invoke-HaNatTakeover -InstanceId $natA -AvailabilityZone 'us-east-1b' @aws
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $result.Action | Should -Be 'Replaced'
            $result.AvailabilityZone | Should -Be 'us-east-1b'
            (Get-TestDefaultRoute $vpc.Zones['us-east-1b'].RouteTableIds[0]).InstanceId | Should -Be $natA
            $writes | Should -Not -Contain 'AssociateAddress'
            (Get-TestAddress $addressB.AllocationId).InstanceId | Should -BeNullOrEmpty
        }
    }

    Context 'order, idempotence and -WhatIf' {
        It 'turns source/dest check off first, then associates the zone''s Elastic IP, then writes routes' {
            $vpc = New-TestVpc -PrivateTable Own -PrivateSubnetsPerZone 2
            $zone = $vpc.Zones['us-east-1a']
            $address = New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1a'
            $nat = New-TestInstance $zone.PublicSubnetId

            Start-MotoRecording
            Invoke-HaNatTakeover -InstanceId $nat @aws | Out-Null
            $writes = @(Get-MotoRecording | Get-WriteAction)

            $writes | Should -Be @('ModifyInstanceAttribute', 'AssociateAddress', 'CreateRoute', 'CreateRoute')
            (Get-TestAddress $address.AllocationId).InstanceId | Should -Be $nat
        }

        It 'takes the zone''s Elastic IP back from a peer''s secondary IP at boot, with AllowReassociation' {
            # A failover's survivor carried zone a's address on a secondary private IP of its interface; the zone's
            # replacement boots. AWS refuses to move an associated address unless AllowReassociation is set.
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $address = New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1a'
            $survivor = New-TestInstance $zone.PublicSubnetId
            $eni = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ InstanceIds = @($survivor) })).Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId
            $secondary = @((Invoke-Ec2 AssignPrivateIpAddresses ([Amazon.EC2.Model.AssignPrivateIpAddressesRequest]@{ NetworkInterfaceId = $eni; SecondaryPrivateIpAddressCount = 1 })).AssignedPrivateIpAddresses.PrivateIpAddress)[-1]
            Invoke-Ec2 AssociateAddress ([Amazon.EC2.Model.AssociateAddressRequest]@{ AllocationId = $address.AllocationId; NetworkInterfaceId = $eni; PrivateIpAddress = $secondary; AllowReassociation = $true }) | Out-Null
            $replacement = New-TestInstance $zone.PublicSubnetId

            Start-MotoRecording
            Invoke-HaNatTakeover -InstanceId $replacement @aws | Out-Null
            $associate = @(Get-MotoRecording | Where-Object Action -EQ 'AssociateAddress')

            $associate.Count | Should -Be 1
            $associate[0].Parameters['AllocationId'] | Should -Be $address.AllocationId
            $associate[0].Parameters['AllowReassociation'] | Should -Be 'true'
            (Get-TestAddress $address.AllocationId).InstanceId | Should -Be $replacement
        }

        It 'writes nothing on a second run, and says every subnet is unchanged' {
            $vpc = New-TestVpc -Zone 'us-east-1a' -PrivateTable Main -PrivateSubnetsPerZone 2
            New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1a' | Out-Null
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            Invoke-HaNatTakeover -InstanceId $nat @aws | Out-Null

            Start-MotoRecording
            $second = @(Invoke-HaNatTakeover -InstanceId $nat @aws)
            $recording = @(Get-MotoRecording)

            $second.Action | Should -Be @('Unchanged', 'Unchanged')
            @($recording | Get-WriteAction) | Should -BeNullOrEmpty
            # One round of describe calls: the instance, the zone's subnets, the VPC's route tables, the zone's addresses.
            ($recording.Action | Sort-Object) | Should -Be @('DescribeAddresses', 'DescribeInstances', 'DescribeRouteTables', 'DescribeSubnets')
        }

        It 'writes nothing under -WhatIf, and prints each write it would make' {
            $vpc = New-TestVpc -PrivateTable Main
            New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1a' | Out-Null
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId

            Start-MotoRecording
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "hanat-whatif-$([guid]::NewGuid()).txt"
            Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
            $output = Invoke-HaNatTakeover -InstanceId $nat -WhatIf @aws
            Stop-Transcript | Out-Null
            $writes = @(Get-MotoRecording | Get-WriteAction)
            $printed = Get-Content $transcript -Raw
            Remove-Item $transcript

            $writes | Should -BeNullOrEmpty
            $output | Should -BeNullOrEmpty
            $printed | Should -Match 'What if: .*source/dest check'
            $printed | Should -Match 'What if: .*Elastic IP'
            $printed | Should -Match 'What if: .*create a route table'
            (Get-TestInstance $nat).SourceDestCheck | Should -BeTrue
        }

        It 'names each AWS call under -Verbose' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId

            $verbose = Invoke-HaNatTakeover -InstanceId $nat @aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

            $lines = $verbose.Message -join "`n"
            $lines | Should -Match 'EC2 DescribeInstances'
            $lines | Should -Match 'EC2 DescribeRouteTables'
            $lines | Should -Match 'EC2 ModifyInstanceAttribute'
            $lines | Should -Match 'EC2 CreateRoute'
        }
    }

    Context 'pipeline input' {
        It 'takes an [Amazon.EC2.Model.Instance] from the pipeline' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $instance = Get-TestInstance $nat
            $instance | Should -BeOfType ([Amazon.EC2.Model.Instance])

            $result = $instance | Invoke-HaNatTakeover @aws

            $result.InstanceId | Should -Be $nat
            $result.Action | Should -Be 'Created'
        }

        It 'takes an [Amazon.EC2.Model.Instance] whose VpcId is null: a null property is not given' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $bare = [Amazon.EC2.Model.Instance]@{ InstanceId = $nat }
            $bare.VpcId | Should -BeNullOrEmpty

            $result = $bare | Invoke-HaNatTakeover @aws -ErrorAction Stop

            $result.InstanceId | Should -Be $nat
            $result.Action | Should -Be 'Created'
            [pscustomobject]@{ InstanceId = $nat; VpcId = $null } | Invoke-HaNatTakeover @aws -ErrorAction Stop | ForEach-Object Action | Should -Be 'Unchanged'
        }

        It 'takes any object with an InstanceId property, and instance ids as strings' {
            $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Own
            $natA = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $natB = New-TestInstance $vpc.Zones['us-east-1b'].PublicSubnetId

            $fromObject = [pscustomobject]@{ InstanceId = $natA } | Invoke-HaNatTakeover @aws
            $fromString = $natB | Invoke-HaNatTakeover @aws

            $fromObject.InstanceId | Should -Be $natA
            $fromObject.AvailabilityZone | Should -Be 'us-east-1a'
            $fromString.InstanceId | Should -Be $natB
            $fromString.AvailabilityZone | Should -Be 'us-east-1b'
        }
    }

    Context 'bad input is refused before any write' {
        BeforeEach { Start-MotoRecording }

        It 'refuses an unknown instance' {
            { Invoke-HaNatTakeover -InstanceId 'i-0123456789abcdef0' @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceNotFound,HaNat.Commands.InvokeHaNatTakeoverCommand' -ExpectedMessage '*i-0123456789abcdef0*'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }

        It 'refuses a stopped instance' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            Stop-TestInstance $nat
            Start-MotoRecording

            $err = { Invoke-HaNatTakeover -InstanceId $nat @aws -ErrorAction Stop } | Should -Throw -ErrorId 'InstanceNotRunning,*' -PassThru
            $err.Exception.Message | Should -Match $nat
            $err.Exception.Message | Should -Match 'stopped'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }

        It 'refuses an instance outside the given VPC' {
            $vpc = New-TestVpc -PrivateTable Own
            $other = New-TestVpc -CidrPrefix '10.9' -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            Start-MotoRecording

            $err = { Invoke-HaNatTakeover -InstanceId $nat -VpcId $other.VpcId @aws -ErrorAction Stop } | Should -Throw -ErrorId 'InstanceNotInVpc,*' -PassThru
            $err.Exception.Message | Should -Match $other.VpcId
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }

        It 'refuses an instance that is not a HaNat NAT (an application instance), and takes it only with -Force' {
            $vpc = New-TestVpc -PrivateTable Own
            $zone = $vpc.Zones['us-east-1a']
            $app = New-TestInstance $zone.PublicSubnetId -Application
            Start-MotoRecording

            $err = { Invoke-HaNatTakeover -InstanceId $app @aws -ErrorAction Stop } | Should -Throw -ErrorId 'InstanceNotHaNat,HaNat.Commands.InvokeHaNatTakeoverCommand' -PassThru
            $err.Exception.Message | Should -Match $app
            $err.Exception.Message | Should -Match 'hanat:managed=true'
            $err.Exception.Message | Should -Match '-Force'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
            (Get-TestInstance $app).SourceDestCheck | Should -BeTrue
            Get-TestDefaultRoute $zone.RouteTableIds[0] | Should -BeNullOrEmpty

            $forced = Invoke-HaNatTakeover -InstanceId $app -Force @aws
            $forced.Action | Should -Be 'Created'
            (Get-TestDefaultRoute $zone.RouteTableIds[0]).InstanceId | Should -Be $app
        }

        It 'refuses -AvailabilityZone <_>, a zone the VPC has no subnet in, naming the zones it has' -ForEach @('us-east-1x', 'eu-west-1a') {
            $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            Start-MotoRecording

            $err = { Invoke-HaNatTakeover -InstanceId $nat -AvailabilityZone $_ @aws -ErrorAction Stop } |
                Should -Throw -ErrorId 'AvailabilityZoneNotFound,HaNat.Commands.InvokeHaNatTakeoverCommand' -PassThru
            $err.Exception.Message | Should -Match ([regex]::Escape($_))
            $err.Exception.Message | Should -Match 'us-east-1a, us-east-1b'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
            (Get-TestInstance $nat).SourceDestCheck | Should -BeTrue
        }

        It 'warns, and writes nothing, when the zone has no private subnet' {
            $vpc = New-TestVpc -PrivateTable Own -PrivateSubnetsPerZone 0
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            Start-MotoRecording

            $result = Invoke-HaNatTakeover -InstanceId $nat @aws -WarningVariable warnings -WarningAction SilentlyContinue

            $result | Should -BeNullOrEmpty
            ($warnings -join ' ') | Should -Match 'us-east-1a'
            ($warnings -join ' ') | Should -Match 'network=private'
            @(Get-MotoRecording | Get-WriteAction) | Should -BeNullOrEmpty
        }

        It 'refuses a -PrivateSubnetTag that is not key=value' {
            { Invoke-HaNatTakeover -InstanceId 'i-0123456789abcdef0' -PrivateSubnetTag 'private' @aws } |
                Should -Throw -ErrorId 'InvalidPrivateSubnetTag,*' -ExpectedMessage '*key=value*'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses an instance id that is not one' {
            { Invoke-HaNatTakeover -InstanceId 'vpc-123' @aws } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }

        It 'off an instance and without -InstanceId, says to pass -InstanceId' {
            { Invoke-HaNatTakeover @aws -ErrorAction Stop } | Should -Throw -ErrorId 'NotOnInstance,*' -ExpectedMessage '*-InstanceId*'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }
    }

    Context 'AWS common parameters' {
        It 'uses -AccessKey/-SecretKey and honors AWS_ENDPOINT_URL when -EndpointUrl is absent' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $env:AWS_ENDPOINT_URL = Get-TestEndpoint
            try {
                $result = Invoke-HaNatTakeover -InstanceId $nat -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret -Verbose 4>&1
            }
            finally { Remove-Item Env:AWS_ENDPOINT_URL }

            ($result | Where-Object { $_ -is [HaNat.Model.TakeoverResult] }).Action | Should -Be 'Created'
            ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
                Should -Match 'credentials from parameters -AccessKey/-SecretKey'
        }

        It 'refuses -AccessKey without -SecretKey' {
            { Invoke-HaNatTakeover -InstanceId 'i-0123456789abcdef0' @aws -AccessKey AKIDEXAMPLE -ErrorAction Stop } |
                Should -Throw -ErrorId 'IncompleteAccessKey,*'
        }

        It 'reads a named profile, and refuses one that does not exist' {
            $vpc = New-TestVpc -PrivateTable Own
            $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
            $file = Join-Path ([IO.Path]::GetTempPath()) "hanat-credentials-$([guid]::NewGuid())"
            Set-Content $file "[hanat-test]`naws_access_key_id = AKIDPROFILE`naws_secret_access_key = secret`n"
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            try {
                $verbose = Invoke-HaNatTakeover -InstanceId $nat -ProfileName hanat-test @aws -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
                { Invoke-HaNatTakeover -InstanceId $nat -ProfileName no-such-profile @aws -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,*'
            }
            finally { Remove-Item Env:AWS_SHARED_CREDENTIALS_FILE }
            $fromLocation = Invoke-HaNatTakeover -InstanceId $nat -ProfileName hanat-test -ProfileLocation $file @aws
            Remove-Item $file

            $verbose.Message -join "`n" | Should -Match "profile 'hanat-test'"
            $fromLocation.Action | Should -Be 'Unchanged'
        }

        It 'refuses an -EndpointUrl that is not a URL' {
            { Invoke-HaNatTakeover -InstanceId 'i-0123456789abcdef0' -Region us-east-1 -EndpointUrl 'not a url' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidEndpointUrl,*'
        }
    }

    Context 'Ctrl+C' {
        It 'cancels an AWS call in flight' {
            # A listener that accepts connections and never answers: without cancellation the call would wait
            # for the SDK's 20 s timeout and its retries.
            $silent = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
            $silent.Start()
            $port = $silent.LocalEndpoint.Port
            $ps = [powershell]::Create()
            try {
                $module = (Get-Module HaNat).Path
                $null = $ps.AddScript("Import-Module '$module'; Invoke-HaNatTakeover -InstanceId i-0123456789abcdef0 -Region us-east-1 -EndpointUrl http://127.0.0.1:$port")
                $running = $ps.BeginInvoke()
                # Wait until the request has reached the listener, so the stop hits a call in flight.
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not $silent.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $silent.Pending() | Should -BeTrue

                $stopping = $ps.BeginStop($null, $null)
                $stopping.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $running.IsCompleted | Should -BeTrue
            }
            finally {
                $ps.Dispose()
                $silent.Stop()
            }
        }
    }
}
