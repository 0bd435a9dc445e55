# The CloudWatch alarms New-HaNatVpc and Add-HaNatVpc make, as users call them, against moto: each zone's four
# alarms with their metric, dimensions, threshold, window and action, tagged as HaNat's; -WhatIf and a bad
# -AlarmAction write nothing; a name already taken is refused before the first write; Remove-HaNatVpc deletes them
# and leaves a user's own alarms.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $topic = 'arn:aws:sns:us-east-1:123456789012:hanat-alarms'

    function Get-ErrorOf([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function Select-Xml([System.Xml.XmlNode] $Node, [string] $Path) {
        <# Child elements by local name (moto's replies carry a default namespace): Select-Xml $node 'MetricAlarms/member'. #>
        $xpath = ($Path -split '/' | ForEach-Object { "*[local-name()='$_']" }) -join '/'
        @($Node.SelectNodes($xpath))
    }

    function Get-Text([System.Xml.XmlNode] $Node, [string] $Name) {
        $found = Select-Xml $Node $Name | Select-Object -First 1
        if ($found) { $found.InnerText }
    }

    function Get-Alarm([string] $Prefix) {
        <# The metric alarms whose names start with $Prefix, as CloudWatch (moto) describes them. #>
        $xml = (Invoke-MotoQuery monitoring DescribeAlarms @{ AlarmNamePrefix = $Prefix }).Xml
        foreach ($alarm in (Select-Xml $xml.DocumentElement 'DescribeAlarmsResult/MetricAlarms/member')) {
            $dimensions = @{}
            foreach ($d in (Select-Xml $alarm 'Dimensions/member')) { $dimensions[(Get-Text $d 'Name')] = Get-Text $d 'Value' }
            [pscustomobject]@{
                Name               = Get-Text $alarm 'AlarmName'
                Arn                = Get-Text $alarm 'AlarmArn'
                Namespace          = Get-Text $alarm 'Namespace'
                MetricName         = Get-Text $alarm 'MetricName'
                Statistic          = Get-Text $alarm 'Statistic'
                Dimensions         = $dimensions
                Period             = [int](Get-Text $alarm 'Period')
                EvaluationPeriods  = [int](Get-Text $alarm 'EvaluationPeriods')
                DatapointsToAlarm  = [int](Get-Text $alarm 'DatapointsToAlarm')
                Threshold          = [double](Get-Text $alarm 'Threshold')
                ComparisonOperator = Get-Text $alarm 'ComparisonOperator'
                TreatMissingData   = Get-Text $alarm 'TreatMissingData'
                AlarmActions       = @(Select-Xml $alarm 'AlarmActions/member' | ForEach-Object InnerText)
                OKActions          = @(Select-Xml $alarm 'OKActions/member' | ForEach-Object InnerText)
            }
        }
    }

    function Get-AlarmTags([string] $Arn) {
        $tags = @{}
        $xml = (Invoke-MotoQuery monitoring ListTagsForResource @{ ResourceARN = $Arn }).Xml
        foreach ($t in (Select-Xml $xml.DocumentElement 'ListTagsForResourceResult/Tags/member')) { $tags[(Get-Text $t 'Key')] = Get-Text $t 'Value' }
        $tags
    }

    function New-UserAlarm([string] $Name, [string] $VpcName, [string] $Zone) {
        <# An alarm someone made by hand on HaNat's metric, untagged: HaNat must never change or delete it. #>
        $response = Invoke-MotoQuery monitoring PutMetricAlarm @{
            AlarmName = $Name; Namespace = 'HaNat'; MetricName = 'Healthy'; Statistic = 'Minimum'; Period = '300'; EvaluationPeriods = '3'
            Threshold = '1'; ComparisonOperator = 'LessThanThreshold'
            'Dimensions.member.1.Name' = 'VpcName'; 'Dimensions.member.1.Value' = $VpcName
            'Dimensions.member.2.Name' = 'AvailabilityZone'; 'Dimensions.member.2.Value' = $Zone
        }
        $response.StatusCode | Should -Be 200
    }

    Reset-Moto
    New-TestHaNatImage | Out-Null
}

Describe 'HaNat alarms' {
    Context 'New-HaNatVpc -AlarmAction' {
        BeforeAll {
            Start-MotoRecording
            $vpc = New-HaNatVpc -Name watched -CidrBlock '10.70' -ZoneCount 2 -AlarmAction $topic -Confirm:$false @aws
            $puts = @(Get-MotoRecording | Where-Object Action -EQ 'PutMetricAlarm')
            $alarms = @(Get-Alarm 'hanat-watched-')
        }

        It 'makes four alarms per zone, named hanat-NAME-ZONE-WHAT, one call each' {
            $puts.Count | Should -Be 8
            @($alarms | ForEach-Object Name) | Sort-Object | Should -Be (@('us-east-1a', 'us-east-1b') | ForEach-Object {
                    $zone = $_; 'served-by-peer', 'unhealthy', 'conntrack-full', 'port-allocation-errors' | ForEach-Object { "hanat-watched-$zone-$_" } } | Sort-Object)
        }

        It 'watches each zone''s metric in the HaNat namespace, by VpcName and AvailabilityZone, on 1-minute periods' {
            foreach ($alarm in $alarms) {
                $zone = ($alarm.Name -replace '^hanat-watched-', '') -replace '-(served-by-peer|unhealthy|conntrack-full|port-allocation-errors)$', ''
                $alarm.Namespace | Should -Be 'HaNat'
                $alarm.Dimensions.Count | Should -Be 2
                $alarm.Dimensions['VpcName'] | Should -Be 'watched'
                $alarm.Dimensions['AvailabilityZone'] | Should -Be $zone
                $alarm.Period | Should -Be 60
                $alarm.DatapointsToAlarm | Should -Be $alarm.EvaluationPeriods
            }
        }

        It 'has each alarm''s metric, statistic, threshold, window and missing-data treatment' {
            $expected = @{
                'served-by-peer'         = @('ZoneServedByPeer', 'Maximum', 'GreaterThanOrEqualToThreshold', 1, 10, 'breaching')
                'unhealthy'              = @('Healthy', 'Minimum', 'LessThanThreshold', 1, 2, 'notBreaching')
                'conntrack-full'         = @('ConntrackUsedPercent', 'Maximum', 'GreaterThanOrEqualToThreshold', 90, 2, 'notBreaching')
                'port-allocation-errors' = @('ErrorPortAllocation', 'Sum', 'GreaterThanThreshold', 0, 1, 'notBreaching')
            }
            foreach ($what in $expected.Keys) {
                $alarm = $alarms | Where-Object Name -EQ "hanat-watched-us-east-1b-$what"
                $e = $expected[$what]
                @($alarm.MetricName, $alarm.Statistic, $alarm.ComparisonOperator, $alarm.Threshold, $alarm.EvaluationPeriods, $alarm.TreatMissingData) |
                    Should -Be $e -Because $what
            }
        }

        It 'notifies the topic when an alarm fires and when it clears' {
            foreach ($alarm in $alarms) {
                $alarm.AlarmActions | Should -Be @($topic)
                $alarm.OKActions | Should -Be @($topic)
            }
        }

        It 'tags each alarm as HaNat''s, with the VPC''s name, id and the zone' {
            $alarm = $alarms | Where-Object Name -EQ 'hanat-watched-us-east-1a-unhealthy'
            $tags = Get-AlarmTags $alarm.Arn
            $tags['hanat:managed'] | Should -Be 'true'
            $tags['hanat:vpc-name'] | Should -Be 'watched'
            $tags['hanat:vpc-id'] | Should -Be $vpc.VpcId
            $tags['hanat:zone'] | Should -Be 'us-east-1a'
            $tags['hanat:component'] | Should -Be 'alarm'
            # What the Operator policy requires of the create call itself (aws:RequestTag): moto evaluates no IAM, so the
            # request's own tags are checked here.
            foreach ($put in $puts) { $put.Parameters.Values | Should -Contain 'hanat:managed' }
        }
    }

    Context 'Remove-HaNatVpc' {
        BeforeAll {
            New-HaNatVpc -Name doomed -CidrBlock '10.71' -ZoneCount 2 -Confirm:$false @aws | Out-Null
            # Someone's own alarms: one named like HaNat's but untagged, one on HaNat's metric under their own name.
            New-UserAlarm 'hanat-doomed-us-east-1a-mine' doomed us-east-1a
            New-UserAlarm 'my-doomed-health' doomed us-east-1b
            $before = @(Get-Alarm 'hanat-doomed-')
            Remove-HaNatVpc -Name doomed -Confirm:$false @aws -WarningVariable warned -WarningAction SilentlyContinue
        }

        It 'deletes every alarm HaNat made for the VPC' {
            $before.Count | Should -Be 9
            @(Get-Alarm 'hanat-doomed-' | ForEach-Object Name) | Should -Be @('hanat-doomed-us-east-1a-mine')
            (Get-HaNatFootprint doomed).Values | Measure-Object -Sum | ForEach-Object Sum | Should -Be 1 -Because 'only the user''s alarm is left'
        }

        It 'leaves a user''s alarms on HaNat''s metrics, and says so of the one named like HaNat''s' {
            @(Get-Alarm 'my-doomed-').Count | Should -Be 1
            ($warned -join "`n") | Should -Match 'hanat-doomed-us-east-1a-mine'
        }
    }

    Context 'Add-HaNatVpc' {
        BeforeAll {
            $tf = New-TestTerraformVpc -Name joined
            Add-HaNatVpc -VpcId $tf.vpcId -Name joined -AlarmAction $topic -Confirm:$false @aws | Out-Null
            $added = @(Get-Alarm 'hanat-joined-')
            Remove-HaNatVpc -Name joined -Confirm:$false @aws -WarningAction SilentlyContinue
        }

        It 'makes the same alarms, with the action, and Remove-HaNatVpc deletes them' {
            $added.Count | Should -Be (4 * @($tf.zones.PSObject.Properties).Count)
            foreach ($alarm in $added) { $alarm.AlarmActions | Should -Be @($topic) }
            @(Get-Alarm 'hanat-joined-').Count | Should -Be 0
        }
    }

    Context 'what is refused or only planned' {
        It '-WhatIf lists the alarms and sends no PutMetricAlarm' {
            Start-MotoRecording
            $lines = Get-WhatIfLines { New-HaNatVpc -Name plan -CidrBlock '10.73' -ZoneCount 2 -AlarmAction $topic -WhatIf @aws }
            $recorded = @(Get-MotoAction)

            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            @($lines | Where-Object { $_ -match '"Create CloudWatch alarm"' }).Count | Should -Be 8
            $lines[-1] | Should -Match ([regex]::Escape('"Create CloudWatch alarm" on target "hanat-plan-us-east-1b-port-allocation-errors (ErrorPortAllocation Sum > 0 for 1 min; missing data notBreaching; notifies ' + $topic + ')"'))
        }

        It 'refuses a bad -AlarmAction before any call that changes anything: <Case>' -ForEach @(
            @{ Case = 'New, not an ARN'; Command = { New-HaNatVpc -Name bad -CidrBlock '10.74' -AlarmAction 'my-topic' -Confirm:$false @aws } }
            @{ Case = 'New, a queue'; Command = { New-HaNatVpc -Name bad -CidrBlock '10.74' -AlarmAction 'arn:aws:sqs:us-east-1:123456789012:q' -Confirm:$false @aws } }
            @{ Case = 'Add, with -NoAlarms'; Command = { Add-HaNatVpc -VpcId 'vpc-0123456789abcdef0' -Name bad -AlarmAction $topic -NoAlarms -Confirm:$false @aws } }
        ) {
            Start-MotoRecording
            $err = Get-ErrorOf $Command
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Match '^InvalidAlarmAction'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match 'SNS topic|-NoAlarms'
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            (Get-HaNatFootprint bad).Vpc | Should -Be 0
        }

        It 'refuses, before the first write, a name one of its alarms would take, and leaves that alarm as it was' {
            New-UserAlarm 'hanat-taken-us-east-1a-unhealthy' taken us-east-1a
            Start-MotoRecording
            $err = Get-ErrorOf { New-HaNatVpc -Name taken -CidrBlock '10.75' -AvailabilityZone us-east-1a -Confirm:$false @aws }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Match '^AlarmNameInUse'
            $err.Exception.Message | Should -Match 'hanat-taken-us-east-1a-unhealthy'
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
            $kept = Get-Alarm 'hanat-taken-'
            $kept.Period | Should -Be 300 -Because 'the user''s alarm is unchanged'
        }

        It '-NoAlarms makes none' {
            New-HaNatVpc -Name quiet -CidrBlock '10.76' -ZoneCount 1 -NoAlarms -Confirm:$false @aws | Out-Null
            @(Get-Alarm 'hanat-quiet-').Count | Should -Be 0
            (Get-HaNatFootprint quiet).Vpc | Should -Be 1
        }
    }
}
