#Requires -Version 7.4
<#
The monitor's per-beat data-plane read (HaNat.DataPlane.DataPlaneWatch) in a network namespace of its own: a NAT in
miniature (an uplink wan0 (a veth whose peer stays in the namespace) with an address and the default route, forwarding on, the hanat MASQUERADE rule), read as
the self-check reads it every beat. With iptables-nft (nftables announces every rule change on netlink), the ruleset
(an iptables-save process) is read once and reused while nothing changes, and read again at the very next beat after
a rule or policy changes, so a deleted masquerade or a FORWARD policy DROP is seen as fast as when every beat read it;
an address added to or removed from the uplink is seen at the next beat too (rtnetlink). With legacy iptables every beat reads.

Skipped, with the reason, when not root or when ip/iptables are missing. Run as root:
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/DataPlaneWatch.Netns.Tests.ps1
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'The monitor''s data-plane read in a network namespace' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "DataPlaneWatch.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root', 'Monitor' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        $module = (Resolve-Path (Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1')).Path
        $ns = New-NetNs -Prefix 'hnt-dpw'
        foreach ($command in @(
                @('link', 'add', 'wan0', 'type', 'veth', 'peer', 'name', 'wan1'), @('addr', 'add', '198.51.100.9/24', 'dev', 'wan0'), @('addr', 'add', '203.0.113.9/24', 'dev', 'wan0'),
                @('link', 'set', 'wan1', 'up'), @('link', 'set', 'wan0', 'up'), @('route', 'add', 'default', 'dev', 'wan0'))) {
            $null = Invoke-NetNsNative -Namespace $ns -FilePath ip -ArgumentList $command
        }
        $null = Invoke-NetNsNative -Namespace $ns -FilePath sysctl -ArgumentList '-qw', 'net.ipv4.ip_forward=1'
        $masquerade = @('POSTROUTING', '-s', '10.99.0.0/16', '-o', 'wan0', '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE')
        $null = Invoke-NetNsNative -Namespace $ns -FilePath iptables -ArgumentList (@('-w', '5', '-t', 'nat', '-A') + $masquerade)
        $nft = (Invoke-NetNsNative -FilePath iptables -ArgumentList '-V').StdOut -match 'nf_tables'

        # One process in the namespace: the watch reads at the given beat times, and the host is changed between
        # reads as a fault would change it. Each read: the beat's time, how many iptables-save runs so far, the checks.
        $script = @'
param($Module, $Steps)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$assembly = [HaNat.Commands.HaNatCmdlet].Assembly
$watch = [Activator]::CreateInstance($assembly.GetType('HaNat.DataPlane.DataPlaneWatch', $true), @([double]30))
$judge = $assembly.GetType('HaNat.DataPlane.DataPlaneJudge', $true)
$cidrs = [System.Collections.Generic.List[string]]::new(); $cidrs.Add('10.99.0.0/16')
$out = foreach ($step in ($Steps | ConvertFrom-Json)) {
    if ($step.Run) { $null = & $step.Run[0] $step.Run[1..($step.Run.Count - 1)]; if ($LASTEXITCODE) { throw "exit $LASTEXITCODE`: $($step.Run -join ' ')" } }
    $facts = $watch.Read($cidrs, $null, [double]$step.At)
    [pscustomobject]@{ At = $step.At; Reads = $watch.RulesetReadCount; Mode = $watch.RulesetReads
        Failing = @($judge::Judge($facts) | Where-Object { -not $_.Healthy } | ForEach-Object Name) -join ','
        Addresses = @($facts.Addresses | ForEach-Object Address | Sort-Object) -join ',' }
}
$watch.Dispose()
$out | ConvertTo-Json -Compress
'@
        $scriptPath = Join-Path ([IO.Path]::GetTempPath()) "hanat-dpw-$(New-NetNsSuffix).ps1"
        Set-Content -LiteralPath $scriptPath -Value $script
        $pwsh = Get-NetNsPwshCommand
        $iptables = { param($a) , (@('iptables', '-w', '5') + $a) }
        $steps = @(
            @{ At = 1.0 }
            @{ At = 2.0 }
            @{ At = 3.0 }
            @{ At = 4.0; Run = (& $iptables (@('-t', 'nat', '-D') + $masquerade)) }
            @{ At = 5.0 }
            @{ At = 6.0; Run = (& $iptables (@('-t', 'nat', '-A') + $masquerade)) }
            @{ At = 7.0; Run = (& $iptables @('-P', 'FORWARD', 'DROP')) }
            @{ At = 8.0; Run = (& $iptables @('-P', 'FORWARD', 'ACCEPT')) }
            @{ At = 9.0; Run = @('ip', 'addr', 'del', '198.51.100.9/24', 'dev', 'wan0') }
            @{ At = 10.0; Run = @('ip', 'addr', 'add', '198.51.100.9/24', 'dev', 'wan0') }
            @{ At = 11.0 }
            @{ At = 12.0 }
            @{ At = 45.0 }
        )
        $run = Invoke-NetNsNative -Namespace $ns -FilePath $pwsh.FilePath -ArgumentList ($pwsh.ArgumentList + @('-NoProfile', '-NonInteractive',
                '-File', $scriptPath, '-Module', $module, '-Steps', ($steps | ConvertTo-Json -Compress -Depth 4)))
        $reads = @{}
        foreach ($r in $run.StdOut | ConvertFrom-Json) { $reads[[double]$r.At] = $r }
    }

    AfterAll {
        if (Test-Path variable:scriptPath) { Remove-Item -LiteralPath $scriptPath -ErrorAction SilentlyContinue }
        if ($ns) { Remove-NetNs $ns }
    }

    It 'reads a healthy NAT as healthy' {
        $reads[1.0].Failing | Should -BeNullOrEmpty
        $reads[2.0].Failing | Should -BeNullOrEmpty
    }

    It 'sees a deleted masquerade rule at the next beat, and its return at the next' {
        $reads[4.0].Failing | Should -Be 'Masquerade'
        $reads[5.0].Failing | Should -Be 'Masquerade'
        $reads[6.0].Failing | Should -BeNullOrEmpty
    }

    It 'sees FORWARD policy DROP at the next beat, and ACCEPT again at the next' {
        $reads[7.0].Failing | Should -Be 'Forward'
        $reads[8.0].Failing | Should -BeNullOrEmpty
    }

    It 'sees an address of the uplink removed at the next beat, and back at the next' {
        # Two addresses, so that the device's routes stay when one goes (the kernel flushes them with the last one).
        $reads[8.0].Addresses | Should -Be '198.51.100.9,203.0.113.9'
        $reads[9.0].Addresses | Should -Be '203.0.113.9'
        $reads[10.0].Addresses | Should -Be '198.51.100.9,203.0.113.9'
        $reads[10.0].Failing | Should -BeNullOrEmpty
    }

    It 'with iptables-nft, runs iptables-save only when the ruleset changed and at the safety period; otherwise every beat' {
        if (-not $nft) {
            $reads[1.0].Mode | Should -Be 'every-beat'
            $reads[3.0].Reads | Should -Be 3
            return
        }
        $reads[1.0].Mode | Should -Be 'on-change'
        $reads[1.0].Reads | Should -Be 1
        $reads[3.0].Reads | Should -Be 1 -Because 'nothing changed: the first read is reused'
        $reads[4.0].Reads | Should -Be 2 -Because 'the rule deleted'
        $reads[5.0].Reads | Should -Be 2
        $reads[8.0].Reads | Should -Be 5 -Because 'the rule added, the policy set twice'
        $reads[12.0].Reads | Should -Be 5 -Because 'address and route changes touch no rule'
        $reads[45.0].Reads | Should -Be 6 -Because 'the safety period passed'
    }
}
