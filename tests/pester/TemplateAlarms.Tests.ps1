# Export-HaNatTemplate's CloudWatch alarms: each zone's four AWS::CloudWatch::Alarm, named, measured and tagged as
# New-HaNatVpc makes them, the optional AlarmAction parameter (empty: no action, through a condition), cfn-lint clean,
# -NoAlarms leaving them out, and a bad -AlarmAction refused. No AWS call.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    $script:cfnLint = Get-Command cfn-lint -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $topic = 'arn:aws:sns:us-east-1:123456789012:hanat-alarms'

    function Invoke-CfnLint([string] $Text) {
        # cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational findings.
        $file = Join-Path $TestDrive ("template-{0}.json" -f [guid]::NewGuid())
        Set-Content -LiteralPath $file -Value $Text -Encoding utf8NoBOM
        $findings = @(& $script:cfnLint.Source $file 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Findings = $findings }
    }

    function Get-Alarms($Template) {
        @($Template.Resources.PSObject.Properties | Where-Object { $_.Value.Type -eq 'AWS::CloudWatch::Alarm' })
    }
}

Describe 'Export-HaNatTemplate alarms' {
    It 'cfn-lint finds nothing at all in <Case>' -ForEach @(
        @{ Case = 'a 3-zone template with an alarm action'; Export = { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -AlarmAction $topic } }
        @{ Case = 'one without an action'; Export = { Export-HaNatTemplate -Name prod -CidrBlock 10.20 } }
        @{ Case = 'a template for an existing VPC'; Export = { Export-HaNatTemplate -ExistingVpc -Name shop -ZoneCount 2 -AlarmAction $topic } }
    ) {
        if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

        $lint = Invoke-CfnLint (& $Export)

        $lint.Findings | Should -BeNullOrEmpty
        $lint.ExitCode | Should -Be 0
    }

    Context 'a 3-zone template with -AlarmAction' {
        BeforeAll {
            $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -AlarmAction $topic | ConvertFrom-Json
            $alarms = Get-Alarms $template
        }

        It 'holds four alarms per zone' {
            $alarms.Count | Should -Be 12
            $alarms.Name | Should -Contain 'ServedByPeerAlarm1'
            $alarms.Name | Should -Contain 'PortAllocationErrorsAlarm3'
        }

        It 'names each hanat-NAME-ZONE-WHAT, the zone the one its NAT runs in' {
            $p = ($alarms | Where-Object Name -EQ 'ServedByPeerAlarm2').Value.Properties
            $p.AlarmName.'Fn::Sub'[0] | Should -Be 'hanat-${Name}-${Zone}-served-by-peer'
            $p.AlarmName.'Fn::Sub'[1].Zone.'Fn::Select'[0] | Should -Be 1
            $zone = $p.Dimensions | Where-Object Name -EQ 'AvailabilityZone'
            $zone.Value.'Fn::Select'[0] | Should -Be 1
            ($p.Dimensions | Where-Object Name -EQ 'VpcName').Value.Ref | Should -Be 'Name'
            $p.Namespace | Should -Be 'HaNat'
        }

        It 'measures as New-HaNatVpc''s alarms do' {
            $p = ($alarms | Where-Object Name -EQ 'ServedByPeerAlarm1').Value.Properties
            @($p.MetricName, $p.Statistic, $p.ComparisonOperator, $p.Threshold, $p.Period, $p.EvaluationPeriods, $p.DatapointsToAlarm, $p.TreatMissingData) |
                Should -Be @('ZoneServedByPeer', 'Maximum', 'GreaterThanOrEqualToThreshold', 1, 60, 10, 10, 'breaching')
            $p = ($alarms | Where-Object Name -EQ 'ConntrackFullAlarm3').Value.Properties
            @($p.MetricName, $p.Statistic, $p.Threshold, $p.EvaluationPeriods, $p.TreatMissingData) | Should -Be @('ConntrackUsedPercent', 'Maximum', 90, 2, 'notBreaching')
        }

        It 'notifies the AlarmAction parameter only when it is not empty, the topic given being its default' {
            $template.Parameters.AlarmAction.Default | Should -Be $topic
            '' | Should -Match $template.Parameters.AlarmAction.AllowedPattern
            $topic | Should -Match $template.Parameters.AlarmAction.AllowedPattern
            'arn:aws:sqs:us-east-1:123456789012:q' | Should -Not -Match $template.Parameters.AlarmAction.AllowedPattern
            $template.Conditions.HasAlarmAction.'Fn::Not'[0].'Fn::Equals'[0].Ref | Should -Be 'AlarmAction'
            foreach ($alarm in $alarms) {
                foreach ($actions in $alarm.Value.Properties.AlarmActions, $alarm.Value.Properties.OKActions) {
                    $actions.'Fn::If'[0] | Should -Be 'HasAlarmAction'
                    $actions.'Fn::If'[1][0].Ref | Should -Be 'AlarmAction'
                    $actions.'Fn::If'[2].Ref | Should -Be 'AWS::NoValue'
                }
            }
        }

        It 'tags each as HaNat''s, with the VPC, and no Name tag' {
            $tags = ($alarms | Where-Object Name -EQ 'UnhealthyAlarm1').Value.Properties.Tags
            ($tags | Where-Object Key -EQ 'hanat:managed').Value | Should -Be 'true'
            ($tags | Where-Object Key -EQ 'hanat:vpc-name').Value.Ref | Should -Be 'Name'
            ($tags | Where-Object Key -EQ 'hanat:vpc-id').Value.Ref | Should -Not -BeNullOrEmpty
            ($tags | Where-Object Key -EQ 'hanat:component').Value | Should -Be 'alarm'
            $tags.Key | Should -Not -Contain 'Name'
        }
    }

    It 'without -AlarmAction the parameter is empty by default: no action' {
        $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 | ConvertFrom-Json
        $template.Parameters.AlarmAction.Default | Should -Be ''
        (Get-Alarms $template).Count | Should -Be 12
    }

    It '-NoAlarms leaves the alarms, the parameter and the condition out' {
        $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -NoAlarms | ConvertFrom-Json
        @(Get-Alarms $template | Where-Object { $_ }).Count | Should -Be 0
        $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'AlarmAction'
        $template.Conditions.PSObject.Properties.Name | Should -Not -Contain 'HasAlarmAction'
    }

    It 'refuses a -AlarmAction that is not an SNS topic''s ARN with InvalidAlarmAction, and writes nothing' {
        $path = Join-Path $TestDrive 'bad.json'
        { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -AlarmAction 'arn:aws:sqs:us-east-1:123456789012:q' -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAlarmAction*'
        Test-Path -LiteralPath $path | Should -BeFalse
    }
}
