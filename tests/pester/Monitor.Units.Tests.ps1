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
        # The monitor's executable: installed by the image build; ./build.sh publishes it the same way (Native AOT) for this machine.
        $installedMonitor = '/opt/hanat/monitor/hanat-monitor'
        $builtMonitor = Join-Path $repo 'out/hanat-monitor/hanat-monitor'
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

        # Runs the monitor unit's ExecStart as written (its words, no shell), the installed executable pointed at the
        # build, off an instance (IMDS refuses at once), with -ExtraArgument appended.
        function Invoke-MonitorExecStart([string[]] $ExtraArgument = @()) {
            $words = @($monitor.Service.ExecStart[0] -split ' ' | Where-Object { $_ })
            $words[0] | Should -BeExactly $installedMonitor
            $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:1'
            $output = & $builtMonitor @($words | Select-Object -Skip 1) @ExtraArgument 2>&1 | Out-String
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

        It 'runs the hanat-monitor executable the image installs, at the defaults (Start-HaNatMonitor''s)' {
            $monitor.Service.ExecStart.Count | Should -Be 1
            $monitor.Service.ExecStart[0] | Should -BeExactly $installedMonitor
            $monitor.Service.SyslogIdentifier | Should -Be 'hanat-monitor'
            # The runtime's settings (bench/footprint measured each).
            $monitor.Service.Environment | Should -Contain 'DOTNET_GCgen0size=0x200000'
            $monitor.Service.Environment | Should -Contain 'DOTNET_EnableDiagnostics=0'
            $monitor.Service.Environment | Should -Contain 'DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0'
        }
    }

    Context 'the hanat-monitor executable, as the unit runs it' {
        BeforeAll {
            Test-Path -LiteralPath $builtMonitor | Should -BeTrue -Because 'run ./build.sh first'
        }

        It '--help says what it is, lists its parameters and exits 0' {
            $run = Invoke-MonitorExecStart '--help'
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'usage: hanat-monitor'
            $run.Output | Should -Match 'SIGTERM'
            $run.Output | Should -Match '-ProbeTarget'
        }

        It 'takes every parameter of Start-HaNatMonitor by the same name, with the same range' {
            Import-Module $modulePath -Force
            $help = (Invoke-MonitorExecStart '--help').Output
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            # -Credential takes an AWSCredentials object, which a command line cannot pass: the SDK's chain does.
            $parameters = (Get-Command Start-HaNatMonitor).Parameters.Values | Where-Object { $_.Name -notin $common -and $_.Name -ne 'Credential' }
            @($parameters).Count | Should -BeGreaterThan 10
            foreach ($p in $parameters) {
                $help | Should -Match "(?m)^\s+-$($p.Name)\b" -Because "hanat-monitor must take -$($p.Name), as Start-HaNatMonitor does"
                $range = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
                if ($range) {
                    $help | Should -Match "(?m)^\s+-$($p.Name) <$([regex]::Escape("$($range.MinRange)"))-$([regex]::Escape("$($range.MaxRange)"))>" -Because "-$($p.Name)'s range is the cmdlet's"
                }
            }
            # The timings' defaults, as the cmdlet has them.
            $cmdlet = [HaNat.Commands.StartHaNatMonitorCommand]::new()
            foreach ($name in 'IntervalSeconds', 'MissedHeartbeats') {
                $help | Should -Match "(?m)^\s+-$name .*\($([regex]::Escape([string]::Format([cultureinfo]::InvariantCulture, '{0}', $cmdlet.$name)))\)\s*$" -Because "-$name's default is the cmdlet's"
            }
        }

        It 'refuses a bad argument before anything else, with exit code 2 and a message that says what to do' {
            $run = Invoke-MonitorExecStart '-IntervalSeconds', '0'
            $run.ExitCode | Should -Be 2
            $run.Output | Should -Match 'hanat-monitor: error ValueOutOfRange \(InvalidArgument\): -IntervalSeconds 0 is out of its range: pass a value from 0.05 to 60'
            $run = Invoke-MonitorExecStart '-Bogus', 'x'
            $run.ExitCode | Should -Be 2
            $run.Output | Should -Match 'UnknownParameter.*--help lists its parameters'
            $run = Invoke-MonitorExecStart '-ProbeTarget', 'nowhere'
            $run.ExitCode | Should -Be 2
            $run.Output | Should -Match 'InvalidProbeTarget'
            $run = Invoke-MonitorExecStart '-AccessKey', 'AKIA'
            $run.ExitCode | Should -Be 2
            $run.Output | Should -Match 'IncompleteAccessKey'
        }

        It 'off an instance, fails with exit code 1 (the unit restarts it) and says where it runs' {
            $run = Invoke-MonitorExecStart
            $run.ExitCode | Should -Be 1 -Because $run.Output
            $run.Output | Should -Match 'hanat-monitor: error NotOnInstance'
            $run.Output | Should -Match 'did\s+not\s+answer'
            $run.Output | Should -Match 'runs on a HaNat NAT instance'
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
            $run = Invoke-MonitorExecStart
            $run.Output | Should -Match 'hanat-monitor' -Because $run.Output
            $run.Output | Should -Match 'did\s+not\s+answer'
        }

        It $verifyTitle -Skip:(-not $analyze) {
            $dir = Join-Path ([System.IO.Path]::GetTempPath()) "hanat-units-$([guid]::NewGuid().ToString('n'))"
            $null = New-Item -ItemType Directory -Path $dir
            try {
                # verify insists that ExecStart's program exists: stand /usr/bin/pwsh and the monitor's executable in for
                # an executable that does.
                foreach ($name in 'hanat-takeover.service', 'hanat-monitor.service') {
                    (Get-Content -Raw -LiteralPath (Join-Path $unitDir $name)).Replace('/usr/bin/pwsh', '/bin/true').Replace($installedMonitor, '/bin/true') |
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
