# Test-HaNatRouting as users call it, against moto: each status, -Quiet, pipeline input, bad input,
# and that an audit never writes.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function New-RoutedVpc {
        # Two zones, each private subnet with its own table and a NAT instance that owns its zone.
        $vpc = New-TestVpc -Zone 'us-east-1a', 'us-east-1b' -PrivateTable Own
        $nats = @{}
        foreach ($zone in $vpc.Zones.Keys) {
            $nats[$zone] = New-TestInstance $vpc.Zones[$zone].PublicSubnetId
            Invoke-HaNatTakeover -InstanceId $nats[$zone] @aws | Out-Null
        }
        $vpc | Add-Member -NotePropertyName Nats -NotePropertyValue $nats -PassThru
    }

    function Get-Audit($Audits, $Zone, $Vpc) {
        $Audits | Where-Object SubnetId -EQ $Vpc.Zones[$Zone].PrivateSubnetIds[0]
    }
}

Describe 'Test-HaNatRouting' {
    BeforeEach { Reset-Moto }

    It 'calls every subnet healthy when each zone''s NAT owns its zone' {
        $vpc = New-RoutedVpc

        $audits = @(Test-HaNatRouting -VpcId $vpc.VpcId @aws)

        $audits.Count | Should -Be 2
        $audits.Status | Should -Be @('Healthy', 'Healthy')
        $audits.Healthy | Should -Be @($true, $true)
        (Get-Audit $audits 'us-east-1a' $vpc).Target | Should -Be $vpc.Nats['us-east-1a']
        (Get-Audit $audits 'us-east-1a' $vpc).RouteTableId | Should -Be $vpc.Zones['us-east-1a'].RouteTableIds[0]
        (Get-Audit $audits 'us-east-1b' $vpc).AvailabilityZone | Should -Be 'us-east-1b'
        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws | Should -BeTrue
    }

    It 'calls a zone served from another zone cross-zone, and still healthy' {
        $vpc = New-RoutedVpc
        Invoke-HaNatTakeover -InstanceId $vpc.Nats['us-east-1a'] -AvailabilityZone 'us-east-1b' @aws | Out-Null

        $audit = Get-Audit (Test-HaNatRouting -VpcId $vpc.VpcId @aws) 'us-east-1b' $vpc

        $audit.Status | Should -Be 'CrossZone'
        $audit.Healthy | Should -BeTrue
        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws | Should -BeTrue
    }

    It 'finds a subnet with no default route' {
        $vpc = New-TestVpc -PrivateTable Own

        $audit = Test-HaNatRouting -VpcId $vpc.VpcId @aws

        $audit.Status | Should -Be 'NoRoute'
        $audit.Healthy | Should -BeFalse
        $audit.Target | Should -BeNullOrEmpty
        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws | Should -BeFalse
    }

    It 'finds a route to a NAT that is stopped, and to one that is terminated' {
        $vpc = New-RoutedVpc
        Stop-TestInstance $vpc.Nats['us-east-1a']
        Stop-TestInstance $vpc.Nats['us-east-1b'] -Terminate

        $audits = Test-HaNatRouting -VpcId $vpc.VpcId @aws

        (Get-Audit $audits 'us-east-1a' $vpc).Status | Should -Be 'NatNotRunning'
        (Get-Audit $audits 'us-east-1a' $vpc).Detail | Should -Match 'stopped'
        (Get-Audit $audits 'us-east-1b' $vpc).Status | Should -Be 'NatNotRunning'
        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws | Should -BeFalse
    }

    It 'finds a NAT whose source/dest check is still on' {
        $vpc = New-RoutedVpc
        Set-TestSourceDestCheck $vpc.Nats['us-east-1a'] -Enabled $true

        $audit = Get-Audit (Test-HaNatRouting -VpcId $vpc.VpcId @aws) 'us-east-1a' $vpc

        $audit.Status | Should -Be 'SourceDestCheckOn'
        $audit.Healthy | Should -BeFalse
    }

    It 'calls a route to a gateway a foreign target' {
        $vpc = New-TestVpc -PrivateTable Own
        $igw = New-TestInternetGateway $vpc.VpcId
        Set-TestDefaultRoute $vpc.Zones['us-east-1a'].RouteTableIds[0] -GatewayId $igw

        $audit = Test-HaNatRouting -VpcId $vpc.VpcId @aws

        $audit.Status | Should -Be 'ForeignTarget'
        $audit.Target | Should -Be $igw
        $audit.Healthy | Should -BeFalse
    }

    It 'audits a subnet that is on the main table by the main table''s route' {
        $vpc = New-TestVpc -PrivateTable Main
        $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
        Set-TestDefaultRoute $vpc.MainRouteTableId -InstanceId $nat
        Set-TestSourceDestCheck $nat -Enabled $false

        $audit = Test-HaNatRouting -VpcId $vpc.VpcId @aws

        $audit.RouteTableId | Should -Be $vpc.MainRouteTableId
        $audit.Status | Should -Be 'Healthy'
    }

    It 'calls a route to an instance that is not a HaNat NAT foreign, not healthy' {
        $vpc = New-TestVpc -PrivateTable Own
        $app = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId -Application
        Set-TestDefaultRoute $vpc.Zones['us-east-1a'].RouteTableIds[0] -InstanceId $app
        Set-TestSourceDestCheck $app -Enabled $false

        $audit = Test-HaNatRouting -VpcId $vpc.VpcId @aws

        $audit.Status | Should -Be 'ForeignTarget'
        $audit.Healthy | Should -BeFalse
        $audit.Target | Should -Be $app
        $audit.Detail | Should -Match 'hanat:managed'
        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws | Should -BeFalse
    }

    It 'reads only: no write call at all' {
        $vpc = New-RoutedVpc
        Start-MotoRecording

        Test-HaNatRouting -VpcId $vpc.VpcId @aws | Out-Null
        $recording = @(Get-MotoRecording)

        $recording.Count | Should -BeGreaterThan 0
        @($recording | Get-WriteAction) | Should -BeNullOrEmpty
    }

    It 'takes an [Amazon.EC2.Model.Vpc], a [pscustomobject] and a string from the pipeline, one verdict each with -Quiet' {
        $healthy = New-RoutedVpc
        $broken = New-TestVpc -CidrPrefix '10.7' -PrivateTable Own
        $request = [Amazon.EC2.Model.DescribeVpcsRequest]@{ VpcIds = [System.Collections.Generic.List[string]]@($healthy.VpcId) }
        $sdkVpc = (Invoke-Ec2 DescribeVpcs $request).Vpcs[0]
        $sdkVpc | Should -BeOfType ([Amazon.EC2.Model.Vpc])

        $sdkVpc | Test-HaNatRouting -Quiet @aws | Should -BeTrue
        [pscustomobject]@{ VpcId = $broken.VpcId } | Test-HaNatRouting -Quiet @aws | Should -BeFalse
        @($healthy.VpcId, $broken.VpcId | Test-HaNatRouting -Quiet @aws) | Should -Be @($true, $false)
        @($healthy.VpcId, $broken.VpcId | Test-HaNatRouting @aws).VpcId | Should -Be @($healthy.VpcId, $healthy.VpcId, $broken.VpcId)
    }

    It 'says a VPC with no private subnet has nothing to audit, and -Quiet is false' {
        $vpc = New-TestVpc -PrivateSubnetsPerZone 0

        Test-HaNatRouting -VpcId $vpc.VpcId -Quiet @aws -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeFalse
        ($warnings -join ' ') | Should -Match 'network=private'
    }

    It 'honors -PrivateSubnetTag' {
        $vpc = New-TestVpc -PrivateTable Own -PrivateTag 'tier=app'

        @(Test-HaNatRouting -VpcId $vpc.VpcId @aws -WarningAction SilentlyContinue).Count | Should -Be 0
        (Test-HaNatRouting -VpcId $vpc.VpcId -PrivateSubnetTag 'tier=app' @aws).SubnetId | Should -Be $vpc.Zones['us-east-1a'].PrivateSubnetIds[0]
    }

    It 'refuses an unknown VPC, naming it' {
        { Test-HaNatRouting -VpcId 'vpc-0123456789abcdef0' @aws -ErrorAction Stop } |
            Should -Throw -ErrorId 'VpcNotFound,HaNat.Commands.TestHaNatRoutingCommand' -ExpectedMessage '*vpc-0123456789abcdef0*'
        Test-HaNatRouting -VpcId 'vpc-0123456789abcdef0' -Quiet @aws -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'refuses a malformed -PrivateSubnetTag and -VpcId' {
        { Test-HaNatRouting -VpcId 'vpc-0123456789abcdef0' -PrivateSubnetTag '=x' @aws } | Should -Throw -ErrorId 'InvalidPrivateSubnetTag,*'
        { Test-HaNatRouting -VpcId 'subnet-1' @aws } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Test-HaNatRouting -Quiet over several VPCs' {
    BeforeEach { Reset-Moto }

    It 'gives one boolean per VPC in input order, each named by an information record (tag HaNat.Verdict)' {
        $healthy = New-RoutedVpc
        $broken = New-TestVpc -CidrPrefix '10.7' -PrivateTable Own
        $unknown = 'vpc-0123456789abcdef0'

        $verdicts = @($broken.VpcId, $unknown, $healthy.VpcId | Test-HaNatRouting -Quiet @aws -InformationVariable named -ErrorVariable failed -ErrorAction SilentlyContinue)

        $verdicts | Should -Be @($false, $false, $true)
        $named = @($named | Where-Object Tags -Contains 'HaNat.Verdict')
        $named.Count | Should -Be 3
        "$($named[0].MessageData)" | Should -Match "^$($broken.VpcId): false \(1 of 1 private subnets have no way out: subnet-\w+ NoRoute\)$"
        "$($named[1].MessageData)" | Should -Match "^${unknown}: false \(VpcNotFound, reported as an error\)$"
        "$($named[2].MessageData)" | Should -Match "^$($healthy.VpcId): true \(all 2 private subnets have a way out\)$"
        $failed.FullyQualifiedErrorId | Should -BeLike 'VpcNotFound,*'
    }
}
