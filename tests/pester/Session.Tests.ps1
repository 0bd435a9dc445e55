# How every AWS-calling cmdlet finds its region, credentials and endpoint, and what it refuses: each refusal has
# its own ErrorId and category, ends the command, and comes before any AWS call (moto's recorder stays empty).
# The developer's ~/.aws and AWS_* variables never count: they are cleared here and put back after.

BeforeDiscovery {
    # One call of each cmdlet that calls AWS, with what it needs besides the AWS parameters. Start-HaNatMonitor
    # reads IMDS before anything else (its refusal off an instance is tested below).
    $commands = @(
        @{ Command = 'Get-HaNatVpc'; Arguments = @{} }
        @{ Command = 'Get-HaNatImage'; Arguments = @{} }
        @{ Command = 'New-HaNatVpc'; Arguments = @{ Name = 'session'; CidrBlock = '10.20.0.0/16'; Confirm = $false } }
        @{ Command = 'Remove-HaNatVpc'; Arguments = @{ Name = 'session'; Confirm = $false } }
        @{ Command = 'Test-HaNatRouting'; Arguments = @{ VpcId = 'vpc-0123456789abcdef0' } }
        @{ Command = 'Invoke-HaNatTakeover'; Arguments = @{ InstanceId = 'i-0123456789abcdef0'; Confirm = $false } }
        @{ Command = 'Connect-HaNatVpc'; Arguments = @{ VpcId = 'vpc-0123456789abcdef0'; PeerVpcId = 'vpc-0123456789abcdef1'; Confirm = $false } }
        @{ Command = 'Disconnect-HaNatVpc'; Arguments = @{ VpcId = 'vpc-0123456789abcdef0'; PeerVpcId = 'vpc-0123456789abcdef1'; Confirm = $false } }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $endpoint = Get-TestEndpoint

    $savedEnvironment = @(Get-ChildItem Env:AWS_* | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Value = $_.Value } })
    $profileDirectory = Join-Path ([IO.Path]::GetTempPath()) "hanat-session-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $profileDirectory | Out-Null
    $credentialsFile = Join-Path $profileDirectory credentials
    $configFile = Join-Path $profileDirectory config
    Set-Content $credentialsFile "[present]`naws_access_key_id = AKIDPROFILE`naws_secret_access_key = secret`n"
    Set-Content $configFile "[profile present]`nregion = us-east-1`n"

    function Reset-AwsEnvironment {
        # Nothing from the machine: no keys, no region, no profile; profile files of our own; IMDS on a loopback
        # port that refuses at once (so the SDK's chain and HaNat's own IMDS read fail fast, as off EC2).
        Get-ChildItem Env:AWS_* | ForEach-Object { Remove-Item "Env:$($_.Name)" }
        $env:AWS_SHARED_CREDENTIALS_FILE = $credentialsFile
        $env:AWS_CONFIG_FILE = $configFile
        $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:1'
    }

    function Get-Refusal {
        <# Runs the command and returns its terminating ErrorRecord; fails when there was none. #>
        param([string] $Command, [hashtable] $Arguments)
        try { & $Command @Arguments -ErrorAction Stop | Out-Null }
        catch { return $_ }
        throw "$Command was not refused"
    }
}

AfterAll {
    Get-ChildItem Env:AWS_* | ForEach-Object { Remove-Item "Env:$($_.Name)" }
    foreach ($variable in $savedEnvironment) { Set-Item "Env:$($variable.Name)" $variable.Value }
    Remove-Item -Recurse -Force $profileDirectory
}

Describe 'AWS region, credentials and endpoint' {
    BeforeEach {
        Reset-Moto
        Reset-AwsEnvironment
        Start-MotoRecording
    }

    Context '<Command>' -ForEach $commands {
        It 'refuses a missing region with NoRegion' {
            $refusal = Get-Refusal $Command ($Arguments + @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret'; EndpointUrl = $endpoint })

            $refusal.FullyQualifiedErrorId | Should -BeLike 'NoRegion,*'
            $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $refusal.Exception.Message | Should -Match 'Pass -Region'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses missing credentials with NoCredentials' {
            $refusal = Get-Refusal $Command ($Arguments + @{ Region = 'us-east-1'; EndpointUrl = $endpoint })

            $refusal.FullyQualifiedErrorId | Should -BeLike 'NoCredentials,*'
            $refusal.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $refusal.Exception.Message | Should -Match '-ProfileName'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses an unknown profile with ProfileNotFound, even with no region to be found' {
            $refusal = Get-Refusal $Command ($Arguments + @{ ProfileName = 'no-such-profile'; EndpointUrl = $endpoint })

            $refusal.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $refusal.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $refusal.Exception.Message | Should -Match "no-such-profile.*$([regex]::Escape($credentialsFile))"
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses an -EndpointUrl that is not an absolute http(s) URL with InvalidEndpointUrl' {
            foreach ($url in 'localhost:5000', 'ftp://127.0.0.1:5000', '/moto', 'http//127.0.0.1') {
                $refusal = Get-Refusal $Command ($Arguments + @{ Region = 'us-east-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret'; EndpointUrl = $url })

                $refusal.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpointUrl,*' -Because $url
                $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
                $refusal.Exception.Message | Should -Match 'http://127\.0\.0\.1:5000'
            }
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }

        It 'refuses -AccessKey without -SecretKey, and the reverse, with IncompleteAccessKey' {
            $accessOnly = Get-Refusal $Command ($Arguments + @{ Region = 'us-east-1'; AccessKey = 'AKIDEXAMPLE'; EndpointUrl = $endpoint })
            $secretOnly = Get-Refusal $Command ($Arguments + @{ Region = 'us-east-1'; SecretKey = 'secret'; EndpointUrl = $endpoint })

            foreach ($refusal in $accessOnly, $secretOnly) {
                $refusal.FullyQualifiedErrorId | Should -BeLike 'IncompleteAccessKey,*'
                $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            $accessOnly.Exception.Message | Should -Match '-AccessKey was given without -SecretKey'
            $secretOnly.Exception.Message | Should -Match '-SecretKey was given without -AccessKey'
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }
    }

    Context '<Command> and regions' -ForEach $commands {
        It 'refuses a region AWS does not have with UnknownRegion, at once and without a call' {
            # No -EndpointUrl: the SDK would make up ec2.xx-fake-1.amazonaws.com and retry it for minutes.
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $refusal = Get-Refusal $Command ($Arguments + @{ Region = 'xx-fake-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' })
            $clock.Stop()

            $refusal.FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
            $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $refusal.Exception.Message | Should -Match "'xx-fake-1' is not a region that AWS has"
            $refusal.Exception.Message | Should -Match '-EndpointUrl'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        }

        It 'refuses a region that is not shaped like one with InvalidRegion, endpoint or not' {
            foreach ($region in 'us east 1', 'US-EAST-1', 'useast1', 'us-east-1a') {
                $refusal = Get-Refusal $Command ($Arguments + @{ Region = $region; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret'; EndpointUrl = $endpoint })

                $refusal.FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*' -Because $region
                $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
                $refusal.Exception.Message | Should -Match 'such as us-east-1'
            }
            @(Get-MotoRecording) | Should -BeNullOrEmpty
        }
    }

    It 'refuses an unknown region that comes from AWS_REGION, as one given with -Region' {
        $env:AWS_REGION = 'eu-fake-9'

        $refusal = Get-Refusal Get-HaNatVpc @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }

        $refusal.FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        $refusal.Exception.Message | Should -Match "'eu-fake-9'.*eu-"
    }

    It 'refuses an unknown region with an endpoint too, when no partition names its regions so (the issue''s moto repro)' {
        # Before: moto answered DescribeVpcs in xx-fake-1 with a 500 HTML page, after the SDK's retries.
        $refusal = Get-Refusal Get-HaNatVpc @{ Region = 'xx-fake-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret'; EndpointUrl = $endpoint }

        $refusal.FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        @(Get-MotoRecording) | Should -BeNullOrEmpty
    }

    It 'lets through, with an endpoint only, a region newer than the SDK that fits a partition''s pattern' {
        # No credentials: the region passes its check, and the credentials, checked next, stop the command.
        (Get-Refusal Get-HaNatVpc @{ Region = 'ap-newzone-9'; EndpointUrl = $endpoint }).FullyQualifiedErrorId | Should -BeLike 'NoCredentials,*'
        (Get-Refusal Get-HaNatVpc @{ Region = 'ap-newzone-9' }).FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
    }

    It 'accepts a region of every partition the SDK knows (aws-cn, aws-us-gov, aws-iso*, aws-eusc)' {
        # No endpoint and no credentials: the region passes its check, and the credentials, checked next, stop the
        # command before any call leaves the machine.
        foreach ($region in 'us-west-2', 'cn-north-1', 'us-gov-west-1', 'us-isob-east-1', 'eu-isoe-west-1', 'eusc-de-east-1') {
            (Get-Refusal Get-HaNatVpc @{ Region = $region }).FullyQualifiedErrorId | Should -BeLike 'NoCredentials,*' -Because $region
        }
    }

    It 'refuses an unknown -PeerRegion before the peer is read' {
        $errors = $null
        Connect-HaNatVpc -VpcId vpc-0123456789abcdef0 -PeerVpcId vpc-0123456789abcdef1 -PeerRegion xx-fake-1 -Region us-east-1 `
            -AccessKey AKIDEXAMPLE -SecretKey secret -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        $errors[0].TargetObject | Should -Be 'xx-fake-1'
    }

    It 'finds region and keys in a named profile, from the files AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE name' {
        # In a pwsh of its own: the AWS SDK reads AWS_CONFIG_FILE once per process, so an earlier test of this run
        # that pointed it elsewhere would decide which config file this one sees.
        $module = Resolve-Path "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
        $verbose = Invoke-FreshPwsh @"
Import-Module '$module'
Get-HaNatVpc -ProfileName present -EndpointUrl '$endpoint' -Verbose 4>&1 |
    Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
"@

        ($verbose -join "`n") | Should -Match "AWS region us-east-1, credentials from profile 'present'"
        (Get-MotoRecording).Action | Should -Contain 'DescribeVpcs'
    }
}

Describe 'Off an EC2 instance' {
    BeforeEach {
        Reset-AwsEnvironment
        $aws = Get-TestAwsParameters
    }

    It 'Test-HaNatRouting without -VpcId says to pass -VpcId, which it takes, not -InstanceId, which it does not' {
        $refusal = Get-Refusal Test-HaNatRouting ($aws + @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' })

        $refusal.FullyQualifiedErrorId | Should -BeLike 'NotOnInstance,*'
        $refusal.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $refusal.Exception.Message | Should -Match 'did not answer'
        $refusal.Exception.Message | Should -Match 'pass -VpcId'
        $refusal.Exception.Message | Should -Not -Match '-InstanceId'
    }

    It 'Test-HaNatRouting -DataPlane says it must run on a NAT instance' {
        $refusal = Get-Refusal Test-HaNatRouting @{ DataPlane = $true }

        $refusal.FullyQualifiedErrorId | Should -BeLike 'NotOnInstance,*'
        $refusal.Exception.Message | Should -Match 'run it on a HaNat NAT instance'
        $refusal.Exception.Message | Should -Not -Match '-InstanceId'
    }

    It 'Start-HaNatMonitor says it runs on a NAT instance and takes no id' {
        $refusal = Get-Refusal Start-HaNatMonitor ($aws + @{ Once = $true })

        $refusal.FullyQualifiedErrorId | Should -BeLike 'NotOnInstance,*'
        $refusal.Exception.Message | Should -Match 'runs on a HaNat NAT instance'
        $refusal.Exception.Message | Should -Not -Match 'pass -InstanceId'
    }

    It 'Invoke-HaNatTakeover, which takes -InstanceId, still says to pass it' {
        (Get-Refusal Invoke-HaNatTakeover ($aws + @{ Confirm = $false })).Exception.Message | Should -Match 'pass -InstanceId'
    }

    It 'with AWS_EC2_METADATA_DISABLED, each says what it takes instead (InstanceMetadataDisabled)' {
        $env:AWS_EC2_METADATA_DISABLED = 'true'

        $routing = Get-Refusal Test-HaNatRouting ($aws + @{ AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' })
        $monitor = Get-Refusal Start-HaNatMonitor ($aws + @{ Once = $true })

        $routing.FullyQualifiedErrorId | Should -BeLike 'InstanceMetadataDisabled,*'
        $routing.Exception.Message | Should -Match 'pass -VpcId'
        $monitor.Exception.Message | Should -Match 'runs on a HaNat NAT instance'
        foreach ($refusal in $routing, $monitor) { $refusal.Exception.Message | Should -Not -Match 'pass -InstanceId' }
    }
}

Describe 'Get-HaNatIamPolicy -Partition' {
    It 'refuses a partition AWS does not have, naming the ones it has' {
        $refusal = Get-Refusal Get-HaNatIamPolicy @{ For = 'NatInstance'; Partition = 'aws-xx' }

        $refusal.FullyQualifiedErrorId | Should -BeLike 'InvalidPartition,*'
        $refusal.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refusal.Exception.Message | Should -Match 'aws, aws-cn, .*aws-us-gov'
    }

    It 'accepts every partition the SDK knows, and puts it in the ARNs' {
        foreach ($partition in 'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc') {
            Get-HaNatIamPolicy -For Operator -Partition $partition | Should -Match "arn:$([regex]::Escape($partition)):"
        }
    }

    It 'refuses a region of another partition' {
        $refusal = Get-Refusal Get-HaNatIamPolicy @{ For = 'NatInstance'; Partition = 'aws'; Region = 'cn-north-1' }

        $refusal.FullyQualifiedErrorId | Should -BeLike 'RegionNotInPartition,*'
        $refusal.Exception.Message | Should -Match '-Partition aws-cn'
    }
}
