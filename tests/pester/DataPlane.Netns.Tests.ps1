#Requires -Version 7.4
<#
Test-HaNatRouting -DataPlane on a NAT in a network namespace: one check object per check, all healthy on a working
NAT, and the right ones failing when forwarding is turned off and FORWARD drops.

    nat: eth0 10.99.0.11/24, default via 10.99.0.1 --veth-- inet: 10.99.0.1 (python http.server :8080)
         IMDS stand-in on nat's loopback; the VPC is 10.99.0.0/16

Skipped, with the reason, when not root or when ip/iptables are missing. Needs ./build.sh first.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'Test-HaNatRouting -DataPlane in a network namespace' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "DataPlane.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root', 'Monitor' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $modulePath = Join-Path $repo 'out/HaNat/HaNat.psd1'
        $runner = Join-Path $repo 'tests/netns/Invoke-HaNatJson.ps1'
        $fixture = New-NetNsFixture
        $work = $fixture.Work

        function Invoke-DataPlane {
            $pwsh = Get-NetNsPwshCommand
            $parameters = @{ DataPlane = $true; ProbeTarget = '10.99.0.1:8080' } | ConvertTo-Json -Compress
            $arguments = $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', $runner, '-ModulePath', $modulePath,
                '-Command', 'Test-HaNatRouting', '-ParametersJson', $parameters)
            $run = Invoke-NetNsNative -Namespace $nat -FilePath $pwsh.FilePath -ArgumentList $arguments -AllowFailure `
                -Environment @{ AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:8169' }
            try { $run.StdOut | ConvertFrom-Json } catch { throw "no JSON (exit $($run.ExitCode)): $($run.StdErr) $($run.StdOut)" }
        }

        function Set-NatHost([string] $IpForward, [string] $ForwardPolicy) {
            $null = Invoke-NetNsNative -Namespace $nat -FilePath sysctl -ArgumentList '-qw', "net.ipv4.ip_forward=$IpForward"
            $null = Invoke-NetNsNative -Namespace $nat -FilePath iptables -ArgumentList '-w', '5', '-P', 'FORWARD', $ForwardPolicy
        }

        try {
            $nat = Add-NetNsFixtureNamespace $fixture nat
            $inet = Add-NetNsFixtureNamespace $fixture inet
            Add-NetNsVethPair -Namespace $nat -Name eth0 -Address 10.99.0.11/24 -PeerNamespace $inet -PeerName eth0 -PeerAddress 10.99.0.1/24
            $null = Invoke-NetNsIp $nat route add default via 10.99.0.1
            $null = Invoke-NetNsNative -Namespace $nat -FilePath iptables -ArgumentList '-w', '5', '-t', 'nat', '-A', 'POSTROUTING',
                '-s', '10.99.0.0/16', '-o', 'eth0', '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE'
            $mac = (Get-NetNsLink $nat eth0).Mac
            $web = Start-NetNsFixtureProcess $fixture -Namespace $inet -Name web -FilePath python3 -ArgumentList '-m', 'http.server', '8080', '--bind', '10.99.0.1', '--directory', $work
            $null = Start-NetNsImds $fixture -Namespace $nat -InstanceId 'i-0123456789abcdef0' -Zone 'us-east-1a' -Mac $mac `
                -VpcId 'vpc-0123456789abcdef0' -VpcCidr '10.99.0.0/16'
            Wait-NetNsPort -Namespace $inet -Address 10.99.0.1 -Port 8080 -Process $web
        } catch {
            $null = Remove-NetNsFixture $fixture
            throw
        }
    }

    AfterAll {
        $null = Remove-NetNsFixture $fixture
    }

    It 'reports every check healthy on a working NAT' {
        Set-NatHost -IpForward 1 -ForwardPolicy ACCEPT
        $run = Invoke-DataPlane
        $run.Errors | Should -BeNullOrEmpty
        $checks = @($run.Output)
        $checks.Name | Should -Be @('IpForward', 'Uplink', 'Masquerade', 'Forward', 'Conntrack', 'EgressProbe')
        foreach ($check in $checks) { $check.Healthy | Should -BeTrue -Because "$($check.Name): $($check.Detail)" }
        ($checks | Where-Object Name -EQ 'Uplink').Detail | Should -Be 'eth0 up, 10.99.0.11/24'
        ($checks | Where-Object Name -EQ 'EgressProbe').Detail | Should -Match '^10\.99\.0\.1:8080: connected'
    }

    It 'fails IpForward and Forward when forwarding is off and FORWARD drops, and the probe when the target is gone' {
        Set-NatHost -IpForward 0 -ForwardPolicy DROP
        Stop-NetNsProcess $web
        try {
            $checks = @((Invoke-DataPlane).Output)
        } finally {
            Set-NatHost -IpForward 1 -ForwardPolicy ACCEPT
        }
        $failing = @($checks | Where-Object { -not $_.Healthy } | ForEach-Object Name)
        $failing | Should -Be @('IpForward', 'Forward', 'EgressProbe')
        ($checks | Where-Object Name -EQ 'Forward').Detail | Should -Match 'FORWARD policy DROP'
    }
}
