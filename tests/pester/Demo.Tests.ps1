#Requires -Version 7.4
<#
./demo.sh, the README's first command, run as a user runs it, both ways:
- as root (Linux, with the namespace harness's tools): the failover demo (examples/demo-failover.ps1): its timeline
  from the kill to the replacement's failback, the measured "egress back in X s", the other zones untouched,
  Test-HaNatRouting on the VPC, exit 0, and no namespace of its own left behind. Tagged Netns and Root: skipped, with
  the reason, without root.
- without root: today's demo (examples/demo.ps1 against a moto_server demo.sh starts and stops) and the line that says
  what it skipped. This test runs as root (test.sh does): a real other user cannot use the .NET SDK and the dotnet
  tools under /root, so it sets HANAT_DEMO_NO_ROOT=1, which makes demo.sh take exactly the path it takes without root.

test.sh runs this file in its "failover" background group: the failover demo takes one and a half to two and a half
minutes (most of it pwsh starting: Add-HaNatVpc, the boot takeovers), the other way half a minute.
demo.sh runs scripts/bootstrap.sh (a second or two when nothing is missing), and ./build.sh only when out/ is older
than the sources: after test.sh's build it does not rebuild (the root test asserts it).
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $rootTitle = './demo.sh as root: the failover demo' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Demo.Tests: the failover demo skipped: $skipReason" }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # ./demo.sh as a user types it, with -Environment on top of this process's (a $null value removes one). Returns
    # ExitCode, Output (stdout then stderr) and Seconds.
    function Invoke-Demo([hashtable] $Environment = @{}) {
        $started = [DateTime]::UtcNow
        $run = Invoke-NetNsNative -FilePath (Join-Path $repo 'demo.sh') -Environment (@{ NO_COLOR = '1' } + $Environment) -TimeoutSeconds 600 -AllowFailure
        $seconds = [math]::Round(([DateTime]::UtcNow - $started).TotalSeconds, 1)
        Write-Host "  ./demo.sh took $seconds s (exit $($run.ExitCode))"
        [pscustomobject]@{ ExitCode = $run.ExitCode; Output = $run.StdOut + $run.StdErr; Seconds = $seconds }
    }

    # The index of the first line of $Lines that matches $Pattern (-1 when none).
    function Find-Line([string[]] $Lines, [string] $Pattern) {
        for ($i = 0; $i -lt $Lines.Count; $i++) { if ($Lines[$i] -match $Pattern) { return $i } }
        -1
    }
}

Describe $rootTitle -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        $demo = Invoke-Demo @{ HANAT_DEMO_NO_ROOT = $null }
        $lines = @($demo.Output -split "`r?`n")
        $suffix = if ($demo.Output -match 'namespaces hnt-([0-9a-f]+)-\*') { $Matches[1] } else { $null }
        # The output, for whoever reads the test's log.
        $lines | Where-Object { $_ -match '^\s+[+-]\d+\.\d\d s  |^egress back in|^zone [a-c]: requests failed|^zone b seen from|^failback in|healthy$|took \d+ s$' } |
            ForEach-Object { Write-Host "  | $_" }
    }

    It 'exits 0, having built nothing (out/ is current) and without falling back to the other demo' {
        $demo.ExitCode | Should -Be 0 -Because $demo.Output
        $demo.Output | Should -Match 'demo\.sh: out/ is newer than the sources: not rebuilt'
        $demo.Output | Should -Not -Match 'skipped:'
    }

    It 'prints the timeline from the kill to the failback, in order, each line with its time from the fault' {
        $order = @(
            '^\s+\+0\.00 s  NAT i-[0-9a-f]+ in us-east-1b killed'
            '^\s+\+\d+\.\d\d s  detected by i-[0-9a-f]+ \(us-east-1[ac]\): silent'
            '^\s+\+\d+\.\d\d s  takeover: zone b''s route -> i-[0-9a-f]+, written to EC2'
            '^\s+\+\d+\.\d\d s  egress back in zone b through the NAT of us-east-1[ac]$'
            '^\s+\+\d+\.\d\d s  Auto Scaling''s replacement i-[0-9a-f]+ boots in us-east-1b'
            '^\s+\+\d+\.\d\d s  zone b''s requests leave through i-[0-9a-f]+: failed back$'
        )
        $at = foreach ($pattern in $order) { Find-Line $lines $pattern }
        for ($i = 0; $i -lt $order.Count; $i++) { $at[$i] | Should -BeGreaterOrEqual 0 -Because "a line like $($order[$i]) in:`n$($demo.Output)" }
        for ($i = 1; $i -lt $order.Count; $i++) { $at[$i] | Should -BeGreaterThan $at[$i - 1] -Because "$($order[$i]) comes after $($order[$i - 1])" }
        # The taker is one of the other zones' NATs, and the failback is to the replacement.
        $taker = if ($lines[$at[2]] -match 'route -> (i-[0-9a-f]+)') { $Matches[1] }
        $replacement = if ($lines[$at[4]] -match 'replacement (i-[0-9a-f]+)') { $Matches[1] }
        $killed = if ($lines[$at[0]] -match 'NAT (i-[0-9a-f]+)') { $Matches[1] }
        $taker | Should -Not -Be $killed
        $replacement | Should -Not -BeIn @($killed, $taker)
        $lines[$at[5]] | Should -Match ([regex]::Escape($replacement))
    }

    It 'says "egress back in X s" with the seconds it measured, and that the other zones lost no request' {
        $line = $lines | Where-Object { $_ -match '^egress back in (\d+\.\d\d) s ' } | Select-Object -First 1
        $line | Should -Not -BeNullOrEmpty -Because $demo.Output
        $seconds = [double]::Parse(($line -replace '^egress back in (\d+\.\d\d) s .*$', '$1'), [Globalization.CultureInfo]::InvariantCulture)
        $seconds | Should -BeGreaterThan 0
        # The monitor's defaults detect a silent NAT in about a second; 30 s would be a failover that did not happen.
        $seconds | Should -BeLessThan 30
        foreach ($other in 'a', 'c') { $demo.Output | Should -Match "(?m)^zone $($other): requests failed: 0 of [1-9]\d*$" }
        $demo.Output | Should -Match '(?m)^failback in \d+\.\d\d s from the replacement''s boot$'
    }

    It 'gives each zone an Elastic IP of its own, and the internet sees zone b''s own address before, during and after the failover' {
        $table = @($lines | Where-Object { $_ -match '^us-east-1[abc]\s+i-[0-9a-f]+\s+10\.99\.\d+\.\d+\s+(198\.51\.100\.\d+)\s' } | ForEach-Object { $Matches[1] })
        $table.Count | Should -Be 3 -Because "the demo lists each zone's NAT with its Elastic IP:`n$($demo.Output)"
        @($table | Sort-Object -Unique).Count | Should -Be 3
        $pattern = '^zone b seen from its own Elastic IP (\S+): (\d+) of (\d+) before, (\d+) of (\d+) during the failover, (\d+) of (\d+) after$'
        $line = $lines | Where-Object { $_ -match $pattern } | Select-Object -First 1
        $line | Should -Not -BeNullOrEmpty -Because $demo.Output
        $null = $line -match $pattern
        $Matches[1] | Should -Be $table[1] -Because 'zone b''s address is the one listed for us-east-1b'
        foreach ($span in @(@(2, 3), @(4, 5), @(6, 7))) {
            [int]$Matches[$span[1]] | Should -BeGreaterThan 0 -Because "every span has answered requests: $line"
            $Matches[$span[0]] | Should -Be $Matches[$span[1]] -Because "every answered request of the span came from zone b's own address: $line"
        }
    }

    It 'ends with Test-HaNatRouting on the VPC: every private subnet healthy, zone b on the replacement' {
        $demo.Output | Should -Match '(?m)^== Test-HaNatRouting -VpcId vpc-'
        $demo.Output | Should -Match '(?m)^Test-HaNatRouting: 3 of 3 private subnets healthy$'
        $replacement = if ($demo.Output -match 'replacement (i-[0-9a-f]+) boots') { $Matches[1] }
        $demo.Output | Should -Match "(?m)^subnet-\S+\s+us-east-1b\s+rtb-\S+\s+$replacement\s+Healthy$"
    }

    It 'leaves none of its namespaces, processes or files behind' {
        $suffix | Should -Not -BeNullOrEmpty -Because 'the demo names its namespaces'
        $demo.Output | Should -Match 'namespaces deleted, moto stopped'
        $left = @((Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList 'netns', 'list').StdOut -split "`n" | Where-Object { $_ -like "hnt-$suffix-*" })
        $left | Should -BeNullOrEmpty
        Join-Path ([IO.Path]::GetTempPath()) "hnt-$suffix" | Should -Not -Exist
    }
}

Describe './demo.sh without root: the boot takeover demo, and what it skipped' {
    BeforeAll {
        $demo = Invoke-Demo @{ HANAT_DEMO_NO_ROOT = '1' }
        $motoUrl = if ($demo.Output -match 'moto_server at (http://\S+)') { $Matches[1] } else { $null }
    }

    It 'runs examples/demo.ps1 against a moto of its own and exits 0' {
        $demo.ExitCode | Should -Be 0 -Because $demo.Output
        $motoUrl | Should -Not -BeNullOrEmpty
        $demo.Output | Should -Match 'NoRoute'
        $demo.Output | Should -Match 'Healthy'
        $demo.Output | Should -Match 'Unchanged'
        $demo.Output | Should -Match 'Test-HaNatRouting -Quiet: True'
        $demo.Output | Should -Not -Match 'egress back in'
    }

    It 'says, last, that it skipped the failover demo and how to see it' {
        ($demo.Output.TrimEnd() -split "`r?`n")[-1] | Should -Match '^demo\.sh: skipped: the failover demo .*needs root.*sudo \./demo\.sh shows it$'
    }

    It 'stops its moto on exit' {
        { Invoke-RestMethod -Uri "$motoUrl/moto-api/" -TimeoutSec 3 } | Should -Throw
    }
}
