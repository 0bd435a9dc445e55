#Requires -Version 7.4
<#
The systemd units the AMI installs (packer/systemd/): their key settings, that systemd itself accepts them
(systemd-analyze verify, where it is installed), and that each ExecStart's command line, run as written against the
built module, reaches the right cmdlet.
#>

BeforeDiscovery {
    $analyze = Get-Command systemd-analyze -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $verifyTitle = 'systemd-analyze verify accepts both units' + $(if (-not $analyze) { ' (skipped: systemd-analyze is not installed)' } else { '' })
}

Describe 'systemd units' -Tag 'Monitor', 'Units' {
    BeforeAll {
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $unitDir = Join-Path $repo 'packer/systemd'
        $modulePath = Join-Path $repo 'out/HaNat/HaNat.psd1'
        $installedModule = '/usr/local/share/powershell/Modules/HaNat/HaNat.psd1'
        $analyze = Get-Command systemd-analyze -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

        # [Section] → key → list of values (a key may repeat, as Wants= and After= may).
        function Read-Unit([string] $Name) {
            $unit = @{}
            $section = $null
            foreach ($line in Get-Content -LiteralPath (Join-Path $unitDir $Name)) {
                if ($line -match '^\s*(#|;|$)') { continue }
                if ($line -match '^\[(.+)\]$') { $section = $Matches[1]; $unit[$section] = @{}; continue }
                $key, $value = $line -split '=', 2
                if (-not $unit[$section].ContainsKey($key)) { $unit[$section][$key] = [System.Collections.Generic.List[string]]::new() }
                $unit[$section][$key].Add($value)
            }
            $unit
        }

        # The -Command string of ExecStart, as systemd splits it (one double-quoted argument).
        function Get-PwshCommand($Unit) {
            $exec = $Unit.Service.ExecStart[0]
            $exec -match '^/usr/bin/pwsh -NoProfile -NonInteractive -Command "(.+)"$' | Should -BeTrue -Because "ExecStart is: $exec"
            $Matches[1]
        }

        # Runs that command line with pwsh, the module path pointed at the build, off an instance (IMDS refuses at
        # once): the error the cmdlet raises proves the line reached it.
        function Invoke-UnitCommand([string] $Command) {
            $local = $Command.Replace($installedModule, $modulePath)
            $pwsh = (Get-Process -Id $PID).Path
            [string[]] $prefix = if ((Split-Path -Leaf $pwsh) -like 'pwsh*') { @() } else { @(Join-Path $PSHOME 'pwsh.dll') }
            $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:1'
            $output = & $pwsh @prefix -NoProfile -NonInteractive -Command $local 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
        }

        $takeover = Read-Unit 'hanat-takeover.service'
        $monitor = Read-Unit 'hanat-monitor.service'
    }

    Context 'hanat-takeover.service' {
        It 'is a oneshot that stays active, after the network is online' {
            $takeover.Service.Type | Should -Be 'oneshot'
            $takeover.Service.RemainAfterExit | Should -Be 'yes'
            $takeover.Unit.After -join ' ' | Should -Match '\bnetwork-online\.target\b'
            $takeover.Unit.Wants -join ' ' | Should -Match '\bnetwork-online\.target\b'
            $takeover.Install.WantedBy | Should -Be 'multi-user.target'
        }

        It 'runs Invoke-HaNatTakeover -Verbose from the installed module' {
            $command = Get-PwshCommand $takeover
            $command | Should -BeExactly "Import-Module $installedModule; Invoke-HaNatTakeover -Verbose"
        }
    }

    Context 'hanat-monitor.service' {
        It 'starts after the boot takeover but does not need it to succeed' {
            $monitor.Unit.After -join ' ' | Should -Match '\bhanat-takeover\.service\b'
            $monitor.Unit.Wants -join ' ' | Should -Match '\bhanat-takeover\.service\b'
            $monitor.Unit.ContainsKey('Requires') | Should -BeFalse
            $monitor.Unit.ContainsKey('BindsTo') | Should -BeFalse
        }

        It 'restarts forever (but not after a handover''s exit 0), stops with SIGTERM within 30 s (room for the handover), and logs to the journal' {
            $monitor.Service.Restart | Should -Be 'always'
            $monitor.Service.RestartSec | Should -Be '1'
            $monitor.Service.RestartPreventExitStatus | Should -Be '0'
            $monitor.Unit.StartLimitIntervalSec | Should -Be '0'
            $monitor.Service.KillSignal | Should -Be 'SIGTERM'
            # -HandoverTimeoutSeconds 20 + 1 s drain + 5 s lifecycle hook + pwsh's end, within the unit's stop timeout.
            $monitor.Service.TimeoutStopSec | Should -Be '30'
            $monitor.Service.StandardOutput | Should -Be 'journal'
        }

        It 'runs Start-HaNatMonitor from the installed module' {
            Get-PwshCommand $monitor | Should -BeExactly "Import-Module $installedModule; Start-HaNatMonitor"
        }
    }

    Context 'both units' {
        It 'keep to hardening that leaves NAT set-up working' -TestCases @(@{ Name = 'hanat-takeover.service' }, @{ Name = 'hanat-monitor.service' }) {
            param($Name)
            $unit = Read-Unit $Name
            $unit.Service.NoNewPrivileges | Should -Be 'yes'
            # Each of these would stop iptables, /proc/sys writes or the heartbeat socket.
            foreach ($key in 'PrivateNetwork', 'ProtectKernelTunables', 'CapabilityBoundingSet', 'RestrictAddressFamilies', 'DynamicUser', 'User') {
                $unit.Service.ContainsKey($key) | Should -BeFalse -Because "$key would break what $Name does"
            }
        }

        It 'have command lines that reach their cmdlets' {
            Test-Path -LiteralPath $modulePath | Should -BeTrue -Because 'run ./build.sh first'
            $run = Invoke-UnitCommand (Get-PwshCommand $takeover)
            $run.Output | Should -Match 'did\s+not\s+answer' -Because $run.Output
            $run.Output | Should -Match 'Invoke-HaNatTakeover'
            $run = Invoke-UnitCommand (Get-PwshCommand $monitor)
            $run.Output | Should -Match 'Start-HaNatMonitor' -Because $run.Output
            $run.Output | Should -Match 'did\s+not\s+answer'
        }

        It $verifyTitle -Skip:(-not $analyze) {
            $dir = Join-Path ([System.IO.Path]::GetTempPath()) "hanat-units-$([guid]::NewGuid().ToString('n'))"
            $null = New-Item -ItemType Directory -Path $dir
            try {
                # verify insists that ExecStart's program exists: stand /usr/bin/pwsh in for an executable that does.
                foreach ($name in 'hanat-takeover.service', 'hanat-monitor.service') {
                    (Get-Content -Raw -LiteralPath (Join-Path $unitDir $name)).Replace('/usr/bin/pwsh', '/bin/true') |
                        Set-Content -LiteralPath (Join-Path $dir $name) -NoNewline
                }
                $output = & $analyze.Source verify (Join-Path $dir 'hanat-takeover.service') (Join-Path $dir 'hanat-monitor.service') 2>&1 | Out-String
                $LASTEXITCODE | Should -Be 0 -Because $output
                $output | Should -Not -Match 'Unknown (key|section|lvalue)|Invalid|ignoring' -Because $output
            } finally {
                Remove-Item -Recurse -Force -LiteralPath $dir
            }
        }
    }
}
