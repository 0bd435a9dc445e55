# Get-HaNatIamPolicy as users call it: a JSON policy for each -For, the ARN context options, refusals; and, against
# moto, that every call a takeover makes is an action the NatInstance policy allows.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Get-HaNatIamPolicy' {
    It 'writes one JSON policy document for -For <_>' -ForEach 'NatInstance', 'PackerBuilder', 'Operator' {
        $output = @(Get-HaNatIamPolicy -For $_)

        $output.Count | Should -Be 1
        $output[0] | Should -BeOfType [string]
        $policy = $output[0] | ConvertFrom-Json
        $policy.Version | Should -Be '2012-10-17'
        @($policy.Statement).Count | Should -BeGreaterThan 1
        @($policy.Statement).Effect | Sort-Object -Unique | Should -Be 'Allow'
        # HaNat's placeholders are all filled in; ${aws:...} is an IAM policy variable, IAM's to fill.
        $output[0] | Should -Not -Match '\$\{(?!aws:Ec2InstanceSourceVpc\})'
    }

    It 'puts the deployment''s -PrivateSubnetTag in the subnet side of <_>''s associations' -ForEach 'NatInstance', 'Operator' {
        $policy = Get-HaNatIamPolicy -For $_ -PrivateSubnetTag 'tier=private' | ConvertFrom-Json
        # Operator's ServedSubnets statement (any subnet Add-HaNatVpc serves, whatever the deployment) is the other.
        $subnet = @($policy.Statement | Where-Object { $_.Action -contains 'ec2:AssociateRouteTable' -and "$($_.Resource)" -match ':subnet/\*$' -and $_.Sid -ne 'ServedSubnets' })

        $subnet.Count | Should -Be 1
        $subnet[0].Condition.StringEquals.'aws:ResourceTag/tier' | Should -Be 'private'
        Get-HaNatIamPolicy -For $_ | Should -Match '"aws:ResourceTag/network": "private"' -Because 'network=private is the default'
    }

    It 'never allows every action, nor a write on every resource, for -For <_>' -ForEach 'NatInstance', 'PackerBuilder', 'Operator' {
        $policy = Get-HaNatIamPolicy -For $_ | ConvertFrom-Json
        foreach ($statement in $policy.Statement) {
            @($statement.Action) | Should -Not -Contain '*'
            $writes = @($statement.Action | Where-Object { $_ -notmatch ':(Describe|Get|List)' })
            # cloudwatch:PutMetricData has no resource type ("*" is all IAM takes): it is bounded by its namespace instead.
            if ("$($statement.Action)" -eq 'cloudwatch:PutMetricData') {
                $statement.Condition.StringEquals.'cloudwatch:namespace' | Should -Be 'HaNat' -Because "$($statement.Sid) writes on * only in HaNat's namespace"
                continue
            }
            if ($writes.Count -gt 0) { @($statement.Resource) | Should -Not -Contain '*' -Because "$($statement.Sid) writes" }
        }
    }

    It 'fills the partition, region and account into the ARNs' {
        $json = Get-HaNatIamPolicy NatInstance -Partition aws-us-gov -Region us-gov-west-1 -AccountId 123456789012

        $json | Should -Match ([regex]::Escape('"arn:aws-us-gov:ec2:us-gov-west-1:123456789012:route-table/*"'))
        $json | Should -Not -Match 'arn:aws:'
    }

    It 'writes one line with -Compress' {
        $json = Get-HaNatIamPolicy Operator -Compress

        $json | Should -Not -Match "`n"
        ($json | ConvertFrom-Json).Version | Should -Be '2012-10-17'
    }

    It 'writes the NAT role''s trust policy with -TrustPolicy' {
        $trust = Get-HaNatIamPolicy NatInstance -TrustPolicy | ConvertFrom-Json

        $trust.Statement[0].Principal.Service | Should -Be 'ec2.amazonaws.com'
        $trust.Statement[0].Action | Should -Be 'sts:AssumeRole'
    }

    It 'refuses a -For that is not a policy' {
        { Get-HaNatIamPolicy -For Everything } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,HaNat.Commands.GetHaNatIamPolicyCommand'
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'an account id that is not 12 digits'; Arguments = @{ For = 'Operator'; AccountId = '1234' }; ErrorId = 'InvalidAccountId' }
        @{ Case = 'a region name that is not one'; Arguments = @{ For = 'Operator'; Region = 'Frankfurt' }; ErrorId = 'InvalidRegion' }
        @{ Case = 'a partition that is not one'; Arguments = @{ For = 'Operator'; Partition = 'azure' }; ErrorId = 'InvalidPartition' }
        @{ Case = '-TrustPolicy for another policy'; Arguments = @{ For = 'Operator'; TrustPolicy = $true }; ErrorId = 'TrustPolicyOnlyForNatInstance' }
        @{ Case = 'a -PrivateSubnetTag that is not key=value'; Arguments = @{ For = 'NatInstance'; PrivateSubnetTag = 'private' }; ErrorId = 'InvalidPrivateSubnetTag' }
    ) {
        $err = $null
        try { Get-HaNatIamPolicy @Arguments } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.GetHaNatIamPolicyCommand"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'The NatInstance policy and the calls a takeover makes' {
    BeforeEach {
        if (-not $env:HANAT_TEST_ENDPOINT) { return }
        Reset-Moto
    }

    It 'allows every action the takeover sends, in each of its paths' {
        if (-not $env:HANAT_TEST_ENDPOINT) { Set-ItResult -Skipped -Because 'no moto: run through ./test.sh, which sets HANAT_TEST_ENDPOINT'; return }
        $aws = Get-TestAwsParameters
        # Zone a: a subnet on the main table (a new table of its own) and the zone's Elastic IP.
        # Zone b: a table whose default route goes to a dead instance (replaced).
        $vpc = New-TestVpc -Zone 'us-east-1a' -PrivateTable Main
        New-TestZoneAddress -VpcId $vpc.VpcId -Zone 'us-east-1a' | Out-Null
        $natA = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
        $other = New-TestVpc -CidrPrefix '10.1' -Zone 'us-east-1b' -PrivateTable Own
        $old = New-TestInstance $other.Zones['us-east-1b'].PublicSubnetId
        Set-TestDefaultRoute $other.Zones['us-east-1b'].RouteTableIds[0] -InstanceId $old
        Stop-TestInstance $old -Terminate
        $natB = New-TestInstance $other.Zones['us-east-1b'].PublicSubnetId

        Start-MotoRecording
        Invoke-HaNatTakeover -InstanceId $natA @aws | Out-Null
        Invoke-HaNatTakeover -InstanceId $natB @aws | Out-Null
        $recording = @(Get-MotoRecording | Where-Object Action)

        $actions = @($recording | ForEach-Object { (Get-HaNatInternalType HaNat.Policies.IamAction)::Of($_.Service, $_.Action) } | Sort-Object -Unique)
        # The recording must hold the writes of all three paths, or the check below proves little.
        foreach ($expected in 'ec2:ModifyInstanceAttribute', 'ec2:AssociateAddress', 'ec2:CreateRouteTable', 'ec2:CreateRoute', 'ec2:AssociateRouteTable', 'ec2:ReplaceRoute') {
            $actions | Should -Contain $expected
        }
        foreach ($action in $actions) {
            (Get-HaNatInternalType HaNat.Policies.IamPolicies)::NatInstanceAllows($action) | Should -BeTrue -Because "the takeover sent $action"
            # An operator may run the same takeover from a session (a manual failover, -AvailabilityZone).
            (Get-HaNatInternalType HaNat.Policies.IamPolicies)::Operator.Allows($action) | Should -BeTrue -Because "a manual takeover sends $action"
        }
    }
}

Describe 'The Operator policy and the calls New-HaNatVpc and Remove-HaNatVpc make' {
    It 'allows every EC2, Auto Scaling and IAM action of a build and a removal' {
        if (-not $env:HANAT_TEST_ENDPOINT) { Set-ItResult -Skipped -Because 'no moto: run through ./test.sh, which sets HANAT_TEST_ENDPOINT'; return }
        Reset-Moto
        $aws = Get-TestAwsParameters
        $image = New-TestHaNatImage -Architecture arm64

        Start-MotoRecording
        New-HaNatVpc -Name operatorcheck -CidrBlock '10.40' -ZoneCount 2 -ImageId $image @aws -WarningAction SilentlyContinue | Out-Null
        Remove-HaNatVpc -Name operatorcheck @aws -Confirm:$false | Out-Null
        $recording = @(Get-MotoAction)

        $actions = @($recording | ForEach-Object { (Get-HaNatInternalType HaNat.Policies.IamAction)::Of($_.Service, $_.Action) } | Sort-Object -Unique)
        foreach ($expected in 'ec2:CreateVpc', 'iam:CreateRole', 'autoscaling:CreateAutoScalingGroup', 'ssm:PutParameter', 'ec2:DeleteVpc', 'iam:DeleteRole') {
            $actions | Should -Contain $expected
        }
        $operator = (Get-HaNatInternalType HaNat.Policies.IamPolicies)::For([HaNat.Model.HaNatPolicyKind]::Operator)
        foreach ($action in $actions) {
            $operator.Allows($action) | Should -BeTrue -Because "New-/Remove-HaNatVpc sent $action"
        }
    }
}


Describe 'New-HaNatVpc when IAM denies one of its name checks' {
    It 'stops before any write with PreflightAccessDenied, naming the check and the permission' {
        if (-not $env:HANAT_TEST_ENDPOINT) { Set-ItResult -Skipped -Because 'no moto: run through ./test.sh, which sets HANAT_TEST_ENDPOINT'; return }
        Reset-Moto
        $image = New-TestHaNatImage -Architecture arm64
        # moto evaluates no IAM: the proxy answers GetRole as IAM does for a role name outside the caller's policy.
        $proxy = Start-FaultProxy -Fail GetRole -Code AccessDenied -Status 403
        try {
            $err = $null
            try { New-HaNatVpc -Name denied -CidrBlock '10.42' -ZoneCount 1 -ImageId $image -EndpointUrl $proxy.Url -Region us-east-1 -WarningAction SilentlyContinue | Out-Null }
            catch { $err = $_ }
        }
        finally { Stop-FaultProxy $proxy }

        $err.FullyQualifiedErrorId | Should -Be 'PreflightAccessDenied,HaNat.Commands.NewHaNatVpcCommand'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -Match 'IAM role denied-nat-us-east-1'
        $err.Exception.Message | Should -Match 'iam:GetRole'
        $footprint = Get-HaNatFootprint -Name denied
        @($footprint.Values | Where-Object { $_ -ne 0 }).Count | Should -Be 0
    }
}
