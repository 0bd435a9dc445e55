# Tab completion as users get it (TabExpansion2, as the console calls it): -Region and -PeerRegion from the SDK's
# region list, offline; -AvailabilityZone from EC2 with the command line's AWS parameters, or derived from the region
# when EC2 does not answer in time; -Name from the HaNat VPCs' names. Completion never throws and never hangs.

BeforeDiscovery {
    $regionCommands = @(
        @{ Line = 'Get-HaNatVpc -Region eu-we' }
        @{ Line = 'New-HaNatVpc -Region eu-we' }
        @{ Line = 'Remove-HaNatVpc -Region eu-we' }
        @{ Line = 'Invoke-HaNatTakeover -Region eu-we' }
        @{ Line = 'Test-HaNatRouting -Region eu-we' }
        @{ Line = 'Get-HaNatImage -Region eu-we' }
        @{ Line = 'Start-HaNatMonitor -Region eu-we' }
        @{ Line = 'Connect-HaNatVpc -Region eu-we' }
        @{ Line = 'Disconnect-HaNatVpc -Region eu-we' }
        @{ Line = 'Connect-HaNatVpc -PeerRegion eu-we' }
        @{ Line = 'Disconnect-HaNatVpc -PeerRegion eu-we' }
        @{ Line = 'Get-HaNatIamPolicy -For Operator -Region eu-we' }
    )
    # Export-HaNatTemplate takes no AWS parameters: its own test below.
    $zoneCommands = @(@{ Command = 'Invoke-HaNatTakeover' }, @{ Command = 'New-HaNatVpc' })
    $nameCommands = @(@{ Command = 'Get-HaNatVpc' }, @{ Command = 'Remove-HaNatVpc' })
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $endpoint = Get-TestEndpoint
    # A port that refuses at once, and a listener that accepts and never answers: EC2 that is down, and EC2 that hangs.
    $refused = 'http://127.0.0.1:1'
    $silent = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $silent.Start()
    $hanging = "http://127.0.0.1:$($silent.LocalEndpoint.Port)"

    function Get-Completion {
        <# What Tab offers at the end of $Line: the completion texts, and how long it took. #>
        param([string] $Line)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        $clock.Stop()
        [pscustomobject]@{ Texts = @($result.CompletionMatches | ForEach-Object CompletionText); Results = $result.CompletionMatches; Seconds = $clock.Elapsed.TotalSeconds }
    }

    function New-HaNatTaggedVpc([string] $Name, [string] $CidrPrefix) {
        # What Get-HaNatVpc looks for: a VPC tagged hanat:managed=true and hanat:vpc-name.
        $vpc = (Invoke-Ec2 CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{
                    CidrBlock = "$CidrPrefix.0.0/16"
                    TagSpecifications = (New-Ec2Tags 'vpc' @{ 'hanat:managed' = 'true'; 'hanat:vpc-name' = $Name })
                })).Vpc
        $vpc.VpcId
    }
}

AfterAll { $silent.Stop() }

Describe 'Tab completion' {
    BeforeEach {
        Reset-Moto
        Start-MotoRecording
    }

    Context '-Region: <Line>' -ForEach $regionCommands {
        It 'offers the SDK''s regions that start with what was typed, without a call' {
            $completion = Get-Completion $Line

            $completion.Texts | Should -Contain 'eu-west-1'
            $completion.Texts | Should -Contain 'eu-west-3'
            $completion.Texts | ForEach-Object { $_ | Should -BeLike 'eu-we*' }
            $completion.Results[0].ToolTip | Should -Match '\(aws\)'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }
    }

    It 'offers every partition for Get-HaNatIamPolicy -Partition' {
        (Get-Completion 'Get-HaNatIamPolicy -For Operator -Partition aws-iso').Texts |
            Should -Be @('aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f')
    }

    Context '-AvailabilityZone of <Command>' -ForEach $zoneCommands {
        It 'offers the zones EC2 lists, asked with the command line''s region, keys and endpoint' {
            # A region other than the suite's, and a key per command: the completer keeps a zone list per region,
            # endpoint and key for ten minutes, and this test must see it asked.
            $line = "$Command -Region us-west-2 -EndpointUrl $endpoint -AccessKey AKIDCOMPLETION$($Command.Length) -SecretKey secret -AvailabilityZone "
            $expected = @((Invoke-Ec2In us-west-2 DescribeAvailabilityZones ([Amazon.EC2.Model.DescribeAvailabilityZonesRequest]::new())).AvailabilityZones.ZoneName | Sort-Object)
            Start-MotoRecording

            $completion = Get-Completion $line

            $completion.Texts | Should -Be $expected
            $completion.Results[0].ToolTip | Should -Match '\(EC2\)'
            (Get-MotoRecording).Action | Should -Contain 'DescribeAvailabilityZones'
        }

        It 'narrows to what was typed, and takes the region from it (us-west-1 typed, -Region us-east-1)' {
            $completion = Get-Completion "$Command -Region us-east-1 -EndpointUrl $refused -AvailabilityZone us-west-1"

            $completion.Texts | Should -Contain 'us-west-1a'
            $completion.Texts | ForEach-Object { $_ | Should -BeLike 'us-west-1*' }
        }

        It 'derives the zones from the region, at once, when EC2 refuses' {
            $completion = Get-Completion "$Command -Region ap-south-2 -EndpointUrl $refused -AccessKey AKIDEXAMPLE -SecretKey secret -AvailabilityZone "

            $completion.Texts | Should -Be @('ap-south-2a', 'ap-south-2b', 'ap-south-2c', 'ap-south-2d', 'ap-south-2e', 'ap-south-2f')
            $completion.Results[0].ToolTip | Should -Match 'derived from ap-south-2'
            $completion.Seconds | Should -BeLessThan 2
        }

        It 'gives up on EC2 that hangs after its time limit, and still offers the derived zones' {
            $completion = Get-Completion "$Command -Region ca-west-1 -EndpointUrl $hanging -AccessKey AKIDEXAMPLE -SecretKey secret -AvailabilityZone ca"

            $completion.Texts | Should -Contain 'ca-west-1a'
            $completion.Seconds | Should -BeLessThan 4
        }
    }

    It 'offers Export-HaNatTemplate, which takes no AWS parameters, the zones of the default region and endpoint' {
        $saved = $env:AWS_REGION, $env:AWS_ENDPOINT_URL
        $env:AWS_REGION = 'eu-central-1'
        $env:AWS_ENDPOINT_URL = $endpoint
        try { $completion = Get-Completion 'Export-HaNatTemplate -AvailabilityZone ' }
        finally { $env:AWS_REGION, $env:AWS_ENDPOINT_URL = $saved }

        $completion.Texts | Should -Be @((Invoke-Ec2In eu-central-1 DescribeAvailabilityZones ([Amazon.EC2.Model.DescribeAvailabilityZonesRequest]::new())).AvailabilityZones.ZoneName | Sort-Object)
        $completion.Results[0].ToolTip | Should -Match '\(EC2\)'
    }

    It 'offers no zone, and no error, when there is no region at all' {
        # No region anywhere: none in the environment, and profile files (the developer's ~/.aws too) that do not exist.
        $names = 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'
        $saved = @{}
        foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $none = Join-Path ([IO.Path]::GetTempPath()) "hanat-no-such-file-$([guid]::NewGuid())"
        try {
            # Remove-Item, not SetEnvironmentVariable($name, $null): PowerShell passes $null to a string argument as
            # '', which leaves the variable set, empty, for every test after this one (boto3 then looks for profile '').
            foreach ($name in $names) { Remove-Item "Env:$name" -ErrorAction Ignore }
            $env:AWS_CONFIG_FILE = $none
            $env:AWS_SHARED_CREDENTIALS_FILE = $none
            $completion = Get-Completion "Invoke-HaNatTakeover -EndpointUrl $refused -AvailabilityZone "
        }
        finally {
            foreach ($name in $names) {
                if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction Ignore } else { Set-Item "Env:$name" $saved[$name] }
            }
        }

        $completion.Texts | Where-Object { $_ -match '^[a-z]{2}-' } | Should -BeNullOrEmpty
    }

    Context '-Name of <Command>' -ForEach $nameCommands {
        It 'offers the names of the region''s HaNat VPCs that start with what was typed' {
            New-HaNatTaggedVpc prod '10.1' | Out-Null
            New-HaNatTaggedVpc preview '10.2' | Out-Null
            New-HaNatTaggedVpc staging '10.3' | Out-Null
            Invoke-Ec2 CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{ CidrBlock = '10.4.0.0/16'; TagSpecifications = (New-Ec2Tags 'vpc' @{ Name = 'presales' }) }) | Out-Null
            Start-MotoRecording

            $completion = Get-Completion "$Command -Region us-east-1 -EndpointUrl $endpoint -Name pr"

            $completion.Texts | Should -Be @('preview', 'prod')
            $completion.Results[1].ToolTip | Should -Match '^prod \(vpc-\w+ in us-east-1\)$'
            (Get-MotoRecording).Action | Should -Be @('DescribeVpcs')
        }

        It 'offers nothing, without an error, when EC2 refuses or hangs' {
            foreach ($url in $refused, $hanging) {
                $completion = Get-Completion "$Command -Region us-east-1 -EndpointUrl $url -Name p"

                $completion.Texts | Should -BeNullOrEmpty
                $completion.Seconds | Should -BeLessThan 5
            }
        }
    }

    It 'does not offer existing names to New-HaNatVpc -Name, which takes a new one' {
        New-HaNatTaggedVpc prod '10.1' | Out-Null

        (Get-Completion "New-HaNatVpc -Region us-east-1 -EndpointUrl $endpoint -Name pr").Texts | Should -Not -Contain 'prod'
    }
}
