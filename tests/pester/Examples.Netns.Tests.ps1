#Requires -Version 7.4
<#
examples/user-data.ps1 as cloud-init runs it on a NAT: no arguments, so the identity, the region and the credentials
all come from the instance metadata service, and the host is set up as a NAT. Here the instance is a network
namespace:

    nat: wan0 (198.51.100.2, default route) --veth-- (198.51.100.1) inet
         moto_server and an IMDSv2 stand-in (tests/tools/imds_standin.py) on nat's own loopback

The stand-in names a moto instance and wan0's MAC; no AWS variable reaches the script but AWS_ENDPOINT_URL (EC2 is
moto) and the IMDS endpoint. Root only (skipped with the reason otherwise). Needs ./build.sh first. Everything it
makes is removed at the end, also on failure; HANAT_NETNS_KEEP_LOGS keeps $TMPDIR/hnt-SUFFIX/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'examples/user-data.ps1 on a NAT, with its identity from IMDS' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Examples.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $userData = Join-Path $repo 'examples/user-data.ps1'
        $vpcTool = Join-Path $repo 'tests/tools/vpc_fixture.py'

        $fixture = New-NetNsFixture
        $work = $fixture.Work
        $log = Join-Path $work 'hanat-user-data.log'
        $moto = 'http://127.0.0.1:5000'
        $imdsPort = 8169

        # The user data, run in the nat namespace the way cloud-init runs it: as root, with no arguments but the log.
        function Invoke-UserData {
            $pwsh = Get-NetNsPwshCommand
            $arguments = $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', $userData, '-LogPath', $log)
            $environment = @{
                PSModulePath = (Join-Path $repo 'out')
                AWS_EC2_METADATA_SERVICE_ENDPOINT = "http://127.0.0.1:$imdsPort"
                AWS_ENDPOINT_URL = $moto
                # Region and credentials must come from IMDS, as on an instance.
                AWS_REGION = $null; AWS_DEFAULT_REGION = $null; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null
                AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null; AWS_ENDPOINT_URL_EC2 = $null
                AWS_EC2_METADATA_DISABLED = $null
            }
            Invoke-NetNsNative -Namespace $ns.Nat -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $environment -AllowFailure
        }

        function Get-DefaultRoute {
            $routes = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'routes', '--endpoint', $moto,
                '--route-table', $vpc.routeTableId).StdOut | ConvertFrom-Json
            @($routes | Where-Object destination -EQ '0.0.0.0/0')
        }

        function Get-RecordedAction {
            @((Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'actions', '--endpoint', $moto).StdOut | ConvertFrom-Json)
        }

        try {
            if (-not (Test-Path -LiteralPath (Join-Path $repo 'out/HaNat/HaNat.psd1'))) { throw 'out/HaNat is missing: run ./build.sh first' }
            Assert-NetNsTool 'python3', 'curl', 'moto_server', 'setsid', 'timeout'
            $ns = @{ Nat = (Add-NetNsFixtureNamespace $fixture nat); Inet = (Add-NetNsFixtureNamespace $fixture inet) }
            Add-NetNsVethPair -Namespace $ns.Nat -Name wan0 -Address 198.51.100.2/24 -PeerNamespace $ns.Inet -PeerName eth0 -PeerAddress 198.51.100.1/24
            $null = Invoke-NetNsIp $ns.Nat route add default via 198.51.100.1
            $wanMac = (Get-NetNsLink $ns.Nat wan0).Mac

            $null = Start-NetNsMoto $fixture -Namespace $ns.Nat -Address 127.0.0.1 -Port 5000

            $create = @($vpcTool, 'nat', '--endpoint', $moto, '--zone', 'us-east-1a', '--cidr', '10.99.0.0/16',
                '--public-subnet', '10.99.0.0/24', '--private-subnet', '10.99.1.0/24')
            $vpc = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $create).StdOut | ConvertFrom-Json

            $null = Start-NetNsImds $fixture -Namespace $ns.Nat -Port $imdsPort -InstanceId $vpc.instanceId -Zone 'us-east-1a' -Mac $wanMac `
                -VpcId $vpc.vpcId -NetworkInterfaceId $vpc.networkInterfaceId -VpcCidr '10.99.0.0/16'
        } catch {
            $null = Remove-NetNsFixture $fixture
            throw
        }
    }

    AfterAll {
        $null = Remove-NetNsFixture $fixture
    }

    It 'makes the instance IMDS names the zone''s NAT: forwarding, masquerade, and the private default route; exit 0' {
        Get-DefaultRoute | Should -BeNullOrEmpty

        $run = Invoke-UserData

        $run.ExitCode | Should -Be 0 -Because "$($run.StdOut) $($run.StdErr)"
        (Get-DefaultRoute).instanceId | Should -Be $vpc.instanceId
        (Invoke-NetNsNative -Namespace $ns.Nat -FilePath cat -ArgumentList '/proc/sys/net/ipv4/ip_forward').StdOut.Trim() | Should -Be '1'
        $nat = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList '-w', '5', '-t', 'nat', '-S', 'POSTROUTING').StdOut
        $nat | Should -Match '-s 10\.99\.0\.0/16 .*-o wan0 .*-j MASQUERADE'
    }

    It 'logs who it is, the host set-up and the route, with the region and credentials IMDS gave' {
        $logged = Get-Content -Raw -LiteralPath $log
        $logged | Should -Match 'taking over the zone of this instance'
        $logged | Should -Match 'AWS region us-east-1, credentials from the SDK default chain \(DefaultInstanceProfileAWSCredentials\)'
        $logged | Should -Match "EC2 DescribeInstances instance-id=$($vpc.instanceId)"
        $logged | Should -Match 'Host set up on wan0 \(198\.51\.100\.2/24\): added masquerade of 10\.99\.0\.0/16 out wan0'
        $logged | Should -Match "$($vpc.privateSubnetId) \(us-east-1a\): Created, 0\.0\.0\.0/0 -> $($vpc.instanceId) in $($vpc.routeTableId)"
        $logged | Should -Match '(?m) done$'
    }

    It 'writes nothing to EC2 on a second boot' {
        $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/reset-recording"
        $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/start-recording"

        $run = Invoke-UserData
        $actions = Get-RecordedAction

        $run.ExitCode | Should -Be 0 -Because "$($run.StdOut) $($run.StdErr)"
        $actions | Should -Contain 'DescribeInstances'
        @($actions | Where-Object { $_ -notmatch '^(Describe|Get|List)' }) | Should -BeNullOrEmpty
        $run.StdOut | Should -Match "$($vpc.privateSubnetId) \(us-east-1a\): Unchanged"
    }
}
