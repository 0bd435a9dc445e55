# The test harness checks itself: the moto that ./test.sh starts answers, the environment keeps the tests away
# from real AWS and from IMDS, the module under test is the one just built into out/HaNat, and Pester is the
# pinned one from NuGet. When one of these fails, the other suites' failures are about the harness, not HaNat.

BeforeAll {
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $script:Manifest = Join-Path $script:Repo 'out' 'HaNat' 'HaNat.psd1'
    $script:Endpoint = $env:HANAT_TEST_ENDPOINT
}

Describe 'The harness' -Tag Harness {
    Context 'moto' {
        It 'HANAT_TEST_ENDPOINT is a loopback URL with a port' {
            $script:Endpoint | Should -Match '^http://127\.0\.0\.1:\d+$'
        }

        It 'moto answers on HANAT_TEST_ENDPOINT' {
            $reply = Invoke-WebRequest -Uri "$script:Endpoint/moto-api/" -TimeoutSec 10
            $reply.StatusCode | Should -Be 200
        }

        It 'moto serves EC2 through the AWS SDK that the module loads' {
            Import-Module $script:Manifest -Force
            # Import-Module no longer loads the EC2 SDK (HaNat loads it at its first EC2 call): load the copy it ships.
            Add-Type -Path (Join-Path (Split-Path $script:Manifest -Parent) 'AWSSDK.EC2.dll')
            $config = [Amazon.EC2.AmazonEC2Config]::new()
            $config.ServiceURL = $script:Endpoint
            $config.AuthenticationRegion = 'us-east-1'
            $client = [Amazon.EC2.AmazonEC2Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), $config)
            try {
                $zones = $client.DescribeAvailabilityZonesAsync([Amazon.EC2.Model.DescribeAvailabilityZonesRequest]::new(),
                    [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            }
            finally { $client.Dispose() }
            $zones.AvailabilityZones.ZoneName | Should -Contain 'us-east-1a'
        }
    }

    Context 'environment' {
        It 'uses fake credentials and us-east-1, with no profile' {
            $env:AWS_ACCESS_KEY_ID | Should -Be 'testing'
            $env:AWS_SECRET_ACCESS_KEY | Should -Be 'testing'
            $env:AWS_REGION | Should -Be 'us-east-1'
            # Not set at all: an empty AWS_PROFILE (a suite that restored it as '') sends boto3 looking for profile ''.
            Test-Path Env:AWS_PROFILE | Should -BeFalse
        }

        It 'points IMDS at a loopback port that refuses at once' {
            $env:AWS_EC2_METADATA_SERVICE_ENDPOINT | Should -Match '^http://127\.0\.0\.1:\d+/?$'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            { Invoke-WebRequest -Method Put -Uri "$($env:AWS_EC2_METADATA_SERVICE_ENDPOINT.TrimEnd('/'))/latest/api/token" -TimeoutSec 5 } |
                Should -Throw
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        }
    }

    Context 'the module under test' {
        BeforeAll {
            $script:Module = Import-Module $script:Manifest -Force -PassThru
        }

        It 'is imported from out/HaNat, the build output' {
            $script:Module.ModuleBase | Should -Be (Split-Path $script:Manifest -Parent)
            $script:Module.Path | Should -BeLike (Join-Path $script:Repo 'out' 'HaNat' '*')
        }

        It 'exports <_>' -ForEach @('Invoke-HaNatTakeover', 'Test-HaNatRouting') {
            $script:Module.ExportedCmdlets.Keys | Should -Contain $_
        }

        It 'exports exactly what the manifest lists' {
            $listed = (Import-PowerShellDataFile $script:Manifest).CmdletsToExport
            @($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($listed | Sort-Object)
        }
    }

    Context 'Pester' {
        It 'is the version tests/tools/Tools.proj pins, from the NuGet packages folder' {
            $project = [xml](Get-Content -Raw (Join-Path $script:Repo 'tests' 'tools' 'Tools.proj'))
            $pinned = ($project.Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'Pester').Version.Trim('[', ']')
            $pester = Get-Module Pester
            $pester.Version.ToString() | Should -Be $pinned
            $pester.ModuleBase | Should -Match ([regex]::Escape([IO.Path]::Combine('pester', $pinned, 'tools')) + '$')
        }
    }

    Context 'the namespace harness knows its processes by id and start time' {
        BeforeAll {
            Import-Module (Join-Path $script:Repo 'tests' 'netns' 'NetNs.psm1') -Force
            $script:Sleeper = Start-Process -FilePath sleep -ArgumentList 60 -PassThru
            $script:Record = [pscustomobject]@{ Id = $script:Sleeper.Id; StartTime = (Get-NetNsProcessStartTime $script:Sleeper.Id) }
        }
        AfterAll { if ($script:Sleeper -and -not $script:Sleeper.HasExited) { $script:Sleeper.Kill() } }

        It 'reads a running process''s start time, and -1 for an id no process has' {
            $script:Record.StartTime | Should -BeGreaterThan 0
            $free = foreach ($id in 32767..2) { if (-not (Test-Path "/proc/$id")) { $id; break } }
            Get-NetNsProcessStartTime $free | Should -Be -1
        }

        It 'sees the process it started as running' {
            Test-NetNsProcess $script:Record | Should -BeTrue
        }

        It 'does not take another process that got the same id for its own (the teardown would report and kill it)' {
            # An id is reused within one suite (pid_max 32768): the same id with another start time is another process.
            $reused = [pscustomobject]@{ Id = $script:Record.Id; StartTime = $script:Record.StartTime - 1 }
            Test-NetNsProcess $reused | Should -BeFalse
        }

        It 'sees it ended once it has' {
            $script:Sleeper.Kill(); $script:Sleeper.WaitForExit()
            Test-NetNsProcess $script:Record | Should -BeFalse
        }
    }
}
