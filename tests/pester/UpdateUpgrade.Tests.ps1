# Update-HaNatVpc brings a deployment an older HaNat made up to this version, as users call it, against moto: the NATs'
# role gets this version's policy (the metrics' cloudwatch:PutMetricData) and a digest tag, each zone the CloudWatch
# alarms it lacks; -WhatIf and a bad -AlarmAction write nothing; a second run writes nothing; -NoAlarms makes none and
# is kept on the role; an alarm name someone else holds is refused before any write; and with a new image the role
# changes before the rollout and the alarms come after it.
#
# moto cannot make an older deployment, so the test makes one from a new one (TestHelpers' Set-TestOlderDeployment):
# as HaNat left it before the metrics, with no alarms, the role's policy without PutMetricData, and no digest tag. moto's gaps of the
# rollout are filled as in UpdateVpc.Tests.ps1 (Set-TestNatPerZone, Start-TestBootTakeover).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $region = $aws.Region

    function Select-Xml([System.Xml.XmlNode] $Node, [string] $Path) {
        $xpath = ($Path -split '/' | ForEach-Object { "*[local-name()='$_']" }) -join '/'
        @($Node.SelectNodes($xpath))
    }

    function Get-AlarmName([string] $Name) {
        $xml = (Invoke-MotoQuery monitoring DescribeAlarms @{ AlarmNamePrefix = "hanat-$Name-" }).Xml
        @(Select-Xml $xml.DocumentElement 'DescribeAlarmsResult/MetricAlarms/member/AlarmName' | ForEach-Object InnerText | Sort-Object)
    }

    function Get-AlarmArn([string] $AlarmName) {
        $xml = (Invoke-MotoQuery monitoring DescribeAlarms @{ AlarmNamePrefix = $AlarmName }).Xml
        @(Select-Xml $xml.DocumentElement 'DescribeAlarmsResult/MetricAlarms/member' |
            Where-Object { $_.SelectSingleNode("*[local-name()='AlarmName']").InnerText -eq $AlarmName } |
            ForEach-Object { $_.SelectSingleNode("*[local-name()='AlarmArn']").InnerText })[0]
    }

    function Get-AlarmVpcTag([string] $AlarmName) {
        $tags = (Invoke-MotoQuery monitoring ListTagsForResource @{ ResourceARN = (Get-AlarmArn $AlarmName) }).Xml
        @(Select-Xml $tags.DocumentElement 'ListTagsForResourceResult/Tags/member' | Where-Object { $_.SelectSingleNode("*[local-name()='Key']").InnerText -eq 'hanat:vpc-id' } |
            ForEach-Object { $_.SelectSingleNode("*[local-name()='Value']").InnerText })
    }

    function Get-RolePolicy([string] $Name) {
        $xml = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = "$Name-nat-$region"; PolicyName = 'hanat-nat-instance' }).Xml
        $document = @(Select-Xml $xml.DocumentElement 'GetRolePolicyResult/PolicyDocument')
        if ($document.Count -eq 0) { throw "no policy hanat-nat-instance on $Name-nat-${region}: $($xml.OuterXml)" }
        [uri]::UnescapeDataString($document[0].InnerText)
    }

    function Get-RoleTag([string] $Name) {
        $tags = @{}
        $xml = (Invoke-MotoQuery iam ListRoleTags @{ RoleName = "$Name-nat-$region" }).Xml
        foreach ($t in (Select-Xml $xml.DocumentElement 'ListRoleTagsResult/Tags/member')) {
            $tags[$t.SelectSingleNode("*[local-name()='Key']").InnerText] = $t.SelectSingleNode("*[local-name()='Value']").InnerText
        }
        $tags
    }

    Reset-Moto
    $null = New-TestHaNatImage -Architecture arm64
    # A deployment of this version, the measure of what the older ones are brought to.
    New-HaNatVpc -Name fresh -CidrBlock '10.51' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
    $freshPolicy = Get-RolePolicy fresh
    $freshDigest = (Get-RoleTag fresh)['hanat:nat-policy']
}

Describe 'Update-HaNatVpc on a deployment an older HaNat made' {
    Context 'made before the metrics and their alarms' {
        BeforeAll {
            New-HaNatVpc -Name older -CidrBlock '10.52' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $nats = Set-TestNatPerZone older
            $vpc = Get-HaNatVpc -Name older @aws
            Set-TestOlderDeployment older
            $olderPolicy = Get-RolePolicy older

            Start-MotoRecording
            $lines = Get-WhatIfLines { Update-HaNatVpc -Name older -WhatIf @aws }
            $whatIfRecorded = @(Get-MotoAction)

            Start-MotoRecording
            $first = @(Update-HaNatVpc -Name older -Force @aws -InformationVariable firstSaid)
            $firstRecorded = @(Get-MotoAction)

            Start-MotoRecording
            $second = @(Update-HaNatVpc -Name older -Force @aws -InformationVariable secondSaid)
            $secondRecorded = @(Get-MotoAction)
        }

        It 'was older indeed: no alarms, and a NAT policy without PutMetricData' {
            $olderPolicy | Should -Not -Match 'cloudwatch:PutMetricData'
            $freshPolicy | Should -Match 'cloudwatch:PutMetricData'
            $freshDigest | Should -Match '^[0-9a-f]{16}$'
        }

        It '-WhatIf writes nothing and names the role''s policy and each of the eight alarms' {
            @($whatIfRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($lines | Where-Object { $_ -match "IAM role older-nat-$region" -and $_ -match 'untagged' }).Count | Should -Be 1
            $alarmLines = @($lines | Where-Object { $_ -match 'CloudWatch alarm hanat-older-' })
            $alarmLines.Count | Should -Be 8
            foreach ($zone in $vpc.Zones) { @($alarmLines | Where-Object { $_ -match [regex]::Escape("hanat-older-$($zone.AvailabilityZone)-") }).Count | Should -Be 4 }
            @($lines | Where-Object { $_ -match 'Replace NAT' }) | Should -BeNullOrEmpty -Because 'the NATs run the newest image already'
        }

        It 'puts this version''s policy on the role, tagged with its digest, and replaces no NAT' {
            $first | Should -BeNullOrEmpty -Because 'no zone was replaced'
            Get-RolePolicy older | Should -Be $freshPolicy
            (Get-RoleTag older)['hanat:nat-policy'] | Should -Be $freshDigest
            foreach ($zone in $vpc.Zones) { (Get-TestInstance $nats[$zone.AvailabilityZone]).State.Name.Value | Should -Be 'running' }
        }

        It 'makes each zone''s four alarms, tagged as this VPC''s, as New-HaNatVpc makes them' {
            $made = Get-AlarmName older
            $made.Count | Should -Be 8
            ($made -replace '^hanat-older-', '') | Should -Be ((Get-AlarmName fresh) -replace '^hanat-fresh-', '')
            foreach ($name in $made) { Get-AlarmVpcTag $name | Should -Be $vpc.VpcId }
        }

        It 'writes the role''s policy and tag, then the alarms, and nothing else' {
            $writes = @($firstRecorded | Where-Object IsWrite)
            $writes.Action | Should -Be (@('PutRolePolicy', 'TagRole') + @('PutMetricAlarm') * 8)
            ($firstSaid -join ' ') | Should -Match 'CloudWatch alarms made: hanat-older-'
        }

        It 'writes nothing on a second run, and says so' {
            $second | Should -BeNullOrEmpty
            @($secondRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            ($secondSaid -join ' ') | Should -Match 'nothing to do'
        }
    }

    Context '-NoAlarms' {
        BeforeAll {
            New-HaNatVpc -Name quiet -CidrBlock '10.53' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $null = Set-TestNatPerZone quiet
            Set-TestOlderDeployment quiet
            Start-MotoRecording
            Update-HaNatVpc -Name quiet -NoAlarms -Force @aws | Out-Null
            $recorded = @(Get-MotoAction)
            Start-MotoRecording
            Update-HaNatVpc -Name quiet -Force @aws -InformationVariable laterSaid | Out-Null
            $later = @(Get-MotoAction)
            New-HaNatVpc -Name none -CidrBlock '10.54' -ZoneCount 2 -NoAlarms -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $null = Set-TestNatPerZone none
            Start-MotoRecording
            Update-HaNatVpc -Name none -Force @aws | Out-Null
            $noneRecorded = @(Get-MotoAction)
        }

        It 'makes no alarm, puts the policy, and records the choice on the role' {
            Get-AlarmName quiet | Should -BeNullOrEmpty
            @($recorded | Where-Object IsWrite).Action | Should -Be @('PutRolePolicy', 'TagRole')
            (Get-RoleTag quiet)['hanat:alarms'] | Should -Be 'none'
            (Get-RoleTag quiet)['hanat:nat-policy'] | Should -Be $freshDigest
        }

        It 'is kept: a later run without it makes no alarm either, and writes nothing' {
            @($later | Where-Object IsWrite) | Should -BeNullOrEmpty
            Get-AlarmName quiet | Should -BeNullOrEmpty
            ($laterSaid -join ' ') | Should -Match 'nothing to do'
        }

        It 'is kept from New-HaNatVpc -NoAlarms too' {
            (Get-RoleTag none)['hanat:alarms'] | Should -Be 'none'
            @($noneRecorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            Get-AlarmName none | Should -BeNullOrEmpty
        }
    }

    Context 'refusals, before any write' {
        BeforeAll {
            New-HaNatVpc -Name taken -CidrBlock '10.55' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $vpc = Get-HaNatVpc -Name taken @aws
            $null = Set-TestNatPerZone taken
            Set-TestOlderDeployment taken
            # Someone's own alarm under one of HaNat's names, untagged: not HaNat's to replace.
            $zone = $vpc.Zones[1].AvailabilityZone
            $userAlarm = (Get-AlarmName fresh | Select-Object -First 1) -replace '^hanat-fresh-us-east-1a-', "hanat-taken-$zone-"
            Invoke-MotoQuery monitoring PutMetricAlarm @{ AlarmName = $userAlarm; Namespace = 'HaNat'; MetricName = 'Healthy'; Statistic = 'Minimum'
                Period = 60; EvaluationPeriods = 1; Threshold = 1; ComparisonOperator = 'LessThanThreshold' } | Out-Null
            # moto keeps a deleted alarm's tags under its ARN, and the user's alarm takes the name (and ARN) of one that
            # Set-TestOlderDeployment deleted: on AWS the tags go with the alarm, so the test takes them off.
            Invoke-MotoQuery monitoring UntagResource @{ ResourceARN = (Get-AlarmArn $userAlarm); 'TagKeys.member.1' = 'hanat:vpc-id'
                'TagKeys.member.2' = 'hanat:managed'; 'TagKeys.member.3' = 'hanat:vpc-name'; 'TagKeys.member.4' = 'hanat:zone'; 'TagKeys.member.5' = 'hanat:component' } | Out-Null
        }

        It 'refuses an alarm name someone else holds (AlarmNameInUse), naming it, and writes nothing' {
            Start-MotoRecording
            $err = Get-CommandError { Update-HaNatVpc -Name taken -Force @aws }
            $recorded = @(Get-MotoAction)
            $err.FullyQualifiedErrorId | Should -BeLike 'AlarmNameInUse,*'
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match ([regex]::Escape($userAlarm))
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            (Get-RoleTag taken).ContainsKey('hanat:nat-policy') | Should -BeFalse
        }

        It 'refuses an -AlarmAction that is no SNS topic (InvalidAlarmAction) before any call' {
            Start-MotoRecording
            $err = Get-CommandError { Update-HaNatVpc -Name taken -AlarmAction 'arn:aws:sqs:us-east-1:123456789012:queue' -Force @aws }
            $recorded = @(Get-MotoAction)
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidAlarmAction,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $recorded | Should -BeNullOrEmpty
        }
    }

    Context 'with a new image: the role first, then the rollout, then the alarms' {
        BeforeAll {
            New-HaNatVpc -Name image -CidrBlock '10.56' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            $nats = Set-TestNatPerZone image
            Set-TestOlderDeployment image
            $null = New-TestHaNatImage -Architecture arm64
            $takeover = Start-TestBootTakeover image @($nats.Values)
            Start-MotoRecording
            try { $results = @(Update-HaNatVpc -Name image -AlarmAction 'arn:aws:sns:us-east-1:123456789012:hanat-alarms' -Force @aws) }
            finally { $null = Stop-TestBootTakeover $takeover }
            $recorded = @(Get-MotoAction | Where-Object IsWrite)
        }

        It 'replaces both zones'' NATs' {
            $results.Count | Should -Be 2
        }

        It 'puts the policy before the first new NAT launches, and makes the alarms after the last old NAT is terminated' {
            $actions = @($recorded.Action)
            $policy = [array]::IndexOf($actions, 'PutRolePolicy')
            $launch = [array]::IndexOf($actions, 'RunInstances')
            $lastTerminate = [array]::LastIndexOf($actions, 'TerminateInstanceInAutoScalingGroup')
            $firstAlarm = [array]::IndexOf($actions, 'PutMetricAlarm')
            $policy | Should -BeGreaterOrEqual 0
            $policy | Should -BeLessThan $launch
            $firstAlarm | Should -BeGreaterThan $lastTerminate
            @($actions | Where-Object { $_ -eq 'PutMetricAlarm' }).Count | Should -Be 8
        }
    }
}
