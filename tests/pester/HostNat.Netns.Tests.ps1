#Requires -Version 7.4
<#
The host NAT set-up, proven with packets. Three network namespaces make a VPC in miniature:

    priv (10.99.1.10) --veth-- lan0 (10.99.1.1)  nat  wan0 (198.51.100.2) --veth-- (198.51.100.1) inet
                                                  |                                  python http.server
                                  moto_server and the IMDS stand-in on nat's own loopback

priv's default route goes to nat; nat's goes to inet; inet has no route back to 10.99.0.0/16, so a reply reaches priv
only if nat masquerades. The real module (out/HaNat, from ./build.sh) runs inside nat with its identity from the IMDS
stand-in and EC2 from moto, exactly as on an instance at boot. Only addresses on these namespaces' own veths are used.

Run as root (after ./build.sh), with Pester 5:
    Import-Module ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1
    Invoke-Pester -Path tests/pester/HostNat.Netns.Tests.ps1 -Output Detailed
Skipped, with the reason, when not root or when ip/iptables are missing. With HANAT_NETNS_KEEP_LOGS set, the servers'
logs and each takeover's JSON stay in $TMPDIR/hnt-SUFFIX/ afterwards.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'Host NAT set-up in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "HostNat.Netns.Tests: skipped: $skipReason" }
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

        $vpcCidrs = @('10.99.0.0/17', '10.99.128.0/17')
        $zone = 'us-east-1a'
        $moto = 'http://127.0.0.1:5000'
        $imdsPort = 8169
        $wrongImdsPort = 8170
        $server = 'http://198.51.100.1:8080'
        $token = "hanat-netns-$suffix"

        # The module, run in the nat namespace as the boot unit runs it: identity from IMDS, no -InstanceId.
        function Invoke-Takeover([int] $ImdsPort = $imdsPort) {
            $pwsh = Get-NetNsPwshCommand
            $parameters = @{ EndpointUrl = $moto; Region = 'us-east-1' } | ConvertTo-Json -Compress
            $arguments = $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', $runner,
                '-ModulePath', $modulePath, '-Command', 'Invoke-HaNatTakeover', '-ParametersJson', $parameters)
            $environment = @{
                AWS_EC2_METADATA_SERVICE_ENDPOINT = "http://127.0.0.1:$ImdsPort"
                AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'
                AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null
                AWS_ENDPOINT_URL = $null; AWS_ENDPOINT_URL_EC2 = $null; AWS_EC2_METADATA_DISABLED = $null
            }
            $run = Invoke-NetNsNative -Namespace $ns.Nat -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $environment -AllowFailure
            $script:takeovers++
            Set-Content -LiteralPath (Join-Path $work "takeover-$script:takeovers.json") -Value $run.StdOut
            try {
                $run.StdOut | ConvertFrom-Json
            } catch {
                throw "the takeover printed no JSON (exit $($run.ExitCode)): $($run.StdErr) $($run.StdOut)"
            }
        }

        function Get-HaNatRule([string] $Table = 'nat', [string] $Chain = 'POSTROUTING') {
            $listing = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList '-w', '5', '-t', $Table, '-S', $Chain).StdOut
            @($listing -split "`n" | Where-Object { $_ -match '--comment hanat(\s|$)' })
        }

        function Get-Sysctl([string] $Path) {
            (Invoke-NetNsNative -Namespace $ns.Nat -FilePath cat -ArgumentList "/proc/sys/$Path").StdOut.Trim()
        }

        function Invoke-PrivateFetch {
            Invoke-NetNsNative -Namespace $ns.Priv -FilePath curl -ArgumentList '-sS', '--max-time', '3', "$server/hello.txt" -AllowFailure
        }

        function Get-DefaultRoute {
            $routes = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'routes', '--endpoint', $moto,
                '--route-table', $vpc.routeTableId).StdOut | ConvertFrom-Json
            @($routes | Where-Object destination -EQ '0.0.0.0/0')
        }

        function Reset-Recording {
            $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/reset-recording"
        }

        function Get-RecordedAction {
            @((Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'actions', '--endpoint', $moto).StdOut | ConvertFrom-Json)
        }

        # What every refusal must leave as it found it: no NAT rule, no forwarding, no route, no EC2 write.
        function Assert-Untouched {
            Get-HaNatRule | Should -BeNullOrEmpty
            Get-Sysctl 'net/ipv4/ip_forward' | Should -Be '0'
            Get-DefaultRoute | Should -BeNullOrEmpty
            $actions = Get-RecordedAction
            $actions | Should -Contain 'DescribeInstances' -Because 'the recorder must have seen the run for its silence to mean anything'
            @($actions | Where-Object { $_ -notmatch '^(Describe|Get|List)' }) | Should -BeNullOrEmpty
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
            $lanMac = (Get-NetNsLink $ns.Nat lan0).Mac

            $web = Start-NetNsFixtureProcess $fixture $ns.Inet web python3 @('-m', 'http.server', '8080', '--bind', '198.51.100.1', '--directory', "$work/www")
            $null = Start-NetNsMoto $fixture -Namespace $ns.Nat -Address 127.0.0.1 -Port 5000
            Wait-NetNsPort -Namespace $ns.Inet -Address 198.51.100.1 -Port 8080 -Process $web

            $create = @($vpcTool, 'nat', '--endpoint', $moto, '--zone', $zone, '--public-subnet', '10.99.0.0/24', '--private-subnet', '10.99.1.0/24') +
                @($vpcCidrs | ForEach-Object { '--cidr', $_ })
            $vpc = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $create).StdOut | ConvertFrom-Json

            foreach ($imds in @(@($imdsPort, $wanMac), @($wrongImdsPort, $lanMac))) {
                $null = Start-NetNsImds $fixture -Namespace $ns.Nat -Name "imds-$($imds[0])" -Port $imds[0] -InstanceId $vpc.instanceId -Zone $zone `
                    -Mac $imds[1] -VpcId $vpc.vpcId -NetworkInterfaceId $vpc.networkInterfaceId -VpcCidr $vpcCidrs
            }
            $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/moto-api/recorder/start-recording"
        } catch {
            $null = Remove-NetNsFixture $fixture
            throw
        }
    }

    AfterAll {
        $null = Remove-NetNsFixture $fixture
    }

    Context 'before the takeover' {
        It 'the IMDS stand-in answers 401 to a read without a token (IMDSv1)' {
            $status = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-s', '-o', '/dev/null', '-w', '%{http_code}',
                "http://127.0.0.1:$imdsPort/latest/meta-data/instance-id").StdOut
            $status | Should -Be '401'
        }

        It 'the NAT itself reaches the internet server, but the private host does not' {
            (Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sS', '--max-time', '3', "$server/hello.txt").StdOut | Should -Be $token
            Get-Sysctl 'net/ipv4/ip_forward' | Should -Be '0'
            $fetch = Invoke-PrivateFetch
            $fetch.ExitCode | Should -Not -Be 0
            $fetch.StdOut | Should -Not -Be $token
        }
    }

    Context 'refusals leave the host and EC2 untouched' {
        BeforeEach {
            Reset-Recording
        }

        It 'refuses with InterfaceDown when the uplink has lost its link' {
            $null = Invoke-NetNsIp $ns.Inet link set eth0 down
            try {
                Wait-NetNsCondition -Because 'wan0 to go down' -Condition { (Get-NetNsLink $ns.Nat wan0).OperState -eq 'down' }
                # The default route stays (linkdown): the kernel would still send through wan0, into nothing.
                (Invoke-NetNsIp $ns.Nat route show default) | Should -Match 'dev wan0'
                $run = Invoke-Takeover
            } finally {
                $null = Invoke-NetNsIp $ns.Inet link set eth0 up
                Wait-NetNsCondition -Because 'wan0 to come back up' -Condition { (Get-NetNsLink $ns.Nat wan0).OperState -eq 'up' }
            }
            $run.Errors.ErrorId | Should -Be 'InterfaceDown'
            $run.Errors[0].Message | Should -Match 'wan0'
            $run.Output | Should -BeNullOrEmpty
            Assert-Untouched
        }

        It 'refuses with InterfaceHasNoAddress when the default route leaves by an interface without IPv4 address' {
            $null = Invoke-NetNsIp $ns.Nat addr flush dev wan0
            try {
                $null = Invoke-NetNsIp $ns.Nat route replace default dev wan0
                $run = Invoke-Takeover
            } finally {
                $null = Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList '-n', $ns.Nat, 'route', 'del', 'default' -AllowFailure
                $null = Invoke-NetNsIp $ns.Nat addr add 198.51.100.2/24 dev wan0
                $null = Invoke-NetNsIp $ns.Nat route replace default via 198.51.100.1
            }
            $run.Errors.ErrorId | Should -Be 'InterfaceHasNoAddress'
            $run.Errors[0].Message | Should -Match 'wan0'
            Assert-Untouched
        }

        It 'refuses with InterfaceMismatch when IMDS names another interface than the default route''s' {
            $run = Invoke-Takeover -ImdsPort $wrongImdsPort
            $run.Errors.ErrorId | Should -Be 'InterfaceMismatch'
            $message = $run.Errors[0].Message
            $message | Should -Match 'wan0'
            $message | Should -Match "that is lan0 here"
            $message | Should -Match ([regex]::Escape($wanMac))
            $message | Should -Match ([regex]::Escape($lanMac))
            Assert-Untouched
        }
    }

    Context 'the takeover' {
        BeforeAll {
            Reset-Recording
            $first = Invoke-Takeover
        }

        It 'succeeds and creates the private subnet''s default route to this instance' {
            $first.Errors | Should -BeNullOrEmpty
            $result = @($first.Output)
            $result.Count | Should -Be 1
            $result[0].SubnetId | Should -Be $vpc.privateSubnetId
            $result[0].RouteTableId | Should -Be $vpc.routeTableId
            $result[0].Action | Should -Be 'Created'
            $result[0].Target | Should -Be $vpc.instanceId
            $result[0].InstanceId | Should -Be $vpc.instanceId
            $route = Get-DefaultRoute
            $route.Count | Should -Be 1
            $route[0].instanceId | Should -Be $vpc.instanceId
        }

        It 'set the host up on the uplink before any EC2 write' {
            $lines = [string[]]@($first.Verbose)
            $hostLine = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -like 'Host set up on wan0 (198.51.100.2/24):*' })
            $hostLine | Should -BeGreaterOrEqual 0 -Because ($lines -join "`n")
            foreach ($cidr in $vpcCidrs) { $lines[$hostLine] | Should -Match "added masquerade of $([regex]::Escape($cidr)) out wan0" }
            $lines[$hostLine] | Should -Match 'set net\.ipv4\.ip_forward=1 \(was 0\)'
            $firstWrite = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^EC2 (ModifyInstanceAttribute|AssociateAddress|CreateRoute|ReplaceRoute)' })
            $firstWrite | Should -BeGreaterThan $hostLine
        }

        It 'has exactly one hanat MASQUERADE rule per VPC CIDR, out of the uplink' {
            $rules = Get-HaNatRule
            $rules.Count | Should -Be $vpcCidrs.Count
            foreach ($cidr in $vpcCidrs) {
                @($rules | Where-Object { $_ -match "-s $([regex]::Escape($cidr)) -o wan0 .*-j MASQUERADE" }).Count | Should -Be 1
            }
        }

        It 'turned IPv4 forwarding on and ICMP redirects off' {
            Get-Sysctl 'net/ipv4/ip_forward' | Should -Be '1'
            foreach ($scope in 'all', 'default', 'wan0') { Get-Sysctl "net/ipv4/conf/$scope/send_redirects" | Should -Be '0' }
        }

        It 'lets the private host fetch from the internet server, seen there as the NAT''s address' {
            $seen = @(Get-Content -LiteralPath $web.StdErr).Count
            $fetch = Invoke-PrivateFetch
            $fetch.ExitCode | Should -Be 0 -Because $fetch.StdErr
            $fetch.StdOut | Should -Be $token
            # The server logs each request's source: the private host's must arrive as the NAT's uplink address.
            $new = @(Get-Content -LiteralPath $web.StdErr | Select-Object -Skip $seen)
            $new.Count | Should -Be 1
            $new[0] | Should -Match '^198\.51\.100\.2 .*"GET /hello\.txt'
        }
    }

    Context 'a second takeover' {
        BeforeAll {
            $rulesBefore = Get-HaNatRule
            Reset-Recording
            $second = Invoke-Takeover
        }

        It 'adds no rule and reports no host change' {
            $second.Errors | Should -BeNullOrEmpty
            Get-HaNatRule | Should -Be $rulesBefore
            $second.Verbose | Should -Contain 'Host already forwards and masquerades on wan0 (198.51.100.2/24).'
            @($second.Verbose | Where-Object { $_ -match 'iptables .* -A ' }) | Should -BeNullOrEmpty
        }

        It 'reports the route as unchanged and writes nothing to EC2' {
            @($second.Output).Action | Should -Be 'Unchanged'
            $actions = Get-RecordedAction
            $actions | Should -Contain 'DescribeRouteTables'
            @($actions | Where-Object { $_ -notmatch '^(Describe|Get|List)' }) | Should -BeNullOrEmpty
        }
    }

    Context 'repairs' {
        It 'replaces a stale hanat rule on another interface and leaves foreign rules alone' {
            $stale = @('-s', $vpcCidrs[0], '-o', 'lan0', '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE')
            $foreign = @('-s', '10.99.200.0/24', '-o', 'lan0', '-j', 'MASQUERADE')
            foreach ($rule in @(, $stale) + @(, $foreign)) {
                $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList (@('-w', '5', '-t', 'nat', '-A', 'POSTROUTING') + $rule)
            }
            (Get-HaNatRule).Count | Should -Be ($vpcCidrs.Count + 1)

            $run = Invoke-Takeover
            $run.Errors | Should -BeNullOrEmpty
            $rules = Get-HaNatRule
            $rules.Count | Should -Be $vpcCidrs.Count
            $rules | Should -Not -Match '-o lan0'
            $all = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList '-w', '5', '-t', 'nat', '-S', 'POSTROUTING').StdOut
            $all | Should -Match ([regex]::Escape('-A POSTROUTING -s 10.99.200.0/24 -o lan0 -j MASQUERADE'))
            $run.Verbose -join "`n" | Should -Match 'removed stale rule -A POSTROUTING -s 10\.99\.0\.0/17 -o lan0'
        }

        It 'opens FORWARD for the VPC when its policy is DROP' {
            $null = Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList '-w', '5', '-P', 'FORWARD', 'DROP'
            (Invoke-PrivateFetch).ExitCode | Should -Not -Be 0 -Because 'a DROP policy must stop forwarding before HaNat opens it'

            $run = Invoke-Takeover
            $run.Errors | Should -BeNullOrEmpty
            $forward = Get-HaNatRule -Table filter -Chain FORWARD
            $forward.Count | Should -Be (2 * $vpcCidrs.Count)
            $forward | Should -Match 'ACCEPT$'
            $fetch = Invoke-PrivateFetch
            $fetch.ExitCode | Should -Be 0 -Because $fetch.StdErr
            $fetch.StdOut | Should -Be $token

            $again = Invoke-Takeover
            $again.Verbose | Should -Contain 'Host already forwards and masquerades on wan0 (198.51.100.2/24).'
            (Get-HaNatRule -Table filter -Chain FORWARD).Count | Should -Be (2 * $vpcCidrs.Count)
        }
    }
}
