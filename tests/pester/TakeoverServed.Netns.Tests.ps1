#Requires -Version 7.4
<#
Make-before-break, on the NAT itself: in a VPC HaNat did not build (private-subnet tag hanat:served-by=prod), the boot
takeover takes a table off its NAT gateway only once the host set-up ran and the data-plane check passed. Three
network namespaces play the VPC, as in HostNat.Netns.Tests.ps1:

    priv (10.99.1.10) --veth-- lan0 (10.99.1.1)  nat  wan0 (198.51.100.2) --veth-- (198.51.100.1) inet
                                                  |                                  python http.server
                                  moto_server and the IMDS stand-in on nat's own loopback

The module runs inside nat with its identity from the IMDS stand-in and EC2 from moto, exactly as the boot unit runs
it. The served table's default route goes to a NAT gateway made in moto (moto's gateway carries no packets: only its
route and state matter here). A FORWARD rule of someone's that drops everything survives HaNat's set-up (HaNat never
removes a rule it did not write) and fails the data-plane check: the table must stay on its gateway, and move once
the rule is gone.

Root only (skipped with the reason otherwise). Needs ./build.sh first. Everything it makes is removed at the end.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'Make-before-break of a served table on a NAT gateway, in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "TakeoverServed.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $modulePath = Join-Path $repo 'out/HaNat/HaNat.psd1'
        $runner = Join-Path $repo 'tests/netns/Invoke-HaNatJson.ps1'
        $vpcTool = Join-Path $repo 'tests/tools/vpc_fixture.py'

        $fixture = New-NetNsFixture
        $suffix = $fixture.Suffix
        $work = $fixture.Work
        $script:takeovers = 0

        $vpcCidr = '10.99.0.0/16'
        $zone = 'us-east-1a'
        $moto = 'http://127.0.0.1:5000'
        $imdsPort = 8169
        $server = 'http://198.51.100.1:8080'
        $token = "hanat-served-$suffix"
        $servedTag = 'hanat:served-by=prod'
        $dropRule = @('FORWARD', '-j', 'DROP')

        # The boot unit's takeover, in the nat namespace: identity from IMDS, no -InstanceId.
        function Invoke-Takeover {
            $pwsh = Get-NetNsPwshCommand
            $parameters = @{ EndpointUrl = $moto; Region = 'us-east-1'; PrivateSubnetTag = $servedTag } | ConvertTo-Json -Compress
            $arguments = $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', $runner,
                '-ModulePath', $modulePath, '-Command', 'Invoke-HaNatTakeover', '-ParametersJson', $parameters)
            $environment = @{
                AWS_EC2_METADATA_SERVICE_ENDPOINT = "http://127.0.0.1:$imdsPort"
                AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'
                AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null
                AWS_ENDPOINT_URL = $null; AWS_ENDPOINT_URL_EC2 = $null; AWS_EC2_METADATA_DISABLED = $null
            }
            $run = Invoke-NetNsNative -Namespace $ns.Nat -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $environment -AllowFailure
            $script:takeovers++
            Set-Content -LiteralPath (Join-Path $work "takeover-$script:takeovers.json") -Value $run.StdOut
            try { $run.StdOut | ConvertFrom-Json }
            catch { throw "the takeover printed no JSON (exit $($run.ExitCode)): $($run.StdErr) $($run.StdOut)" }
        }

        # The served table's 0.0.0.0/0 as moto has it, NAT gateway included (vpc_fixture.py routes leaves that out).
        function Get-DefaultRoute {
            $read = Join-Path $work 'route.py'
            if (-not (Test-Path -LiteralPath $read)) {
                Set-Content -LiteralPath $read -Value @'
import json, sys, boto3
endpoint, table = sys.argv[1:3]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
json.dump([{"instanceId": r.get("InstanceId"), "natGatewayId": r.get("NatGatewayId")} for r in routes if r.get("DestinationCidrBlock") == "0.0.0.0/0"], sys.stdout)
'@
            }
            @((Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $read, $moto, $vpc.routeTableId).StdOut | ConvertFrom-Json)
        }

        function Reset-Recording {
            $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/reset-recording"
        }

        function Get-RecordedWrite {
            $actions = @((Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'actions', '--endpoint', $moto).StdOut | ConvertFrom-Json)
            $actions | Should -Contain 'DescribeNatGateways' -Because 'the recorder must have seen the run for its silence to mean anything'
            @($actions | Where-Object { $_ -notmatch '^(Describe|Get|List)' })
        }

        function Invoke-PrivateFetch {
            Invoke-NetNsNative -Namespace $ns.Priv -FilePath curl -ArgumentList '-sS', '--max-time', '3', "$server/hello.txt" -AllowFailure
        }

        try {
            if (-not (Test-Path -LiteralPath $modulePath)) { throw "$modulePath is missing: run ./build.sh first" }
            Assert-NetNsTool 'python3', 'curl', 'moto_server', 'setsid', 'timeout'
            $null = New-Item -ItemType Directory -Force -Path "$work/www"
            Set-Content -NoNewline -LiteralPath "$work/www/hello.txt" -Value $token

            $ns = @{}
            foreach ($name in 'Priv', 'Nat', 'Inet') { $ns[$name] = Add-NetNsFixtureNamespace $fixture $name.ToLowerInvariant() }
            Add-NetNsVethPair -Namespace $ns.Priv -Name eth0 -Address 10.99.1.10/24 -PeerNamespace $ns.Nat -PeerName lan0 -PeerAddress 10.99.1.1/24
            Add-NetNsVethPair -Namespace $ns.Nat -Name wan0 -Address 198.51.100.2/24 -PeerNamespace $ns.Inet -PeerName eth0 -PeerAddress 198.51.100.1/24
            $null = Invoke-NetNsIp $ns.Priv route add default via 10.99.1.1
            $null = Invoke-NetNsIp $ns.Nat route add default via 198.51.100.1
            $wanMac = (Get-NetNsLink $ns.Nat wan0).Mac

            $web = Start-NetNsFixtureProcess $fixture $ns.Inet web python3 @('-m', 'http.server', '8080', '--bind', '198.51.100.1', '--directory', "$work/www")
            $null = Start-NetNsMoto $fixture -Namespace $ns.Nat -Address 127.0.0.1 -Port 5000
            Wait-NetNsPort -Namespace $ns.Inet -Address 198.51.100.1 -Port 8080 -Process $web

            $create = @($vpcTool, 'nat', '--endpoint', $moto, '--zone', $zone, '--public-subnet', '10.99.0.0/24', '--private-subnet', '10.99.1.0/24',
                '--cidr', $vpcCidr, '--tag-key', 'hanat:served-by', '--tag-value', 'prod')
            $vpc = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $create).StdOut | ConvertFrom-Json

            # What Add-HaNatVpc finds and leaves: the zone's NAT gateway carries the private table, which it tagged as served.
            $serve = Join-Path $work 'serve.py'
            Set-Content -LiteralPath $serve -Value @'
import json, sys, boto3
endpoint, public, table, zone = sys.argv[1:5]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
gateway = ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=gateway)
ec2.create_tags(Resources=[table], Tags=[{"Key": "hanat:served-by", "Value": "prod"}, {"Key": "hanat:zone", "Value": zone},
                                         {"Key": "hanat:restore-default", "Value": gateway}])
json.dump({"natGatewayId": gateway}, sys.stdout)
'@
            $gateway = ((Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $serve, $moto, $vpc.publicSubnetId, $vpc.routeTableId, $zone).StdOut | ConvertFrom-Json).natGatewayId

            $null = Start-NetNsImds $fixture -Namespace $ns.Nat -Name "imds-$imdsPort" -Port $imdsPort -InstanceId $vpc.instanceId -Zone $zone `
                -Mac $wanMac -VpcId $vpc.vpcId -NetworkInterfaceId $vpc.networkInterfaceId -VpcCidr $vpcCidr
            $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/start-recording"
        } catch {
            $null = Remove-NetNsFixture $fixture
            throw
        }
    }

    AfterAll {
        $null = Remove-NetNsFixture $fixture
    }

    It 'leaves the table on its NAT gateway while the NAT''s data plane fails, and says why' {
        (Get-DefaultRoute)[0].natGatewayId | Should -Be $gateway
        $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList (@('-w', '5', '-A') + $dropRule)
        Reset-Recording

        $run = Invoke-Takeover

        $run.Errors | Should -BeNullOrEmpty
        # The host was set up (forwarding, masquerade): HaNat's own part is done, someone's DROP rule is not HaNat's to remove.
        ($run.Verbose -join "`n") | Should -Match 'Host set up on wan0'
        $result = @($run.Output)
        $result.Count | Should -Be 1
        $result[0].Action | Should -Be 'HeldOnNatGateway'
        $result[0].Target | Should -Be $gateway
        ($run.Warnings -join "`n") | Should -Match ([regex]::Escape($vpc.routeTableId) + ' stays on its NAT gateway.*data-plane check failed.*Forward: FORWARD drops everything')
        (Get-DefaultRoute)[0].natGatewayId | Should -Be $gateway
        # Source/dest check may go off (it harms nothing); no route moved.
        Get-RecordedWrite | Should -Not -Contain 'ReplaceRoute'
        Get-RecordedWrite | Should -Not -Contain 'CreateRoute'
    }

    It 'takes the table once the data-plane check passes, and the private host gets out through this NAT' {
        $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList (@('-w', '5', '-D') + $dropRule)
        Reset-Recording

        $run = Invoke-Takeover

        $run.Errors | Should -BeNullOrEmpty
        ($run.Verbose -join "`n") | Should -Match 'Data-plane check passed'
        $result = @($run.Output)
        $result[0].Action | Should -Be 'Replaced'
        $result[0].PreviousTarget | Should -Be $gateway
        $result[0].Target | Should -Be $vpc.instanceId
        (Get-DefaultRoute)[0].instanceId | Should -Be $vpc.instanceId
        @(Get-RecordedWrite | Where-Object { $_ -match 'Route' }) | Should -Be @('ReplaceRoute')
        # The data-plane check came before the route moved: this NAT forwards by the time the table points at it.
        $lines = [string[]]@($run.Verbose)
        $checked = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -like 'Data-plane check passed*' })
        $moved = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^EC2 ReplaceRoute' })
        $checked | Should -BeGreaterOrEqual 0
        $moved | Should -BeGreaterThan $checked -Because ($lines -join "`n")
        $fetch = Invoke-PrivateFetch
        $fetch.ExitCode | Should -Be 0 -Because $fetch.StdErr
        $fetch.StdOut | Should -Be $token
    }
}
