#Requires -Version 7.4
<#
The NAT image's boot path, as far as one machine allows it:

1. packer/scripts/provision.sh, with the step list a build runs, into a throwaway root (a temp directory): the steps
   that need the network or dnf skip themselves there, and PowerShell is unpacked from a stand-in tarball (its pwsh
   is a two-line script that starts this machine's pwsh). The files must land where the image needs them.
2. What the image's boot then does, in a network namespace that plays the NAT: systemd-sysctl applies the installed
   sysctl drop-in, and systemd starts hanat-takeover.service: the ExecStart line is read from the installed unit
   file (not copied here), with its Environment= and drop-ins, in the clean environment systemd gives a service.
   Only its paths that point into the image are moved into the throwaway root (see Convert-ToThrowawayRoot), and
   two variables stand in for EC2 itself: the IMDS endpoint (a stand-in on the namespace's loopback, which also
   hands out the instance role's credentials, as IMDS does) and EC2's endpoint (moto on the same loopback).

    priv (10.99.1.10) --veth-- lan0 (10.99.1.1)  nat  wan0 (198.51.100.2) --veth-- (198.51.100.1) inet
                                                  |                                  python http.server
                                  moto_server and the IMDS stand-in on nat's own loopback

The NAT then has to own its zone: forwarding on, the masquerade rule, the private subnet's default route at this
instance in moto, Test-HaNatRouting Healthy, and the private host reaching the internet server through it.

Root only (skipped with the reason otherwise). Needs ./build.sh first. Everything it makes (namespaces, processes,
the throwaway root, logs) is removed at the end, also on failure; HANAT_NETNS_KEEP_LOGS keeps $TMPDIR/hnt-SUFFIX/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'The NAT image boot path in a throwaway root and network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "BootPath.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root', 'Packer' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $provision = Join-Path $repo 'packer/scripts/provision.sh'
        $builtModule = Join-Path $repo 'out/HaNat'
        # The image installs packer/scripts/publish.sh's build for its architecture; ./build.sh's is the same kind
        # (Native AOT, this machine's): the files step copies whatever the directory holds.
        $builtMonitor = Join-Path $repo 'out/hanat-monitor'
        $runner = Join-Path $repo 'tests/netns/Invoke-HaNatJson.ps1'
        $vpcTool = Join-Path $repo 'tests/tools/vpc_fixture.py'

        $fixture = New-NetNsFixture
        $suffix = $fixture.Suffix
        $work = $fixture.Work
        $root = Join-Path ([System.IO.Path]::GetTempPath()) "hnt-$suffix-root"
        $fixture.Paths.Add($root)

        $vpcCidr = '10.99.0.0/16'
        $zone = 'us-east-1a'
        $moto = 'http://127.0.0.1:5000'
        $imdsPort = 8169
        $server = 'http://198.51.100.1:8080'
        $token = "hanat-boot-$suffix"
        $unitDir = '/etc/systemd/system'
        $moduleTarget = '/usr/local/share/powershell/Modules/HaNat'

        function Invoke-Provision([string[]] $Steps = @(), [hashtable] $Environment = @{}) {
            $variables = @{
                HANAT_ROOT = $root; HANAT_MODULE_DIR = $builtModule; HANAT_MONITOR_DIR = $builtMonitor
                HANAT_FILES_DIR = Join-Path $repo 'packer/files'; HANAT_UNITS_DIR = Join-Path $repo 'packer/systemd'
                HANAT_PWSH_TARBALL = $tarball; HANAT_PWSH_SHA256 = $tarballSum
            }
            foreach ($key in $Environment.Keys) { $variables[$key] = $Environment[$key] }
            Invoke-NetNsNative -FilePath bash -ArgumentList (@($provision) + $Steps) -Environment $variables -AllowFailure
        }

        # --- systemd's reading of a unit, as far as these units need it.

        # Values of Section/Key in the unit file and then its drop-ins (NAME.service.d/*.conf, by name), the way
        # systemd layers them; an empty assignment resets the list. Continuation lines (trailing \) are joined.
        function Read-UnitSetting([string] $Unit, [string] $Section, [string] $Key) {
            $files = @(Join-Path $root "$unitDir/$Unit") + @(Get-ChildItem -LiteralPath (Join-Path $root "$unitDir/$Unit.d") -Filter '*.conf' -ErrorAction SilentlyContinue |
                    Sort-Object Name | ForEach-Object FullName)
            $values = [System.Collections.Generic.List[string]]::new()
            foreach ($file in $files) {
                $current = $null
                $logical = ((Get-Content -Raw -LiteralPath $file) -replace '\\\r?\n', ' ') -split '\r?\n'
                foreach ($line in $logical) {
                    if ($line -match '^\s*[#;]' -or $line -match '^\s*$') { continue }
                    if ($line -match '^\s*\[(.+)\]\s*$') { $current = $Matches[1]; continue }
                    if ($current -ne $Section -or $line -notmatch '^\s*([\w]+)\s*=\s*(.*?)\s*$' -or $Matches[1] -ne $Key) { continue }
                    if ($Matches[2] -eq '') { $values.Clear() } else { $values.Add($Matches[2]) }
                }
            }
            $values.ToArray()
        }

        # systemd's word splitting: whitespace separates, single and double quotes group (and are removed), a
        # backslash escapes the next character.
        function Split-UnitWords([string] $Line) {
            $words = [System.Collections.Generic.List[string]]::new()
            $i = 0
            while ($i -lt $Line.Length) {
                while ($i -lt $Line.Length -and [char]::IsWhiteSpace($Line[$i])) { $i++ }
                if ($i -ge $Line.Length) { break }
                $word = [System.Text.StringBuilder]::new()
                while ($i -lt $Line.Length -and -not [char]::IsWhiteSpace($Line[$i])) {
                    $c = $Line[$i]
                    if ($c -eq '"' -or $c -eq "'") {
                        $close = $Line.IndexOf($c, $i + 1)
                        while ($close -gt 0 -and $Line[$close - 1] -eq '\') { $close = $Line.IndexOf($c, $close + 1) }
                        if ($close -lt 0) { throw "unbalanced $c in: $Line" }
                        $null = $word.Append(($Line.Substring($i + 1, $close - $i - 1) -replace '\\(.)', '$1'))
                        $i = $close + 1
                    } elseif ($c -eq '\' -and $i + 1 -lt $Line.Length) {
                        $null = $word.Append($Line[$i + 1]); $i += 2
                    } else {
                        $null = $word.Append($c); $i++
                    }
                }
                $words.Add($word.ToString())
            }
            $words.ToArray()
        }

        # The service's environment from Environment= (unit, then drop-ins).
        function Get-UnitEnvironment([string] $Unit) {
            $variables = [ordered]@{}
            foreach ($value in Read-UnitSetting $Unit 'Service' 'Environment') {
                foreach ($assignment in Split-UnitWords $value) {
                    $name, $rest = $assignment -split '=', 2
                    $variables[$name] = $rest
                }
            }
            $variables
        }

        # ExecStart as systemd runs it: its words, specifiers (%%) and variables (${NAME}, $NAME as a word, $$)
        # expanded from the service's environment. What this does not implement fails the test instead of being
        # run differently from systemd: other specifiers, ExecStart prefixes, a $ in any other form.
        function Get-ExecStart([string] $Unit, [System.Collections.IDictionary] $Environment) {
            $lines = @(Read-UnitSetting $Unit 'Service' 'ExecStart')
            $lines.Count | Should -Be 1 -Because "$Unit must have one ExecStart"
            $words = @(Split-UnitWords $lines[0])
            if ($words[0] -match '^[-@:+!]') { throw "ExecStart prefix '$($words[0])' is not supported here" }
            @(foreach ($word in $words) {
                    if ($word -match '%[^%]') { throw "a specifier in '$word' is not supported here" }
                    $word = $word.Replace('%%', '%')
                    if ($word -match '^\$(\w+)$') { -split "$($Environment[$Matches[1]])"; continue }
                    $word = [regex]::Replace($word, '\$\{(\w+)\}', { param($m) "$($Environment[$m.Groups[1].Value])" })
                    if ($word.Replace('$$', '') -match '\$') { throw "a `$ in '$word' is not supported here" }
                    $word.Replace('$$', '$')
                })
        }

        # A path as the image would resolve it: inside the throwaway root, following symbolic links there (an
        # absolute link target is inside the image too). $null when it does not exist in the image.
        function Resolve-InRoot([string] $Path) {
            for ($hop = 0; $hop -lt 40; $hop++) {
                $full = $root + $Path
                $target = [System.IO.FileInfo]::new($full).LinkTarget
                if (-not $target) { return $(if (Test-Path -LiteralPath $full) { $full } else { $null }) }
                $Path = if ($target.StartsWith('/')) { $target } else { [System.IO.Path]::GetFullPath($target, [System.IO.Path]::GetDirectoryName($Path)) }
            }
            throw "too many links from $Path"
        }

        # The one adaptation of the unit's command line: every absolute path in it that exists in the image is
        # replaced by where it is in the throwaway root. That moves /usr/bin/pwsh (the stand-in, which starts this
        # machine's pwsh) and the module's manifest under /usr/local/share/powershell/Modules, and nothing else.
        function Convert-ToThrowawayRoot([string[]] $Words, [System.Collections.Generic.List[string]] $Moved) {
            @(foreach ($word in $Words) {
                    [regex]::Replace($word, '(?<![\w.~-])/[\w.+@/-]+', {
                            param($m)
                            $resolved = Resolve-InRoot $m.Value
                            if ($resolved) { $Moved.Add($m.Value); $resolved } else { $m.Value }
                        })
                })
        }

        function Get-Sysctl([string] $Path) {
            (Invoke-NetNsNative -Namespace $ns.Nat -FilePath cat -ArgumentList "/proc/sys/$Path").StdOut.Trim()
        }

        # The private subnet's route table as EC2 (moto) itself reports it, read with curl: no SDK of HaNat's, and no
        # python start. moto takes the service from the Authorization header's scope and does not check signatures.
        function Get-PrivateRouteTable {
            $query = "Action=DescribeRouteTables&Version=2016-11-15&Filter.1.Name=association.subnet-id&Filter.1.Value.1=$($vpc.privateSubnetId)"
            $reply = Invoke-NetNsNative -Namespace $ns.Nat -FilePath curl -ArgumentList '-sSf', '-X', 'POST', "$moto/", '--data', $query,
                '-H', 'Authorization: AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0'
            # (SelectNodes, not dot notation: on an XmlElement, .item is the indexer, not the <item> children.)
            $text = { param($node, $name) $child = $node[$name]; if ($child) { $child.InnerText } }
            foreach ($table in ([xml]$reply.StdOut).SelectNodes("/*/*[local-name()='routeTableSet']/*")) {
                [pscustomobject]@{
                    RouteTableId = & $text $table 'routeTableId'
                    Routes       = @(foreach ($route in $table['routeSet'].ChildNodes) {
                            [pscustomobject]@{ Destination = & $text $route 'destinationCidrBlock'; InstanceId = & $text $route 'instanceId' }
                        })
                }
            }
        }

        function Invoke-PrivateFetch {
            Invoke-NetNsNative -Namespace $ns.Priv -FilePath curl -ArgumentList '-sS', '--max-time', '3', "$server/hello.txt" -AllowFailure
        }

        try {
            if (-not (Test-Path -LiteralPath "$builtModule/HaNat.psd1")) { throw "$builtModule is missing: run ./build.sh first" }
            Assert-NetNsTool 'python3', 'curl', 'moto_server', 'setsid', 'timeout', 'sysctl', 'tar', 'sha256sum', 'env' -Who 'the boot path test'
            $null = New-Item -ItemType Directory -Force -Path "$work/www", "$work/tarball", $root
            Set-Content -NoNewline -LiteralPath "$work/www/hello.txt" -Value $token

            # The stand-in PowerShell tarball: its pwsh starts this machine's pwsh (the real tarball is downloaded
            # by the packages step, which needs the network). The test pins its SHA-256, as a build may.
            $pwsh = Get-NetNsPwshCommand
            $quoted = @($pwsh.FilePath) + $pwsh.ArgumentList | ForEach-Object { "'" + $_.Replace("'", "'\''") + "'" }
            Set-Content -LiteralPath "$work/tarball/pwsh" -Value "#!/bin/sh`nexec $($quoted -join ' ') `"`$@`"`n"
            $null = Invoke-NetNsNative -FilePath chmod -ArgumentList '0755', "$work/tarball/pwsh"
            $tarball = "$work/powershell-standin.tar.gz"
            $null = Invoke-NetNsNative -FilePath tar -ArgumentList '-czf', $tarball, '-C', "$work/tarball", '.'
            $tarballSum = ((Invoke-NetNsNative -FilePath sha256sum -ArgumentList $tarball).StdOut -split '\s+')[0]

            # What a build instance has before cleanup: host keys, the build's key, history, cloud-init's state,
            # a journal and a machine id. sshd_config and /etc/shells must stay.
            foreach ($file in 'etc/ssh/ssh_host_ed25519_key', 'etc/ssh/ssh_host_ed25519_key.pub', 'etc/ssh/sshd_config',
                'home/ec2-user/.ssh/authorized_keys', 'root/.bash_history', 'var/lib/cloud/instances/i-0build/obj.pkl',
                'var/log/journal/0123abcd/system.journal', 'var/log/cloud-init.log', 'etc/machine-id', 'etc/shells') {
                $null = New-Item -ItemType File -Force -Path (Join-Path $root $file) -Value "$file`n"
            }
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'var/lib/cloud/instance') -Target '/var/lib/cloud/instances/i-0build'

            # The build's step list, into the throwaway root.
            $provisioned = Invoke-Provision

            # The network; moto with the VPC, and the IMDS stand-in of the instance moto made.
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
            $vpc = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath python3 -ArgumentList $vpcTool, 'nat', '--endpoint', $moto, '--zone', $zone,
                '--cidr', $vpcCidr, '--public-subnet', '10.99.0.0/24', '--private-subnet', '10.99.1.0/24').StdOut | ConvertFrom-Json
            $null = Start-NetNsImds $fixture -Namespace $ns.Nat -Port $imdsPort -InstanceId $vpc.instanceId -Zone $zone -Mac $wanMac `
                -VpcId $vpc.vpcId -VpcCidr $vpcCidr -NetworkInterfaceId $vpc.networkInterfaceId
        } catch {
            $null = Remove-NetNsFixture $fixture
            throw
        }
    }

    AfterAll {
        $null = Remove-NetNsFixture $fixture
    }

    Context 'provision.sh into a throwaway root' {
        It 'runs the build''s steps, skipping those that need the network or dnf' {
            $provisioned.ExitCode | Should -Be 0 -Because "$($provisioned.StdErr)$($provisioned.StdOut)"
            $provisioned.StdOut | Should -Match 'into .*: packages pwsh files verify cleanup'
            $provisioned.StdOut | Should -Match 'packages: skipped'
            $provisioned.StdOut | Should -Match 'verify: skipped'
            $provisioned.StdOut | Should -Not -Match 'pwsh: skipped'
        }

        It 'installs the built module where the units import it, file for file' {
            $installed = Join-Path $root $moduleTarget
            Test-Path -LiteralPath "$installed/HaNat.psd1" | Should -BeTrue
            (Import-PowerShellDataFile "$installed/HaNat.psd1").ModuleVersion | Should -Be (Import-PowerShellDataFile "$builtModule/HaNat.psd1").ModuleVersion
            $expected = @(Get-ChildItem -LiteralPath $builtModule -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($builtModule, $_.FullName) } | Sort-Object)
            $actual = @(Get-ChildItem -LiteralPath $installed -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($installed, $_.FullName) } | Sort-Object)
            $actual | Should -Be $expected
            (Get-FileHash "$installed/HaNat.dll").Hash | Should -Be (Get-FileHash "$builtModule/HaNat.dll").Hash
        }

        It 'installs hanat-monitor where its unit starts it, file for file, the executable 0755' {
            $installed = Join-Path $root 'opt/hanat/monitor'
            $expected = @(Get-ChildItem -LiteralPath $builtMonitor -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($builtMonitor, $_.FullName) } | Sort-Object)
            $actual = @(Get-ChildItem -LiteralPath $installed -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($installed, $_.FullName) } | Sort-Object)
            $actual | Should -Be $expected
            (Get-Item -LiteralPath "$installed/hanat-monitor").UnixMode | Should -Be '-rwxr-xr-x'
            (Get-FileHash "$installed/hanat-monitor").Hash | Should -Be (Get-FileHash "$builtMonitor/hanat-monitor").Hash
            # A ReadyToRun build (publish.sh's fallback) has its runtime and assemblies beside it: data, not programs.
            Get-ChildItem -LiteralPath $installed -Recurse -File | Where-Object Name -NE 'hanat-monitor' | ForEach-Object { $_.UnixMode | Should -Be '-rw-r--r--' }
            Read-UnitSetting 'hanat-monitor.service' 'Service' 'ExecStart' | Should -BeExactly '/opt/hanat/monitor/hanat-monitor'
        }

        It 'installs the units unchanged, and their drop-ins, the sysctl drop-in and the preset' {
            foreach ($unit in 'hanat-takeover.service', 'hanat-monitor.service') {
                (Get-FileHash (Join-Path $root "$unitDir/$unit")).Hash | Should -Be (Get-FileHash (Join-Path $repo "packer/systemd/$unit")).Hash
                Test-Path -LiteralPath (Join-Path $root "$unitDir/$unit.d/10-pwsh-environment.conf") | Should -BeTrue
            }
            Get-Content -LiteralPath (Join-Path $root 'etc/sysctl.d/90-hanat.conf') | Should -Contain 'net.ipv4.ip_forward = 1'
            Get-Content -LiteralPath (Join-Path $root 'etc/systemd/system-preset/80-hanat.preset') | Should -Contain 'enable hanat-takeover.service'
        }

        It 'enables both units in multi-user.target, with the links systemctl would make' {
            foreach ($unit in 'hanat-takeover.service', 'hanat-monitor.service') {
                $link = Join-Path $root "$unitDir/multi-user.target.wants/$unit"
                [IO.FileInfo]::new($link).LinkTarget | Should -Be "$unitDir/$unit"
            }
            $systemctl = Find-NetNsTool systemctl
            if ($systemctl) {
                $enabled = Invoke-NetNsNative -FilePath $systemctl -ArgumentList "--root=$root", 'is-enabled', 'hanat-takeover.service', 'hanat-monitor.service' -AllowFailure
                $enabled.StdOut -split "`n" | Where-Object { $_ } | Should -Be @('enabled', 'enabled') -Because $enabled.StdErr
            }
        }

        It 'unpacks PowerShell and links /usr/bin/pwsh to it, and lists it in /etc/shells' {
            [IO.FileInfo]::new((Join-Path $root 'usr/bin/pwsh')).LinkTarget | Should -Be '/opt/microsoft/powershell/7/pwsh'
            $unpacked = Join-Path $root 'opt/microsoft/powershell/7/pwsh'
            (Get-Item -LiteralPath $unpacked).UnixMode | Should -Be '-rwxr-xr-x'
            Get-Content -LiteralPath (Join-Path $root 'etc/shells') | Should -Contain '/usr/bin/pwsh'
        }

        It 'leaves no host keys, authorized keys, history, cloud-init state, logs or machine id, and keeps the rest' {
            foreach ($gone in 'etc/ssh/ssh_host_ed25519_key', 'etc/ssh/ssh_host_ed25519_key.pub', 'home/ec2-user/.ssh/authorized_keys',
                'root/.bash_history', 'var/lib/cloud/instances', 'var/lib/cloud/instance', 'var/log/journal/0123abcd', 'var/log/cloud-init.log') {
                Test-Path -LiteralPath (Join-Path $root $gone) | Should -BeFalse -Because "$gone must not be in the image"
                [IO.FileInfo]::new((Join-Path $root $gone)).LinkTarget | Should -BeNullOrEmpty
            }
            (Get-Item -LiteralPath (Join-Path $root 'etc/machine-id')).Length | Should -Be 0
            Test-Path -LiteralPath (Join-Path $root 'etc/ssh/sshd_config') | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $root 'home/ec2-user/.ssh') | Should -BeTrue
        }

        It 'owns every installed file as root, files 0644 and directories 0755' {
            foreach ($path in (Join-Path $root $moduleTarget), (Join-Path $root 'etc/systemd'), (Join-Path $root 'etc/sysctl.d')) {
                $items = @(Get-Item -LiteralPath $path) + @(Get-ChildItem -LiteralPath $path -Recurse)
                foreach ($item in $items | Where-Object { -not $_.LinkTarget }) {
                    $item.User | Should -Be 'root' -Because $item.FullName
                    $item.UnixMode | Should -Be $(if ($item.PSIsContainer) { 'drwxr-xr-x' } else { '-rw-r--r--' }) -Because $item.FullName
                }
            }
        }

        It 'refuses a PowerShell tarball whose SHA-256 is not the pinned one, and runs again to the same result' {
            $refused = Invoke-Provision @('pwsh') @{ HANAT_PWSH_SHA256 = '0' * 64 }
            $refused.ExitCode | Should -Not -Be 0
            $refused.StdErr | Should -Match 'expected 0{64}'
            $again = Invoke-Provision @('pwsh', 'files')
            $again.ExitCode | Should -Be 0 -Because $again.StdErr
            @(Get-ChildItem -LiteralPath (Join-Path $root "$unitDir/multi-user.target.wants")).Name | Should -Be @('hanat-monitor.service', 'hanat-takeover.service')
            @(Get-Content -LiteralPath (Join-Path $root 'etc/shells') | Where-Object { $_ -eq '/usr/bin/pwsh' }).Count | Should -Be 1
        }
    }

    Context 'the boot: systemd-sysctl, then hanat-takeover.service' {
        BeforeAll {
            $forwardingBefore = Get-Sysctl 'net/ipv4/ip_forward'
            # systemd-sysctl, early in the boot: the installed drop-in, applied in the NAT's namespace, whose lan0 and
            # wan0 exist already (as eth0 does at boot). systemd-sysctl itself where the machine has it: it reads the
            # drop-in's net.ipv4.conf.* glob as the boot does (procps-ng 4's sysctl -p does too, 3.3's does not).
            $systemdSysctl = @('/usr/lib/systemd/systemd-sysctl', '/lib/systemd/systemd-sysctl') | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
            $sysctl = if ($systemdSysctl) {
                Invoke-NetNsNative -Namespace $ns.Nat -FilePath $systemdSysctl -ArgumentList (Join-Path $root 'etc/sysctl.d/90-hanat.conf') -AllowFailure
            } else {
                Invoke-NetNsNative -Namespace $ns.Nat -FilePath sysctl -ArgumentList '-p', (Join-Path $root 'etc/sysctl.d/90-hanat.conf') -AllowFailure
            }
            $redirectsAfterSysctl = @{}
            foreach ($scope in 'all', 'default', 'lan0', 'wan0') { $redirectsAfterSysctl[$scope] = Get-Sysctl "net/ipv4/conf/$scope/send_redirects" }
            $forwardingAfterSysctl = Get-Sysctl 'net/ipv4/ip_forward'
            $fetchBeforeTakeover = Invoke-PrivateFetch
            $tablesBefore = @(Get-PrivateRouteTable)

            # The service's environment as systemd makes it: nothing inherited, the manager's PATH, then the
            # unit's Environment=. The two stand-ins for EC2 are the only additions, and PSModulePath starts with the
            # image's module directory, as pwsh's default on the image does.
            $unitEnvironment = Get-UnitEnvironment 'hanat-takeover.service'
            $serviceEnvironment = [ordered]@{ PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin' }
            foreach ($key in $unitEnvironment.Keys) { $serviceEnvironment[$key] = $unitEnvironment[$key] }
            $serviceEnvironment['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = "http://127.0.0.1:$imdsPort"
            $serviceEnvironment['AWS_ENDPOINT_URL'] = $moto
            $serviceEnvironment['PSModulePath'] = Join-Path $root 'usr/local/share/powershell/Modules'

            $execStart = Get-ExecStart 'hanat-takeover.service' $unitEnvironment
            $moved = [System.Collections.Generic.List[string]]::new()
            $command = Convert-ToThrowawayRoot $execStart $moved
            $started = [DateTime]::UtcNow
            $boot = Invoke-NetNsNative -Namespace $ns.Nat -FilePath (Find-NetNsTool env) -AllowFailure -TimeoutSeconds 300 `
                -ArgumentList (@('-i') + @($serviceEnvironment.Keys | ForEach-Object { "$_=$($serviceEnvironment[$_])" }) + $command)
            $bootSeconds = ([DateTime]::UtcNow - $started).TotalSeconds
            Set-Content -LiteralPath (Join-Path $work 'hanat-takeover.journal') -Value "$($boot.StdOut)$($boot.StdErr)"
        }

        It 'ran the unit''s own ExecStart, with only the image''s paths moved into the throwaway root' {
            $execStart[0] | Should -Be '/usr/bin/pwsh'
            $execStart -join ' ' | Should -Match "Import-Module $([regex]::Escape("$moduleTarget/HaNat.psd1")); Invoke-HaNatTakeover"
            @($moved | Sort-Object -Unique) | Should -Be @('/usr/bin/pwsh', "$moduleTarget/HaNat.psd1")
            $command[0] | Should -Be (Join-Path $root 'opt/microsoft/powershell/7/pwsh')
            $unitEnvironment['POWERSHELL_TELEMETRY_OPTOUT'] | Should -Be '1' -Because 'the drop-in''s Environment= must reach the service'
        }

        It 'had forwarding on from the sysctl drop-in, and no NAT and no route yet' {
            $sysctl.ExitCode | Should -Be 0 -Because $sysctl.StdErr
            $forwardingBefore | Should -Be '0'
            $forwardingAfterSysctl | Should -Be '1'
            # On the interfaces there before the drop-in too: a redirect goes out when all's or the interface's says so.
            foreach ($scope in 'all', 'default', 'lan0', 'wan0') { $redirectsAfterSysctl[$scope] | Should -Be '0' -Because "$scope must send no redirects" }
            $fetchBeforeTakeover.ExitCode | Should -Not -Be 0 -Because 'without masquerade the internet server cannot answer the private host'
            $tablesBefore.Count | Should -Be 1
            $tablesBefore[0].Routes.Destination | Should -Contain $vpcCidr -Because 'the table must be read right for the next line to mean anything'
            $tablesBefore[0].Routes.Destination | Should -Not -Contain '0.0.0.0/0' -Because 'the private subnet has no default route before the takeover'
        }

        It 'exits 0 and says what it did, as it would to the journal' {
            $boot.ExitCode | Should -Be 0 -Because "$($boot.StdErr)$($boot.StdOut)"
            $boot.StdErr | Should -BeNullOrEmpty
            $boot.StdOut | Should -Match 'VERBOSE: Host set up on wan0 \(198\.51\.100\.2/24\)'
            $boot.StdOut | Should -Match ([regex]::Escape($vpc.privateSubnetId))
            Write-Host "BootPath.Netns.Tests: hanat-takeover's ExecStart ran in $([math]::Round($bootSeconds, 1)) s"
        }

        It 'keeps forwarding on and adds the masquerade rule for the VPC out of the uplink' {
            Get-Sysctl 'net/ipv4/ip_forward' | Should -Be '1'
            $rules = (Invoke-NetNsNative -Namespace $ns.Nat -FilePath iptables -ArgumentList '-w', '5', '-t', 'nat', '-S', 'POSTROUTING').StdOut -split "`n"
            @($rules | Where-Object { $_ -match "-s $([regex]::Escape($vpcCidr)) -o wan0 .*--comment hanat.* -j MASQUERADE" }).Count | Should -Be 1 -Because ($rules -join "`n")
        }

        It 'points the private subnet''s default route at this instance in EC2' {
            $tables = @(Get-PrivateRouteTable)
            $tables.Count | Should -Be 1
            $tables[0].RouteTableId | Should -Be $vpc.routeTableId
            $default = @($tables[0].Routes | Where-Object Destination -EQ '0.0.0.0/0')
            $default.Count | Should -Be 1
            $default[0].InstanceId | Should -Be $vpc.instanceId
        }

        It 'is what Test-HaNatRouting calls Healthy' {
            $pwsh = Get-NetNsPwshCommand
            $parameters = @{ VpcId = $vpc.vpcId; EndpointUrl = $moto; Region = 'us-east-1' } | ConvertTo-Json -Compress
            $run = Invoke-NetNsNative -Namespace $ns.Nat -FilePath $pwsh.FilePath -AllowFailure -ArgumentList ($pwsh.ArgumentList + @(
                    '-NoProfile', '-NonInteractive', '-File', $runner, '-ModulePath', (Join-Path $root "$moduleTarget/HaNat.psd1"),
                    '-Command', 'Test-HaNatRouting', '-ParametersJson', $parameters)) `
                -Environment @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null
                AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:1'; AWS_ENDPOINT_URL = $null }
            $audit = try { $run.StdOut | ConvertFrom-Json } catch { throw "Test-HaNatRouting printed no JSON (exit $($run.ExitCode)): $($run.StdErr) $($run.StdOut)" }
            $audit.Errors | Should -BeNullOrEmpty
            $private = @($audit.Output | Where-Object SubnetId -EQ $vpc.privateSubnetId)
            $private.Count | Should -Be 1
            $private[0].Status | Should -Be 'Healthy'
            $private[0].Target | Should -Be $vpc.instanceId
        }

        It 'carries the private host''s request to the internet server, seen there as the NAT''s address' {
            $seen = @(Get-Content -LiteralPath $web.StdErr).Count
            $fetch = Invoke-PrivateFetch
            $fetch.ExitCode | Should -Be 0 -Because $fetch.StdErr
            $fetch.StdOut | Should -Be $token
            $new = @(Get-Content -LiteralPath $web.StdErr | Select-Object -Skip $seen)
            $new.Count | Should -Be 1
            $new[0] | Should -Match '^198\.51\.100\.2 .*"GET /hello\.txt'
        }
    }
}
