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

    It 'finds region and keys in a named profile, from the files AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE name' {
        $verbose = Get-HaNatVpc -ProfileName present -EndpointUrl $endpoint -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -join "`n") | Should -Match "AWS region us-east-1, credentials from profile 'present'"
        (Get-MotoRecording).Action | Should -Contain 'DescribeVpcs'
    }
}
