# New-HaNatVpc's rollback, against moto behind tests/tools/fault_proxy.py: a late failure (the Auto Scaling group,
# the launch template, the heartbeat key, a group made but its reply lost) leaves zero HaNat resources of any kind,
# reports the original error, and leaves the name free.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    Reset-Moto
    New-TestHaNatImage | Out-Null
}

Describe 'New-HaNatVpc rollback' {
    It 'leaves nothing when <Action> fails, and reports <ErrorId>' -ForEach @(
        @{ Action = 'CreateAutoScalingGroup'; ErrorId = 'AwsAutoScalingCreateAutoScalingGroupFailed'; Name = 'late'; Cidr = '10.90' }
        @{ Action = 'CreateLaunchTemplate'; ErrorId = 'AwsEC2CreateLaunchTemplateFailed'; Name = 'template'; Cidr = '10.91' }
        @{ Action = 'PutParameter'; ErrorId = 'AwsSSMPutParameterFailed'; Name = 'secret'; Cidr = '10.92' }
    ) {
        $proxy = Start-FaultProxy -Fail $Action
        try {
            $err = $null
            try { New-HaNatVpc -Name $Name -CidrBlock $Cidr -EndpointUrl $proxy.Url -Region us-east-1 } catch { $err = $_ }
        }
        finally {
            Stop-FaultProxy $proxy
        }

        $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.NewHaNatVpcCommand"
        $err.Exception.Message | Should -Match "$Action refused by the HaNat test fault proxy"
        $err.Exception.Message | Should -Match 'was deleted again'
        $footprint = Get-HaNatFootprint $Name
        foreach ($kind in $footprint.Keys) { $footprint[$kind] | Should -Be 0 -Because "$kind after $Action failed" }
    }

    It 'deletes the group and waits for its NATs when the group was made but its reply was lost' {
        # moto makes the group and launches its NATs, then the proxy fails the reply. The build cannot tell a create
        # that took effect from one that did not; its rollback finds the group tagged with its VPC id and deletes it.
        # (A 500 here would be retried, and moto replaces a group of an existing name instead of refusing it, leaving
        # the first one's instances running: a gap of moto's, hence a reply error that is not retried.)
        $proxy = Start-FaultProxy -Fail CreateAutoScalingGroup -After
        try {
            $err = $null
            try { New-HaNatVpc -Name lost -CidrBlock '10.93' -ZoneCount 2 -EndpointUrl $proxy.Url -Region us-east-1 } catch { $err = $_ }
        }
        finally {
            Stop-FaultProxy $proxy
        }

        $err.FullyQualifiedErrorId | Should -Be 'AwsAutoScalingCreateAutoScalingGroupFailed,HaNat.Commands.NewHaNatVpcCommand'
        $err.Exception.Message | Should -Match 'was deleted again'
        $footprint = Get-HaNatFootprint lost
        foreach ($kind in $footprint.Keys) { $footprint[$kind] | Should -Be 0 -Because $kind }
    }

    It 'leaves the name free: the same name builds once the fault is gone' {
        $vpc = New-HaNatVpc -Name late -CidrBlock '10.90' -ZoneCount 1 @aws

        $vpc.IsComplete | Should -BeTrue
        (Get-HaNatFootprint late).Vpc | Should -Be 1
    }
}
