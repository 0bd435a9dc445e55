# Update-HaNatVpc as users call it, against moto: the plan with -WhatIf (nothing written: the recorder), every refusal
# (nothing written), a full rolling run across three zones (each zone's new NAT launched before its old one is
# terminated, one zone at a time), a second run that writes nothing, a new NAT that never takes its zone (the rollout
# stops with the zone on its old NAT), and a deployment Add-HaNatVpc made.
#
# Two gaps of moto are filled in the test, never in the product (TestHelpers: Set-TestNatPerZone, Start-TestBootTakeover):
# - moto's Auto Scaling group starts every instance in its first subnet, so each zone's NAT is launched from the
#   launch template into the zone's subnet and attached to the group, as AWS's zone balancing would place it;
# - no image boots in moto, so no NAT's boot takeover runs: the zones' tables are pointed at their NATs as each
#   boot takeover would, and during a rollout a background job does for each new NAT what its boot takeover does once
#   its data-plane check passes (ReplaceRoute of its zone's tables to itself).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-GroupXml([string] $Name) {
        (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = "$Name-nat-asg" }).Xml
    }

    function Get-GroupMember([string] $Name) {
        @((Get-GroupXml $Name).GetElementsByTagName('Instances') | ForEach-Object { $_.GetElementsByTagName('InstanceId') } | ForEach-Object InnerText)
    }

    function Get-GroupSize([string] $Name) {
        $xml = Get-GroupXml $Name
        [pscustomobject]@{
            Min     = [int]$xml.GetElementsByTagName('MinSize')[0].InnerText
            Max     = [int]$xml.GetElementsByTagName('MaxSize')[0].InnerText
            Desired = [int]$xml.GetElementsByTagName('DesiredCapacity')[0].InnerText
            Version = ($xml.GetElementsByTagName('LaunchTemplate')[0].GetElementsByTagName('Version') | Select-Object -First 1).InnerText
        }
    }

    function Get-LaunchTemplateDefault([string] $Name) {
        $request = [Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateName = "$Name-nat-lt"; Versions = [System.Collections.Generic.List[string]]@('$Default') }
        (Invoke-Ec2 DescribeLaunchTemplateVersions $request).LaunchTemplateVersions[0]
    }

    function Get-InstanceState([string] $InstanceId) { (Get-TestInstance $InstanceId).State.Name.Value }

    Reset-Moto
    $imageId = New-TestHaNatImage -Architecture arm64
}

Describe 'Update-HaNatVpc' {
    Context 'the plan, with -WhatIf' {
        BeforeAll {
            New-HaNatVpc -Name plan -CidrBlock '10.42' -ZoneCount 3 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $nats = Set-TestNatPerZone plan
            $vpc = Get-HaNatVpc -Name plan @aws
            $planImage = New-TestHaNatImage -Architecture arm64
            Start-MotoRecording
            $lines = Get-WhatIfLines { Update-HaNatVpc -Name plan -WhatIf @aws }
            $recorded = @(Get-MotoAction)
        }

        It 'writes nothing' {
            @($recorded).Count | Should -BeGreaterThan 0
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            (Get-LaunchTemplateDefault plan).VersionNumber | Should -Be 1
        }

        It 'says the version change first, then each zone''s old NAT and its replacement, in zone order' {
            $lines[0] | Should -Match ([regex]::Escape("Create version 2 from version 1 (image $imageId -> $planImage) and make it the default"))
            $zoneLines = @($lines | Where-Object { $_ -match 'Replace NAT' })
            $zoneLines.Count | Should -Be 3
            for ($i = 0; $i -lt 3; $i++) {
                $zone = $vpc.Zones[$i]
                $zoneLines[$i] | Should -Match ([regex]::Escape("on target `"$($zone.AvailabilityZone) ($($i + 1) of 3)`""))
                $zoneLines[$i] | Should -Match ([regex]::Escape("Replace NAT $($nats[$zone.AvailabilityZone]) (version 1) with a new NAT of version 2 in $($zone.PublicSubnetId)"))
            }
        }
    }

    Context 'refusals, each before any write' {
        BeforeAll {
            # As moto's group leaves it: every NAT in the first zone, the other zones without one, no table taken.
            New-HaNatVpc -Name moto -CidrBlock '10.43' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            New-HaNatVpc -Name fail -CidrBlock '10.44' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $failNats = Set-TestNatPerZone fail
            $failVpc = Get-HaNatVpc -Name fail @aws
            $x86Image = New-TestHaNatImage -Architecture x86_64 -Untagged

            function Get-Refusal([scriptblock] $Command) {
                Start-MotoRecording
                $err = Get-CommandError $Command
                [pscustomobject]@{ Error = $err; Writes = @(Get-MotoAction | Where-Object IsWrite) }
            }
        }

        It 'refuses <Case> (<ErrorId>) and writes nothing' -ForEach @(
            @{ Case = 'an unknown name'; ErrorId = 'VpcNotFound'; Category = 'ObjectNotFound'; Command = { Update-HaNatVpc -Name nosuch -Confirm:$false @aws -ErrorAction Stop } }
            @{ Case = 'an image that does not exist'; ErrorId = 'ImageNotFound'; Category = 'ObjectNotFound'; Command = { Update-HaNatVpc -Name fail -ImageId ami-0123456789abcdef0 -Confirm:$false @aws -ErrorAction Stop } }
            @{ Case = 'an image of the wrong architecture'; ErrorId = 'InstanceTypeArchitectureMismatch'; Category = 'InvalidArgument'; Command = { Update-HaNatVpc -Name fail -ImageId $x86Image -Confirm:$false @aws -ErrorAction Stop } }
            @{ Case = 'a key pair that does not exist'; ErrorId = 'KeyPairNotFound'; Category = 'ObjectNotFound'; Command = { Update-HaNatVpc -Name fail -KeyName nosuch -Confirm:$false @aws -ErrorAction Stop } }
            @{ Case = 'a zone with no NAT and a zone with two'; ErrorId = 'ZoneNotSteady'; Category = 'InvalidOperation'; Command = { Update-HaNatVpc -Name moto -Confirm:$false @aws -ErrorAction Stop } }
        ) {
            $refusal = Get-Refusal $Command
            $refusal.Error | Should -Not -BeNullOrEmpty
            $refusal.Error.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            [string]$refusal.Error.CategoryInfo.Category | Should -Be $Category
            $refusal.Writes | Should -BeNullOrEmpty
        }

        It 'refuses a zone served by another zone''s NAT (a failover in progress), and writes nothing' {
            $zoneB = $failVpc.Zones[1]
            $natA = $failNats[$failVpc.Zones[0].AvailabilityZone]
            foreach ($table in $zoneB.ServedRouteTableIds) { Set-TestRoute $table $natA }
            try { $refusal = Get-Refusal { Update-HaNatVpc -Name fail -Confirm:$false @aws -ErrorAction Stop } }
            finally { foreach ($table in $zoneB.ServedRouteTableIds) { Set-TestRoute $table $failNats[$zoneB.AvailabilityZone] } }
            $refusal.Error.FullyQualifiedErrorId | Should -BeLike 'ZoneServedByPeer,*'
            $refusal.Error.Exception.Message | Should -Match "$($zoneB.AvailabilityZone) of HaNat VPC 'fail' is served by $($failVpc.Zones[0].AvailabilityZone)'s NAT $natA"
            $refusal.Writes | Should -BeNullOrEmpty
        }

        It 'refuses a zone whose table its NAT has not taken yet, and writes nothing' {
            $table = $failVpc.Zones[0].ServedRouteTableIds[0]
            Invoke-Ec2 DeleteRoute ([Amazon.EC2.Model.DeleteRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '0.0.0.0/0' }) | Out-Null
            try { $refusal = Get-Refusal { Update-HaNatVpc -Name fail -Confirm:$false @aws -ErrorAction Stop } }
            finally { Set-TestRoute $table $failNats[$failVpc.Zones[0].AvailabilityZone] }
            $refusal.Error.FullyQualifiedErrorId | Should -BeLike 'ZoneNotSteady,*'
            $refusal.Error.Exception.Message | Should -Match "Route table $table .* sends 0.0.0.0/0 to nothing"
            $refusal.Writes | Should -BeNullOrEmpty
        }
    }

    Context 'a new NAT that never takes its zone' {
        BeforeAll {
            # The fail VPC of the refusals, steady again; no boot takeover runs, as on a NAT whose data-plane check fails.
            $vpc = Get-HaNatVpc -Name fail @aws
            $nats = [ordered]@{}
            foreach ($zone in $vpc.Zones) { $nats[$zone.AvailabilityZone] = Get-RouteInstance $zone.ServedRouteTableIds[0] }
            $before = Get-GroupSize fail
            Start-MotoRecording
            $err = Get-CommandError { Update-HaNatVpc -Name fail -InstanceType t4g.micro -ZoneTimeoutSeconds 10 -Confirm:$false @aws -ErrorAction Stop }
            $recorded = @(Get-MotoRecording)
            $after = Get-GroupSize fail
            $launched = @($recorded | Where-Object Action -EQ 'RunInstances')
        }

        It 'stops with RolloutStopped, naming the zone, the new NAT, and the old NAT the zone stays on' {
            $err.FullyQualifiedErrorId | Should -BeLike 'RolloutStopped,*'
            [string]$err.CategoryInfo.Category | Should -Be 'OperationStopped'
            $zone = $vpc.Zones[0].AvailabilityZone
            $err.Exception.Message | Should -Match "stopped at $zone"
            $err.Exception.Message | Should -Match "$zone stays on its old NAT $($nats[$zone])"
            $err.Exception.Message | Should -Match 'takeover log'
            $err.Exception.Message | Should -Match 'version 2 stays the default'
        }

        It 'launched one new NAT only, and terminated it through the group' {
            $launched.Count | Should -Be 1
            $terminated = @($recorded | Where-Object Action -EQ 'TerminateInstanceInAutoScalingGroup')
            $terminated.Count | Should -Be 1
            $newId = (@($recorded | Where-Object Action -EQ 'AttachInstances'))[0].Parameters['InstanceIds.member.1']
            $terminated[0].Parameters['InstanceId'] | Should -Be $newId
            Get-InstanceState $newId | Should -Be 'terminated'
        }

        It 'leaves every zone on its old NAT, and the group as it was' {
            foreach ($zone in $vpc.Zones) {
                foreach ($table in $zone.ServedRouteTableIds) { Get-RouteInstance $table | Should -Be $nats[$zone.AvailabilityZone] }
                Get-InstanceState $nats[$zone.AvailabilityZone] | Should -Be 'running'
            }
            @(Get-GroupMember fail | Sort-Object) | Should -Be @($nats.Values | Sort-Object)
            $after.Max | Should -Be $before.Max
            $after.Desired | Should -Be $before.Desired
        }

        It 'keeps the new launch template version as the default, so that a second run resumes' {
            $default = Get-LaunchTemplateDefault fail
            $default.VersionNumber | Should -Be 2
            $default.LaunchTemplateData.InstanceType.Value | Should -Be 't4g.micro'
            $lines = Get-WhatIfLines { Update-HaNatVpc -Name fail -InstanceType t4g.micro -WhatIf @aws }
            ($lines -join "`n") | Should -Not -Match 'Create version'
            @($lines | Where-Object { $_ -match 'Replace NAT' }).Count | Should -Be 2
        }
    }

    Context 'a deployment Add-HaNatVpc made' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name added
            Add-HaNatVpc -VpcId $tf.vpcId -Name added -Confirm:$false @aws | Out-Null
            $nats = Set-TestNatPerZone added
            $vpc = Get-HaNatVpc -Name added @aws
            $takeover = Start-TestBootTakeover added @($nats.Values)
            try { $results = @(Update-HaNatVpc -Name added -InstanceType t4g.micro -Confirm:$false @aws) }
            finally { $null = Stop-TestBootTakeover $takeover }
        }

        It 'replaces every zone''s NAT, each new NAT serving the zone''s tables' {
            $vpc.IsAdded | Should -BeTrue
            $results.Count | Should -Be $vpc.Zones.Count
            foreach ($result in $results) {
                $result.OldInstanceId | Should -Be $nats[$result.AvailabilityZone]
                Get-InstanceState $result.OldInstanceId | Should -Be 'terminated'
                foreach ($table in ($vpc.Zones | Where-Object AvailabilityZone -EQ $result.AvailabilityZone).ServedRouteTableIds) {
                    Get-RouteInstance $table | Should -Be $result.NewInstanceId
                }
            }
            (Get-LaunchTemplateDefault added).LaunchTemplateData.InstanceType.Value | Should -Be 't4g.micro'
        }
    }

    Context 'a full rolling run across three zones, then a second run' {
        BeforeAll {
            New-HaNatVpc -Name roll -CidrBlock '10.41' -ZoneCount 3 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $nats = Set-TestNatPerZone roll
            $vpc = Get-HaNatVpc -Name roll @aws
            $newImage = New-TestHaNatImage -Architecture arm64
            $takeover = Start-TestBootTakeover roll @($nats.Values)
            Start-MotoRecording
            $results = @(Update-HaNatVpc -Name roll -Confirm:$false @aws)
            $recorded = @(Get-MotoRecording)
            $took = Stop-TestBootTakeover $takeover
            $size = Get-GroupSize roll
            $default = Get-LaunchTemplateDefault roll

            Start-MotoRecording
            $second = @(Update-HaNatVpc -Name roll -Confirm:$false @aws -InformationVariable said)
            $secondRecorded = @(Get-MotoAction)
        }

        It 'replaces each zone''s NAT, in zone order, with a NAT of the new version in that zone' {
            $results.Count | Should -Be 3
            $results.AvailabilityZone | Should -Be @($vpc.Zones.AvailabilityZone)
            foreach ($result in $results) {
                $result.OldInstanceId | Should -Be $nats[$result.AvailabilityZone]
                $result.LaunchTemplateVersion | Should -Be 2
                (Get-TestInstance $result.NewInstanceId).Placement.AvailabilityZone | Should -Be $result.AvailabilityZone
                Get-InstanceState $result.OldInstanceId | Should -Be 'terminated'
                Get-InstanceState $result.NewInstanceId | Should -Be 'running'
                foreach ($table in ($vpc.Zones | Where-Object AvailabilityZone -EQ $result.AvailabilityZone).ServedRouteTableIds) {
                    Get-RouteInstance $table | Should -Be $result.NewInstanceId
                }
            }
            @(Get-GroupMember roll | Sort-Object) | Should -Be @($results.NewInstanceId | Sort-Object)
        }

        It 'makes a new launch template version with the newest HaNat image, the default, and the group''s' {
            $default.VersionNumber | Should -Be 2
            $default.LaunchTemplateData.ImageId | Should -Be $newImage
            $size.Version | Should -Be '2'
        }

        It 'launches each zone''s new NAT before it terminates the old one, one zone at a time' {
            $writes = @($recorded | Where-Object { $_.Action -in 'RunInstances', 'AttachInstances', 'TerminateInstanceInAutoScalingGroup' })
            $writes.Action | Should -Be (@('RunInstances', 'AttachInstances', 'TerminateInstanceInAutoScalingGroup') * 3)
            for ($i = 0; $i -lt 3; $i++) {
                $zone = $vpc.Zones[$i]
                $writes[3 * $i].Parameters['NetworkInterface.1.SubnetId'] | Should -Be $zone.PublicSubnetId
                $writes[3 * $i].Parameters['LaunchTemplate.Version'] | Should -Be '2'
                $writes[3 * $i + 1].Parameters['InstanceIds.member.1'] | Should -Be $results[$i].NewInstanceId
                $writes[3 * $i + 2].Parameters['InstanceId'] | Should -Be $nats[$zone.AvailabilityZone]
                $writes[3 * $i + 2].Parameters['ShouldDecrementDesiredCapacity'] | Should -Be 'true'
            }
        }

        It 'raises MaxSize by one for the rollout and puts it back' {
            $maxSizes = @($recorded | Where-Object { $_.Action -eq 'UpdateAutoScalingGroup' -and $_.Parameters['MaxSize'] } | ForEach-Object { $_.Parameters['MaxSize'] })
            $maxSizes | Should -Be @('4', '3')
            $size.Max | Should -Be 3
            $size.Desired | Should -Be 3
        }

        It 'writes nothing on a second run, and says so' {
            $second | Should -BeNullOrEmpty
            @($secondRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            ($said -join ' ') | Should -Match 'nothing to do'
        }
    }
}

Describe 'Update-HaNatVpc -Spot and -OnDemand' {
    BeforeAll {
        function Get-GroupUpdate($Recorded) {
            <# The UpdateAutoScalingGroup that rewrote the group's launch settings (not a MaxSize change). #>
            @($Recorded | Where-Object { $_.Action -eq 'UpdateAutoScalingGroup' -and -not $_.Parameters['MaxSize'] })
        }

        function Restore-TestGroupPolicy([string] $Name, $Update) {
            <#
              moto's UpdateAutoScalingGroup sets the mixed instances policy to whatever the request carries, so the
              rollout's MaxSize updates (which carry none) drop it; AWS leaves a setting a request does not name as it
              is. The policy the rollout sent is put back here, as AWS would have kept it.
            #>
            $fields = @{ AutoScalingGroupName = "$Name-nat-asg" }
            foreach ($key in $Update.Parameters.Keys) { if ($key -like 'MixedInstancesPolicy.*') { $fields[$key] = $Update.Parameters[$key] } }
            (Invoke-MotoQuery autoscaling UpdateAutoScalingGroup $fields).StatusCode | Should -Be 200
        }

        function Get-Lifecycle([string] $InstanceId) {
            $lifecycle = (Get-TestInstance $InstanceId).InstanceLifecycle
            if ($lifecycle) { $lifecycle.Value } else { 'on-demand' }
        }

        New-HaNatVpc -Name spotroll -CidrBlock '10.43' -ZoneCount 3 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
        $nats = Set-TestNatPerZone spotroll
        $vpc = Get-HaNatVpc -Name spotroll @aws

        Start-MotoRecording
        $planLines = Get-WhatIfLines { Update-HaNatVpc -Name spotroll -Spot -WhatIf @aws }
        $whatIfRecorded = @(Get-MotoAction)

        $takeover = Start-TestBootTakeover spotroll @($nats.Values)
        Start-MotoRecording
        $toSpot = @(Update-HaNatVpc -Name spotroll -Spot -Confirm:$false @aws)
        $toSpotRecorded = @(Get-MotoRecording)
        $null = Stop-TestBootTakeover $takeover
        Restore-TestGroupPolicy spotroll (Get-GroupUpdate $toSpotRecorded)[0]
        $spotFound = Get-HaNatVpc -Name spotroll @aws

        Start-MotoRecording
        $again = @(Update-HaNatVpc -Name spotroll -Spot -Confirm:$false @aws -InformationVariable saidAgain)
        $againRecorded = @(Get-MotoAction)

        $spotNats = @(Get-GroupMember spotroll)
        $takeover = Start-TestBootTakeover spotroll $spotNats
        Start-MotoRecording
        $toOnDemand = @(Update-HaNatVpc -Name spotroll -OnDemand -Confirm:$false @aws)
        $toOnDemandRecorded = @(Get-MotoRecording)
        $null = Stop-TestBootTakeover $takeover
    }

    It '-WhatIf writes nothing and plans the group''s switch, then two zones replaced by spot NATs' {
        @($whatIfRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $text = $planLines -join "`n"
        $text | Should -Match ([regex]::Escape('"Run the NATs on spot: t4g.nano, t4g.micro, t4g.small; 1 on-demand, price-capacity-optimized, capacity rebalance'))
        @($planLines | Where-Object { $_ -match 'with a new spot NAT' }).Count | Should -Be 2
        $text | Should -Not -Match ([regex]::Escape($nats['us-east-1a']))
    }

    It '-Spot gives the group the mixed instances policy and capacity rebalancing, as New-HaNatVpc -Spot' {
        $update = Get-GroupUpdate $toSpotRecorded
        $update.Count | Should -Be 1
        $sent = $update[0].Parameters
        $sent.Keys | Where-Object { $_ -like 'LaunchTemplate.*' } | Should -BeNullOrEmpty
        $sent['MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId'] | Should -Be $vpc.LaunchTemplateId
        $sent['MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version'] | Should -Be '1'
        @(1..3 | ForEach-Object { $sent["MixedInstancesPolicy.LaunchTemplate.Overrides.member.$_.InstanceType"] }) | Should -Be @('t4g.nano', 't4g.micro', 't4g.small')
        $sent['MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity'] | Should -Be '1'
        $sent['CapacityRebalance'] | Should -Be 'true'
        # The switch comes before the first new NAT.
        [array]::IndexOf(@($toSpotRecorded.Action), 'UpdateAutoScalingGroup') | Should -BeLessThan ([array]::IndexOf(@($toSpotRecorded.Action), 'RunInstances'))
        $spotFound.IsSpot | Should -BeTrue
    }

    It '-Spot keeps the first zone''s on-demand NAT and replaces the others, make-before-break, by spot NATs' {
        $toSpot.AvailabilityZone | Should -Be @('us-east-1b', 'us-east-1c')
        $runs = @($toSpotRecorded | Where-Object Action -EQ 'RunInstances')
        $runs.Count | Should -Be 2
        $runs | ForEach-Object { $_.Parameters['InstanceMarketOptions.MarketType'] | Should -Be 'spot' }
        foreach ($result in $toSpot) {
            Get-Lifecycle $result.NewInstanceId | Should -Be 'spot'
            Get-InstanceState $result.OldInstanceId | Should -Be 'terminated'
            $result.OldInstanceId | Should -Be $nats[$result.AvailabilityZone]
        }
        Get-InstanceState $nats['us-east-1a'] | Should -Be 'running'
        Get-Lifecycle $nats['us-east-1a'] | Should -Be 'on-demand'
        @($toSpotRecorded | Where-Object { $_.Action -in 'RunInstances', 'TerminateInstanceInAutoScalingGroup' }).Action |
            Should -Be @('RunInstances', 'TerminateInstanceInAutoScalingGroup', 'RunInstances', 'TerminateInstanceInAutoScalingGroup')
    }

    It '-Spot again writes nothing, and says so' {
        $again | Should -BeNullOrEmpty
        @($againRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        ($saidAgain -join ' ') | Should -Match 'on spot, which has the settings asked for; nothing to do'
    }

    It '-OnDemand takes the policy off the group and replaces every spot NAT by an on-demand one' {
        $update = Get-GroupUpdate $toOnDemandRecorded
        $update.Count | Should -Be 1
        $sent = $update[0].Parameters
        $sent.Keys | Where-Object { $_ -like 'MixedInstancesPolicy*' } | Should -BeNullOrEmpty
        $sent['LaunchTemplate.LaunchTemplateId'] | Should -Be $vpc.LaunchTemplateId
        $sent['LaunchTemplate.Version'] | Should -Be '1'
        $sent['CapacityRebalance'] | Should -Be 'false'

        $toOnDemand.AvailabilityZone | Should -Be @('us-east-1b', 'us-east-1c')
        @($toOnDemandRecorded | Where-Object Action -EQ 'RunInstances' | Where-Object { $_.Parameters['InstanceMarketOptions.MarketType'] }) | Should -BeNullOrEmpty
        foreach ($member in Get-GroupMember spotroll) { Get-Lifecycle $member | Should -Be 'on-demand' }
        (Get-HaNatVpc -Name spotroll @aws).IsSpot | Should -BeFalse
    }
}
