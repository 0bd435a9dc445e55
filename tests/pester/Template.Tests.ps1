# Export-HaNatTemplate as users call it: the template passes cfn-lint, holds what the layout plans, goes to the
# pipeline or to a file (-Path, -Force, -WhatIf), and bad input ends with the planner's ErrorId. No AWS call.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    $script:cfnLint = Get-Command cfn-lint -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

    function Invoke-CfnLint([string] $Text) {
        # cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational findings.
        $file = Join-Path $TestDrive ("template-{0}.json" -f [guid]::NewGuid())
        Set-Content -LiteralPath $file -Value $Text -Encoding utf8NoBOM
        $findings = @(& $script:cfnLint.Source $file 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Findings = $findings; Errors = @($findings | Where-Object { $_ -match '^E\d{4}' }) }
    }

    function Get-Resource($Template, [string] $Type) {
        @($Template.Resources.PSObject.Properties | Where-Object { $_.Value.Type -eq $Type } | ForEach-Object Value)
    }
}

Describe 'Export-HaNatTemplate' {
    Context 'cfn-lint' {
        It 'finds nothing at all in a 3-zone template from the original''s octets' {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            $lint = Invoke-CfnLint (Export-HaNatTemplate -Name prod -CidrBlock 10.20)

            $lint.Findings | Should -BeNullOrEmpty
            $lint.ExitCode | Should -Be 0
        }

        It 'finds nothing in a 6-zone /24 with key pair, image, SSH range and x86_64' {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            $text = Export-HaNatTemplate -Name edge-1 -CidrBlock 192.168.7.0/24 -ZoneCount 6 -KeyName ops -ImageId ami-0123456789abcdef0 `
                -SshCidr 203.0.113.0/24 -Architecture X86_64
            $lint = Invoke-CfnLint $text

            $lint.Findings | Should -BeNullOrEmpty
            $lint.ExitCode | Should -Be 0
        }

        It 'finds nothing at all in a template without -Name and -CidrBlock, whose parameters then have no defaults' {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            $lint = Invoke-CfnLint (Export-HaNatTemplate -ZoneCount 2)

            $lint.Findings | Should -BeNullOrEmpty
            $lint.ExitCode | Should -Be 0
        }

        It 'finds nothing at all in a -Spot template, nor in one whose type has no peers' {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            foreach ($text in (Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Spot), (Export-HaNatTemplate -Name prod -CidrBlock 10.20 -InstanceType x2gd.medium -Spot -WarningAction SilentlyContinue)) {
                $lint = Invoke-CfnLint $text
                $lint.Findings | Should -BeNullOrEmpty
                $lint.ExitCode | Should -Be 0
            }
        }

        It 'finds no error when zones are pinned; the only warning is W3010 (pinned zones), which the user asked for' {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            $lint = Invoke-CfnLint (Export-HaNatTemplate -Name prod -CidrBlock 10.20.0.0/18 -AvailabilityZone eu-west-1a, eu-west-1c)

            $lint.Errors | Should -BeNullOrEmpty
            ($lint.ExitCode -band 2) | Should -Be 0
            @($lint.Findings | Where-Object { $_ -match '^[EWI]\d{4}' } | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique) | Should -Be @('W3010')
        }
    }

    Context 'content' {
        It 'is one JSON document with one Auto Scaling group, IMDSv2 required and an encrypted root' {
            $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 | ConvertFrom-Json

            $groups = Get-Resource $template 'AWS::AutoScaling::AutoScalingGroup'
            $groups.Count | Should -Be 1
            $groups[0].Properties.DesiredCapacity | Should -Be '3'
            $data = (Get-Resource $template 'AWS::EC2::LaunchTemplate')[0].Properties.LaunchTemplateData
            $data.MetadataOptions.HttpTokens | Should -Be 'required'
            $data.BlockDeviceMappings[0].Ebs.Encrypted | Should -BeTrue
            (Get-Resource $template 'AWS::EC2::Subnet').Count | Should -Be 6
            (Get-Resource $template 'AWS::EC2::EIP').Count | Should -Be 3
            $template.Parameters.VpcOctets.Default | Should -Be '10.20'
            $template.Parameters.Name.Default | Should -Be 'prod'
        }

        It 'gives the group its launch template and nothing of spot without -Spot' {
            # Without alarms, whose AlarmAction condition TemplateAlarms.Tests.ps1 checks.
            $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -NoAlarms | ConvertFrom-Json

            $properties = (Get-Resource $template 'AWS::AutoScaling::AutoScalingGroup')[0].Properties
            $properties.LaunchTemplate.LaunchTemplateId.Ref | Should -Be 'NatLaunchTemplate'
            $properties.PSObject.Properties.Name | Should -Not -Contain 'MixedInstancesPolicy'
            $properties.PSObject.Properties.Name | Should -Not -Contain 'CapacityRebalance'
            $template.Conditions.PSObject.Properties.Name | Should -Be @('HasKeyName')
        }

        It 'with -Spot gives the group New-HaNatVpc -Spot''s mixed instances policy, the peers only while InstanceType is the type they fit' {
            $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Spot | ConvertFrom-Json

            $properties = (Get-Resource $template 'AWS::AutoScaling::AutoScalingGroup')[0].Properties
            $properties.PSObject.Properties.Name | Should -Not -Contain 'LaunchTemplate'
            $properties.CapacityRebalance | Should -BeTrue
            $policy = $properties.MixedInstancesPolicy
            $policy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId.Ref | Should -Be 'NatLaunchTemplate'
            $policy.LaunchTemplate.LaunchTemplateSpecification.Version.'Fn::GetAtt' | Should -Be @('NatLaunchTemplate', 'LatestVersionNumber')
            $choice = $policy.LaunchTemplate.Overrides.'Fn::If'
            $choice[0] | Should -Be 'SpotPeersFitInstanceType'
            $choice[1][0].InstanceType.Ref | Should -Be 'InstanceType'
            @($choice[1] | Select-Object -Skip 1 | ForEach-Object InstanceType) | Should -Be @('t4g.micro', 't4g.small')
            @($choice[2]).Count | Should -Be 1
            $choice[2][0].InstanceType.Ref | Should -Be 'InstanceType'
            $template.Conditions.SpotPeersFitInstanceType.'Fn::Equals'[0].Ref | Should -Be 'InstanceType'
            $template.Conditions.SpotPeersFitInstanceType.'Fn::Equals'[1] | Should -Be 't4g.nano'
            $policy.InstancesDistribution.OnDemandBaseCapacity | Should -Be 1
            $policy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity | Should -Be 0
            $policy.InstancesDistribution.SpotAllocationStrategy | Should -Be 'price-capacity-optimized'
            $policy.InstancesDistribution.OnDemandAllocationStrategy | Should -Be 'prioritized'
        }

        It 'opens nothing to 0.0.0.0/0 unless -SshCidr says so, and then warns' {
            $closed = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -WarningVariable quiet | ConvertFrom-Json
            $open = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -SshCidr 0.0.0.0/0 -WarningVariable warned -WarningAction SilentlyContinue | ConvertFrom-Json

            $closedIngress = @((Get-Resource $closed 'AWS::EC2::SecurityGroup')[0].Properties.SecurityGroupIngress)
            $closedIngress.CidrIp | Should -Not -Contain '0.0.0.0/0'
            $closedIngress.Count | Should -Be 1
            # The heartbeat port and echo come from the group itself, as resources of their own: no address block at all.
            $selfIngress = @(Get-Resource $closed 'AWS::EC2::SecurityGroupIngress')
            $selfIngress.Properties.IpProtocol | Should -Be @('udp', 'icmp')
            @($selfIngress.Properties | Where-Object { $_.PSObject.Properties.Name -contains 'CidrIp' }) | Should -BeNullOrEmpty
            @($selfIngress.Properties | ForEach-Object { $_.SourceSecurityGroupId.'Fn::GetAtt'[0] }) | Should -Be @('NatSecurityGroup', 'NatSecurityGroup')
            $quiet | Should -BeNullOrEmpty
            $ssh = @((Get-Resource $open 'AWS::EC2::SecurityGroup')[0].Properties.SecurityGroupIngress) | Where-Object IpProtocol -EQ 'tcp'
            $ssh.CidrIp | Should -Be '0.0.0.0/0'
            $ssh.FromPort | Should -Be 22
            ($warned -join ' ') | Should -Match 'whole internet'
        }

        It 'leaves Name and VpcOctets without a default when -Name and -CidrBlock are not given, and keeps nothing of what it planned with' {
            $text = Export-HaNatTemplate
            $template = $text | ConvertFrom-Json

            $template.Parameters.Name.PSObject.Properties.Name | Should -Not -Contain 'Default'
            $template.Parameters.VpcOctets.PSObject.Properties.Name | Should -Not -Contain 'Default'
            $template.Parameters.Name.AllowedPattern | Should -Not -BeNullOrEmpty
            # The layout was planned with a stand-in name and range: neither may reach the stack.
            $text | Should -Not -Match 'template-name'
            $text | Should -Not -Match '10\.0\.'
            (Get-Resource $template 'AWS::EC2::VPC')[0].Properties.CidrBlock.'Fn::Sub' | Should -Be '${VpcOctets}.0.0/16'
            (Get-Resource $template 'AWS::EC2::Subnet').Count | Should -Be 6
        }

        It 'takes -Name alone as the name''s default, and -CidrBlock alone as the range''s' {
            $named = Export-HaNatTemplate -Name prod | ConvertFrom-Json
            $ranged = Export-HaNatTemplate -CidrBlock 10.30.0.0/20 | ConvertFrom-Json

            $named.Parameters.Name.Default | Should -Be 'prod'
            $named.Parameters.VpcOctets.PSObject.Properties.Name | Should -Not -Contain 'Default'
            $ranged.Parameters.Name.PSObject.Properties.Name | Should -Not -Contain 'Default'
            $ranged.Parameters.VpcCidr.Default | Should -Be '10.30.0.0/20'
        }

        It 'names the heartbeat key the NATs read, which the stack cannot make, in an output and in the Name parameter' {
            $template = Export-HaNatTemplate | ConvertFrom-Json

            $template.Outputs.HeartbeatKeyParameterName.Value.'Fn::Sub' | Should -Be '/hanat/${Name}/heartbeat-key'
            $template.Parameters.Name.Description | Should -Match '/hanat/<Name>/heartbeat-key'
            $template.Description | Should -Match 'SecureString'
        }

        It 'takes a full CIDR as well as octets' {
            $template = Export-HaNatTemplate -Name prod -CidrBlock 10.20.0.0/20 -ZoneCount 2 | ConvertFrom-Json

            $template.Parameters.VpcCidr.Default | Should -Be '10.20.0.0/20'
            $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'VpcOctets'
            (Get-Resource $template 'AWS::EC2::Subnet').Count | Should -Be 4
        }
    }

    Context '-Path' {
        It 'writes the same text to the file as to the pipeline, and nothing to the pipeline' {
            $path = Join-Path $TestDrive 'hanat.json'

            $output = Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $path

            $output | Should -BeNullOrEmpty
            Get-Content -Raw -LiteralPath $path | Should -BeExactly (Export-HaNatTemplate -Name prod -CidrBlock 10.20)
        }

        It 'refuses to overwrite without -Force, with ErrorId FileExists, and leaves the file alone' {
            $path = Join-Path $TestDrive 'existing.json'
            Set-Content -LiteralPath $path -Value 'keep me'

            { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $path } | Should -Throw -ErrorId 'FileExists,HaNat.Commands.ExportHaNatTemplateCommand'
            $err = $null
            try { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $path } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            (Get-Content -Raw -LiteralPath $path).Trim() | Should -Be 'keep me'
        }

        It 'overwrites with -Force' {
            $path = Join-Path $TestDrive 'forced.json'
            Set-Content -LiteralPath $path -Value 'old'

            Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $path -Force

            (Get-Content -Raw -LiteralPath $path | ConvertFrom-Json).AWSTemplateFormatVersion | Should -Be '2010-09-09'
        }

        It 'writes nothing under -WhatIf, new file or old' {
            $new = Join-Path $TestDrive 'whatif.json'
            $old = Join-Path $TestDrive 'whatif-old.json'
            Set-Content -LiteralPath $old -Value 'old'

            Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $new -WhatIf
            Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $old -Force -WhatIf

            Test-Path -LiteralPath $new | Should -BeFalse
            (Get-Content -Raw -LiteralPath $old).Trim() | Should -Be 'old'
        }

        It 'refuses a folder with ErrorId PathIsDirectory, and writes nothing in it' {
            $folder = Join-Path $TestDrive 'templates'
            New-Item -ItemType Directory -Path $folder | Out-Null

            $err = $null
            try { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $folder -Force } catch { $err = $_ }

            $err.FullyQualifiedErrorId | Should -Be 'PathIsDirectory,HaNat.Commands.ExportHaNatTemplateCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match ([regex]::Escape((Join-Path $folder 'prod.json')))
            @(Get-ChildItem -LiteralPath $folder -Force) | Should -BeNullOrEmpty
            Test-Path -LiteralPath $folder -PathType Container | Should -BeTrue
        }

        It 'refuses a file in a folder that does not exist with ErrorId FolderNotFound, and makes no folder' {
            $path = Join-Path $TestDrive 'missing/hanat.json'

            $err = $null
            try { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path $path } catch { $err = $_ }

            $err.FullyQualifiedErrorId | Should -Be 'FolderNotFound,HaNat.Commands.ExportHaNatTemplateCommand'
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Test-Path -LiteralPath (Join-Path $TestDrive 'missing') | Should -BeFalse
        }

        It 'resolves a relative -Path against the current location' {
            Push-Location $TestDrive
            try { Export-HaNatTemplate -Name prod -CidrBlock 10.20 -Path 'relative.json' }
            finally { Pop-Location }

            Test-Path -LiteralPath (Join-Path $TestDrive 'relative.json') | Should -BeTrue
        }
    }

    Context '-ExistingVpc' {
        It 'finds nothing at all with cfn-lint in <Case>' -ForEach @(
            @{ Case = 'a template without defaults'; Arguments = @{ ZoneCount = 2 } }
            @{ Case = 'a 3-zone template with pinned zones, name, key, image, SSH and x86_64'; Arguments = @{
                    AvailabilityZone = 'eu-west-1a', 'eu-west-1b', 'eu-west-1c'; Name = 'prod'; KeyName = 'ops'; ImageId = 'ami-0123456789abcdef0'
                    SshCidr = '203.0.113.0/24'; Architecture = 'X86_64' } }
            @{ Case = 'a 6-zone template'; Arguments = @{ ZoneCount = 6 } }
        ) {
            if (-not $script:cfnLint) { Set-ItResult -Skipped -Because 'cfn-lint is not installed (pip install cfn-lint)'; return }

            $lint = Invoke-CfnLint (Export-HaNatTemplate -ExistingVpc @Arguments)

            $lint.Findings | Should -BeNullOrEmpty
            $lint.ExitCode | Should -Be 0
        }

        It 'writes the deployment alone, the VPC and each zone''s public subnet and private tables as parameters' {
            # Without alarms, whose AWS::CloudWatch::Alarm resources TemplateAlarms.Tests.ps1 checks.
            $template = Export-HaNatTemplate -ExistingVpc -AvailabilityZone us-east-1b, us-east-1c -Name prod -NoAlarms | ConvertFrom-Json

            @($template.Resources.PSObject.Properties.Value.Type | Sort-Object -Unique) | Should -Be @('AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::EIP',
                'AWS::EC2::LaunchTemplate', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::IAM::InstanceProfile', 'AWS::IAM::Role')
            $template.Parameters.VpcId.Type | Should -Be 'AWS::EC2::VPC::Id'
            $template.Parameters.PublicSubnet2.Type | Should -Be 'AWS::EC2::Subnet::Id'
            $template.Parameters.PrivateRouteTables2.Type | Should -Be 'CommaDelimitedList'
            $template.Parameters.AvailabilityZone2.Default | Should -Be 'us-east-1c'
            $template.Parameters.Name.Default | Should -Be 'prod'
            $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'PublicSubnet3'
            $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'VpcOctets'
            (Get-Resource $template 'AWS::AutoScaling::AutoScalingGroup')[0].Properties.DesiredCapacity | Should -Be '2'
        }

        It 'with -Spot gives the deployment''s group the mixed instances policy, and passes cfn-lint' {
            $text = Export-HaNatTemplate -ExistingVpc -ZoneCount 2 -InstanceType t3.nano -Architecture X86_64 -Spot
            $template = $text | ConvertFrom-Json

            $policy = (Get-Resource $template 'AWS::AutoScaling::AutoScalingGroup')[0].Properties.MixedInstancesPolicy
            @($policy.LaunchTemplate.Overrides.'Fn::If'[1] | Select-Object -Skip 1 | ForEach-Object InstanceType) | Should -Be @('t3a.nano', 't3.micro', 't3a.micro')
            $template.Conditions.SpotPeersFitInstanceType.'Fn::Equals'[1] | Should -Be 't3.nano'
            $policy.InstancesDistribution.OnDemandBaseCapacity | Should -Be 1
            if ($script:cfnLint) {
                $lint = Invoke-CfnLint $text
                $lint.Findings | Should -BeNullOrEmpty
            }
        }

        It 'refuses -CidrBlock, which a VPC you already have decides' {
            { Export-HaNatTemplate -ExistingVpc -CidrBlock 10.20 } | Should -Throw -ErrorId 'AmbiguousParameterSet,HaNat.Commands.ExportHaNatTemplateCommand'
        }

        It 'refuses <Case> with <ErrorId>, and writes nothing' -ForEach @(
            @{ Case = 'seven zones'; Arguments = @{ ZoneCount = 7 }; ErrorId = 'TooManyZones' }
            @{ Case = 'a zone twice'; Arguments = @{ AvailabilityZone = 'us-east-1a', 'us-east-1a' }; ErrorId = 'DuplicateZone' }
            @{ Case = 'a name with an underscore'; Arguments = @{ Name = 'prod_eu' }; ErrorId = 'InvalidName' }
            @{ Case = 'an SSH address without prefix'; Arguments = @{ SshCidr = '203.0.113.7' }; ErrorId = 'InvalidSshCidr' }
        ) {
            $path = Join-Path $TestDrive "bad-existing-$ErrorId.json"

            $err = $null
            try { Export-HaNatTemplate -ExistingVpc @Arguments -Path $path } catch { $err = $_ }

            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.ExportHaNatTemplateCommand"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            Test-Path -LiteralPath $path | Should -BeFalse
        }
    }

    Context 'bad input' {
        It 'refuses <Case> with <ErrorId>' -ForEach @(
            @{ Case = "octets '10.300'"; Arguments = @{ CidrBlock = '10.300' }; ErrorId = 'InvalidCidr' }
            @{ Case = "one octet '10'"; Arguments = @{ CidrBlock = '10' }; ErrorId = 'InvalidCidr' }
            @{ Case = 'a prefix of 33'; Arguments = @{ CidrBlock = '10.20.0.0/33' }; ErrorId = 'InvalidCidr' }
            @{ Case = 'host bits'; Arguments = @{ CidrBlock = '10.20.1.0/16' }; ErrorId = 'InvalidCidr' }
            @{ Case = 'a /25'; Arguments = @{ CidrBlock = '10.20.0.0/25' }; ErrorId = 'CidrTooSmall' }
            @{ Case = 'a /12'; Arguments = @{ CidrBlock = '10.0.0.0/12' }; ErrorId = 'CidrTooLarge' }
            @{ Case = 'a name with an underscore'; Arguments = @{ Name = 'prod_eu' }; ErrorId = 'InvalidName' }
            @{ Case = 'a name too long for IAM'; Arguments = @{ Name = 'a' * 40 }; ErrorId = 'InvalidName' }
            @{ Case = 'seven zones'; Arguments = @{ ZoneCount = 7 }; ErrorId = 'TooManyZones' }
            @{ Case = 'no zones'; Arguments = @{ ZoneCount = 0 }; ErrorId = 'NoZones' }
            @{ Case = 'a zone twice'; Arguments = @{ AvailabilityZone = 'us-east-1a', 'us-east-1a' }; ErrorId = 'DuplicateZone' }
            @{ Case = 'a bad AMI id'; Arguments = @{ ImageId = 'ami-nope' }; ErrorId = 'InvalidImageId' }
            @{ Case = 'an SSH address without prefix'; Arguments = @{ SshCidr = '203.0.113.7' }; ErrorId = 'InvalidSshCidr' }
        ) {
            $splat = @{ Name = 'prod'; CidrBlock = '10.20' }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            $path = Join-Path $TestDrive "bad-$ErrorId.json"

            $err = $null
            try { Export-HaNatTemplate @splat -Path $path } catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "$ErrorId,HaNat.Commands.ExportHaNatTemplateCommand"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Not -BeNullOrEmpty
            Test-Path -LiteralPath $path | Should -BeFalse
        }
    }
}
