# New-HaNatVpc -Spot and Add-HaNatVpc -Spot as users call them, against moto: the CreateAutoScalingGroup request as
# sent (the recorder), the group as DescribeAutoScalingGroups returns it, Get-HaNatVpc's IsSpot, -WhatIf (nothing
# written), an instance type HaNat knows no peers for, and the request without -Spot exactly as before.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-GroupRequest {
        <# The one CreateAutoScalingGroup of the recording, its form fields as sent. #>
        $create = @(Get-MotoRecording | Where-Object Action -EQ 'CreateAutoScalingGroup')
        $create.Count | Should -Be 1
        $create[0].Parameters
    }

    function Get-Group([string] $Name) {
        (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = $Name }).Xml.GetElementsByTagName('member')[0]
    }

    # One moto for the whole file: every context uses names and ranges of its own.
    Reset-Moto
    $imageId = New-TestHaNatImage -Architecture arm64
}

Describe 'New-HaNatVpc -Spot' {
    Context 'two zones' {
        BeforeAll {
            Start-MotoRecording
            $vpc = New-HaNatVpc -Name cheap -CidrBlock '10.50' -ZoneCount 2 -Spot @aws -WarningVariable spotWarnings -WarningAction SilentlyContinue
            $sent = Get-GroupRequest
            $group = Get-Group 'cheap-nat-asg'
        }

        It 'sends the group a mixed instances policy instead of the bare launch template' {
            $sent.Keys | Where-Object { $_ -like 'LaunchTemplate.*' } | Should -BeNullOrEmpty
            $sent['MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId'] | Should -Be $vpc.LaunchTemplateId
            $sent['MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version'] | Should -Be '1'
            @(1..3 | ForEach-Object { $sent["MixedInstancesPolicy.LaunchTemplate.Overrides.member.$_.InstanceType"] }) | Should -Be @('t4g.nano', 't4g.micro', 't4g.small')
            $sent.ContainsKey('MixedInstancesPolicy.LaunchTemplate.Overrides.member.4.InstanceType') | Should -BeFalse
            $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity'] | Should -Be '1'
            $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity'] | Should -Be '0'
            $sent['MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy'] | Should -Be 'price-capacity-optimized'
            $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandAllocationStrategy'] | Should -Be 'prioritized'
            $sent['CapacityRebalance'] | Should -Be 'true'
            # Everything else as without -Spot.
            $sent['MinSize'] | Should -Be '2'
            $sent['MaxSize'] | Should -Be '2'
            $sent['HealthCheckType'] | Should -Be 'EC2'
        }

        It 'makes a group that Auto Scaling describes with that policy and capacity rebalancing' {
            $policy = $group.MixedInstancesPolicy
            $policy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId | Should -Be $vpc.LaunchTemplateId
            @($policy.LaunchTemplate.Overrides.member.InstanceType) | Should -Be @('t4g.nano', 't4g.micro', 't4g.small')
            $policy.InstancesDistribution.OnDemandBaseCapacity | Should -Be '1'
            $policy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity | Should -Be '0'
            $policy.InstancesDistribution.SpotAllocationStrategy | Should -Be 'price-capacity-optimized'
            $group.CapacityRebalance | Should -Be 'true'
            $group.DesiredCapacity | Should -Be 2
        }

        It 'returns, and Get-HaNatVpc finds, a whole VPC on spot with its launch template' {
            $vpc.IsSpot | Should -BeTrue
            $found = Get-HaNatVpc -Name cheap @aws
            $found.IsSpot | Should -BeTrue
            $found.IsComplete | Should -BeTrue
            # Read from the policy: a group on spot names no LaunchTemplate of its own.
            $found.LaunchTemplateId | Should -Be $vpc.LaunchTemplateId
            $found.AutoScalingGroupName | Should -Be 'cheap-nat-asg'
        }

        It 'warns about nothing' {
            $spotWarnings | Should -BeNullOrEmpty
        }

        It 'is removed like any other' {
            Remove-HaNatVpc -Name cheap -Confirm:$false @aws -WarningAction SilentlyContinue
            (Get-HaNatFootprint cheap).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        }
    }

    Context 'without -Spot' {
        It 'sends the group the launch template and nothing of spot, as before' {
            Start-MotoRecording
            $vpc = New-HaNatVpc -Name plain -CidrBlock '10.51' -ZoneCount 2 @aws -WarningAction SilentlyContinue
            $sent = Get-GroupRequest

            $sent['LaunchTemplate.LaunchTemplateId'] | Should -Be $vpc.LaunchTemplateId
            $sent['LaunchTemplate.Version'] | Should -Be '1'
            $sent.Keys | Where-Object { $_ -like 'MixedInstancesPolicy*' -or $_ -eq 'CapacityRebalance' } | Should -BeNullOrEmpty
            $vpc.IsSpot | Should -BeFalse
            (Get-HaNatVpc -Name plain @aws).IsSpot | Should -BeFalse
            $group = Get-Group 'plain-nat-asg'
            $group.SelectSingleNode('MixedInstancesPolicy') | Should -BeNullOrEmpty
            $group.LaunchTemplate.LaunchTemplateId | Should -Be $vpc.LaunchTemplateId
        }
    }

    Context '-WhatIf' {
        It 'writes nothing, and its plan says the group is on spot' {
            Start-MotoRecording
            # Without alarms, whose lines come after the group's (Alarms.Tests.ps1 has them).
            $lines = Get-WhatIfLines { New-HaNatVpc -Name plan -CidrBlock '10.52' -ZoneCount 2 -Spot -NoAlarms -WhatIf @aws }
            $recorded = @(Get-MotoAction)

            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            $lines[-1] | Should -Match ([regex]::Escape('"Create Auto Scaling group" on target "plan-nat-asg (min = max = desired = 2, across '))
            $lines[-1] | Should -Match ([regex]::Escape('spot: t4g.nano, t4g.micro, t4g.small; 1 on-demand, price-capacity-optimized, capacity rebalance)'))
            (Get-HaNatFootprint plan).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        }
    }

    Context 'an instance type HaNat knows no peers for, in one zone' {
        BeforeAll {
            Start-MotoRecording
            $vpc = New-HaNatVpc -Name lonely -CidrBlock '10.53' -ZoneCount 1 -InstanceType x2gd.medium -Spot @aws -WarningVariable lonelyWarnings -WarningAction SilentlyContinue
            $sent = Get-GroupRequest
        }

        It 'still builds, with that type as the only override and no on-demand base' {
            $vpc.IsSpot | Should -BeTrue
            $sent['MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType'] | Should -Be 'x2gd.medium'
            $sent.ContainsKey('MixedInstancesPolicy.LaunchTemplate.Overrides.member.2.InstanceType') | Should -BeFalse
            $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity'] | Should -Be '0'
            @((Get-Group 'lonely-nat-asg').Instances.member).Count | Should -Be 1
        }

        It 'says there are no peers and no fallback' {
            ($lonelyWarnings -join "`n") | Should -Match 'HaNat knows no peer types for x2gd\.medium'
            ($lonelyWarnings -join "`n") | Should -Match 'One zone on spot has no fallback'
        }
    }
}

Describe 'Add-HaNatVpc -Spot' {
    BeforeAll {
        $tf = New-TestTerraformVpc -Name added
        Start-MotoRecording
        $added = Add-HaNatVpc -VpcId $tf.vpcId -Name added -Spot -Confirm:$false @aws -WarningAction SilentlyContinue
        $sent = Get-GroupRequest
    }

    It 'makes the group with the mixed instances policy, one NAT on-demand' {
        $sent.Keys | Where-Object { $_ -like 'LaunchTemplate.*' } | Should -BeNullOrEmpty
        $sent['MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType'] | Should -Be 't4g.nano'
        $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity'] | Should -Be '1'
        $sent['CapacityRebalance'] | Should -Be 'true'
        (Get-Group 'added-nat-asg').MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy | Should -Be 'price-capacity-optimized'
    }

    It 'returns, and Get-HaNatVpc finds, an added VPC on spot' {
        $added.IsAdded | Should -BeTrue
        $added.IsSpot | Should -BeTrue
        $found = Get-HaNatVpc -Name added @aws
        $found.IsSpot | Should -BeTrue
        $found.LaunchTemplateId | Should -Be $added.LaunchTemplateId
    }

    It 'with -WhatIf writes nothing and plans the spot group' {
        $other = New-TestTerraformVpc -Name addplan
        Start-MotoRecording
        $lines = Get-WhatIfLines { Add-HaNatVpc -VpcId $other.vpcId -Name addplan -Spot -WhatIf @aws }
        $recorded = @(Get-MotoAction)

        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match ([regex]::Escape('spot: t4g.nano, t4g.micro, t4g.small; 1 on-demand'))
    }
}
