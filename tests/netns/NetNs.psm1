# Helpers for tests that build a small network out of Linux network namespaces: namespaces, veth pairs,
# commands and background processes inside a namespace, and waits. Every name a test creates carries a random
# suffix, so runs on one machine never collide, and everything a test starts lives inside its own namespaces,
# so tearing a namespace down also finds every process left in it. Addresses are only ever those the test puts on
# its own veths.
Set-StrictMode -Version Latest

function Get-NetNsSkipReason {
    <# Why namespace tests cannot run here, or $null when they can. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string[]] $Tool = @('ip', 'iptables'))
    if (-not $IsLinux) { return 'network namespaces need Linux' }
    $uid = (& id -u 2>$null)
    if ("$uid".Trim() -ne '0') { return 'network namespaces need root (run as root, e.g. in CI)' }
    foreach ($name in $Tool) {
        if (-not (Find-NetNsTool $name)) { return "$name is not installed (Debian: apt-get install iproute2 iptables)" }
    }
    return $null
}

function Find-NetNsTool {
    <# A program's path, looking in the sbin directories that a non-login PATH may lack. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Name)
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    foreach ($dir in '/usr/sbin', '/sbin', '/usr/bin', '/bin') {
        if (Test-Path -LiteralPath "$dir/$Name" -PathType Leaf) { return "$dir/$Name" }
    }
    return $null
}

function New-NetNsSuffix {
    <# A short random suffix for names (namespaces, files) that must not collide with another run's. #>
    [OutputType([string])]
    param([int] $Length = 6)
    -join ((1..$Length) | ForEach-Object { '0123456789abcdef'[(Get-Random -Maximum 16)] })
}

function Invoke-NetNsNative {
    <#
    Runs a program, optionally inside a namespace, and returns ExitCode, StdOut and StdErr. Throws on a non-zero
    exit unless -AllowFailure. -Environment sets variables for that one program only; a $null value removes one.
    #>
    [CmdletBinding()]
    param(
        [string] $Namespace,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 120,
        [switch] $AllowFailure
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new()
    if ($Namespace) {
        $start.FileName = Find-NetNsTool ip
        foreach ($a in @('netns', 'exec', $Namespace, $FilePath) + $ArgumentList) { $start.ArgumentList.Add($a) }
    } else {
        $start.FileName = $FilePath
        foreach ($a in $ArgumentList) { $start.ArgumentList.Add($a) }
    }
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { $null = $start.Environment.Remove($key) } else { $start.Environment[$key] = [string]$Environment[$key] }
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "timed out after $TimeoutSeconds s: $(@($FilePath) + $ArgumentList -join ' ')"
    }
    $process.WaitForExit()
    $result = [pscustomobject]@{
        ExitCode = $process.ExitCode
        StdOut   = $stdout.GetAwaiter().GetResult()
        StdErr   = $stderr.GetAwaiter().GetResult()
    }
    if ($result.ExitCode -ne 0 -and -not $AllowFailure) {
        $where = if ($Namespace) { " in $Namespace" } else { '' }
        throw "exit $($result.ExitCode)$where`: $(@($FilePath) + $ArgumentList -join ' ')`n$($result.StdErr)$($result.StdOut)"
    }
    $result
}

function New-NetNs {
    <# Creates a namespace with its loopback up and returns its name: Prefix-suffix unless -Name is given. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Name, [string] $Prefix = 'hnt')
    if (-not $Name) { $Name = "$Prefix-$(New-NetNsSuffix)" }
    $null = Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList 'netns', 'add', $Name
    $null = Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList '-n', $Name, 'link', 'set', 'lo', 'up'
    $Name
}

function Remove-NetNs {
    <#
    Ends every process still inside the namespace (TERM, then KILL), then deletes it. Safe to call for a namespace
    that is already gone. Only processes inside the named namespace are touched.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [string] $Name)
    process {
        $ip = Find-NetNsTool ip
        $listed = Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'list' -AllowFailure
        $present = $listed.StdOut -split "`n" | Where-Object { ($_ -split ' ')[0] -eq $Name }
        if (-not $present) { return }
        foreach ($signal in 'TERM', 'KILL') {
            $pids = @((Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'pids', $Name -AllowFailure).StdOut -split '\s+' | Where-Object { $_ -match '^\d+$' })
            if ($pids.Count -eq 0) { break }
            $null = Invoke-NetNsNative -FilePath kill -ArgumentList (@("-$signal") + $pids) -AllowFailure
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            while ([DateTime]::UtcNow -lt $deadline) {
                $left = @((Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'pids', $Name -AllowFailure).StdOut -split '\s+' | Where-Object { $_ -match '^\d+$' })
                if ($left.Count -eq 0) { break }
                Start-Sleep -Milliseconds 100
            }
        }
        $null = Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'delete', $Name -AllowFailure
    }
}

function Add-NetNsVethPair {
    <#
    Creates a veth pair straight into two namespaces (no name ever exists in the root namespace), gives each end
    its address (CIDR form) when one is given, and brings both ends up.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Namespace,
        [Parameter(Mandatory)] [string] $Name,
        [string] $Address,
        [Parameter(Mandatory)] [string] $PeerNamespace,
        [Parameter(Mandatory)] [string] $PeerName,
        [string] $PeerAddress
    )
    $ip = Find-NetNsTool ip
    $null = Invoke-NetNsNative -FilePath $ip -ArgumentList 'link', 'add', 'name', $Name, 'netns', $Namespace, 'type', 'veth', 'peer', 'name', $PeerName, 'netns', $PeerNamespace
    foreach ($end in @(@($Namespace, $Name, $Address), @($PeerNamespace, $PeerName, $PeerAddress))) {
        if ($end[2]) { $null = Invoke-NetNsNative -FilePath $ip -ArgumentList '-n', $end[0], 'addr', 'add', $end[2], 'dev', $end[1] }
        $null = Invoke-NetNsNative -FilePath $ip -ArgumentList '-n', $end[0], 'link', 'set', $end[1], 'up'
    }
}

function Invoke-NetNsIp {
    <# `ip -n NS ARGS...`; returns stdout. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory, ValueFromRemainingArguments)] [string[]] $ArgumentList)
    (Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList (@('-n', $Namespace) + $ArgumentList)).StdOut
}

function Get-NetNsLink {
    <# What /sys/class/net says about an interface inside a namespace: Mac, OperState. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] [string] $Interface)
    $text = (Invoke-NetNsNative -Namespace $Namespace -FilePath cat -ArgumentList "/sys/class/net/$Interface/address", "/sys/class/net/$Interface/operstate").StdOut
    $lines = $text -split "`n"
    [pscustomobject]@{ Mac = $lines[0].Trim(); OperState = $lines[1].Trim() }
}

function Wait-NetNsCondition {
    <# Polls a script block until it returns $true; throws with -Because after the timeout. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 15,
        [int] $IntervalMilliseconds = 100,
        [string] $Because = 'condition'
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        if (& $Condition) { return }
        if ([DateTime]::UtcNow -ge $deadline) { throw "timed out after $TimeoutSeconds s waiting for $Because" }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

function Test-NetNsPort {
    <# Whether a TCP connect to Address:Port succeeds from inside the namespace (bash /dev/tcp, one second at most). #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] [string] $Address, [Parameter(Mandatory)] [int] $Port)
    $probe = "exec 3<>/dev/tcp/$Address/$Port"
    (Invoke-NetNsNative -Namespace $Namespace -FilePath timeout -ArgumentList '1', 'bash', '-c', $probe -AllowFailure).ExitCode -eq 0
}

function Wait-NetNsPort {
    <# Waits until something listens on Address:Port as seen from inside the namespace. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Namespace,
        [Parameter(Mandatory)] [string] $Address,
        [Parameter(Mandatory)] [int] $Port,
        [double] $TimeoutSeconds = 30,
        [object] $Process
    )
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because "$Address`:$Port in $Namespace" -Condition {
        if ($Process -and -not (Test-NetNsProcess $Process)) {
            throw "$($Process.Name) exited before listening on $Address`:$Port; its log: $(Get-Content -Raw -LiteralPath $Process.StdErr -ErrorAction SilentlyContinue)"
        }
        Test-NetNsPort -Namespace $Namespace -Address $Address -Port $Port
    }
}

function Start-NetNsProcess {
    <#
    Starts a program in the background inside a namespace, in a session of its own (setsid, so a signal to the
    test's terminal does not reach it and it can be ended as a group), with stdout and stderr to files under
    -LogDirectory. -Environment sets variables for that program; a $null value removes one. Returns Id, Name,
    Namespace, StdOut, StdErr.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Namespace,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [Parameter(Mandatory)] [string] $LogDirectory,
        [string] $WorkingDirectory = $LogDirectory
    )
    $null = New-Item -ItemType Directory -Force -Path $LogDirectory
    $stdout = Join-Path $LogDirectory "$Name.out"
    $stderr = Join-Path $LogDirectory "$Name.err"
    # A $null value removes the variable (env -u), as for Invoke-NetNsNative.
    $envArgs = @($Environment.Keys | Where-Object { $null -eq $Environment[$_] } | ForEach-Object { '-u', $_ }) +
        @($Environment.Keys | Where-Object { $null -ne $Environment[$_] } | ForEach-Object { "$_=$($Environment[$_])" })
    $arguments = @('ip', 'netns', 'exec', $Namespace, 'env') + $envArgs + @($FilePath) + $ArgumentList
    # setsid execs in place (the child of pwsh is no group leader), so the id is the program's own.
    $process = Start-Process -FilePath (Find-NetNsTool setsid) -ArgumentList $arguments -WorkingDirectory $WorkingDirectory `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr -PassThru
    [pscustomobject]@{
        Id = $process.Id; StartTime = (Get-NetNsProcessStartTime $process.Id); Name = $Name; Namespace = $Namespace
        StdOut = $stdout; StdErr = $stderr
    }
}

function Get-NetNsProcessStartTime {
    <#
    When the process of that id started (clock ticks since boot, /proc/ID/stat's 22nd field), or -1 when none runs.
    With it, a process is known by id and start time: pid_max is 32768 here, and a long suite spawns that many
    processes (every ip, iptables, curl), so an id alone soon names another process, which a leftover check would
    then report, and a teardown kill.
    #>
    [OutputType([long])]
    param([Parameter(Mandatory)] [int] $Id)
    $stat = Get-Content -Raw -LiteralPath "/proc/$Id/stat" -ErrorAction SilentlyContinue
    if (-not $stat) { return [long]-1 }
    # The command name (in parentheses) may hold spaces: count the fields after its closing parenthesis.
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2) -split ' '
    [long]$fields[19]
}

function Test-NetNsProcess {
    <# Whether a process from Start-NetNsProcess still runs. #>
    [OutputType([bool])]
    param([Parameter(Mandatory)] [object] $Process)
    $stat = Get-Content -Raw -LiteralPath "/proc/$($Process.Id)/stat" -ErrorAction SilentlyContinue
    if (-not $stat -or $stat -match '^\d+ \(.*\) Z') { return $false }
    # The same id with another start time is another process that got the id after this one ended.
    -not $Process.PSObject.Properties['StartTime'] -or $Process.StartTime -eq (Get-NetNsProcessStartTime $Process.Id)
}

function Stop-NetNsProcess {
    <# Ends a process from Start-NetNsProcess and its group: TERM, then KILL after -GraceSeconds. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object] $Process, [double] $GraceSeconds = 5)
    process {
        if (-not (Test-NetNsProcess $Process)) { return }
        $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-TERM', '--', "-$($Process.Id)" -AllowFailure
        try {
            Wait-NetNsCondition -TimeoutSeconds $GraceSeconds -Because "$($Process.Name) to end" -Condition { -not (Test-NetNsProcess $Process) }
        } catch {
            $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-KILL', '--', "-$($Process.Id)" -AllowFailure
            # SIGKILL is not instant either (the process must be scheduled to die, and reaped): wait for it, so that
            # a leftover check right after this sees the truth.
            try { Wait-NetNsCondition -TimeoutSeconds 5 -Because "$($Process.Name) to die" -Condition { -not (Test-NetNsProcess $Process) } } catch { }
        }
    }
}

function Get-NetNsPwshCommand {
    <#
    How to start this same PowerShell as a new process: the pwsh executable, or `dotnet pwsh.dll` when PowerShell
    runs as the dotnet local tool (which has no executable of its own). Returns FilePath and ArgumentList prefix.
    #>
    [OutputType([pscustomobject])]
    param()
    $self = (Get-Process -Id $PID).Path
    if ((Split-Path -Leaf $self) -like 'pwsh*') {
        return [pscustomobject]@{ FilePath = $self; ArgumentList = @() }
    }
    [pscustomobject]@{ FilePath = $self; ArgumentList = @(Join-Path $PSHOME 'pwsh.dll') }
}

# The fixture every namespace suite and the failover harness share: one object that knows the run's suffix, its
# work directory (logs), the namespaces and processes it made, and extra paths to delete; moto (started with
# scripts/moto.sh, the project's one launcher, inside a namespace) and the IMDS stand-in as tracked processes; and
# one teardown that removes all of it, also after a failed set-up.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function New-NetNsFixture {
    <#
    A fixture for one suite's network: Suffix (random), Work (the log directory, $TMPDIR/hnt-SUFFIX unless
    -WorkDirectory), and the lists Namespaces, Processes and Paths that Remove-NetNsFixture tears down.
    #>
    [CmdletBinding()]
    param([string] $WorkDirectory)
    $suffix = New-NetNsSuffix
    if (-not $WorkDirectory) { $WorkDirectory = Join-Path ([System.IO.Path]::GetTempPath()) "hnt-$suffix" }
    $null = New-Item -ItemType Directory -Force -Path $WorkDirectory
    [pscustomobject]@{
        Suffix     = $suffix
        Work       = $WorkDirectory
        Namespaces = [System.Collections.Generic.List[string]]::new()
        Processes  = [System.Collections.Generic.List[object]]::new()
        Paths      = [System.Collections.Generic.List[string]]::new()
    }
}

function Add-NetNsFixtureNamespace {
    <# Creates the namespace hnt-SUFFIX-NAME (or exactly -FullName) for the fixture, which deletes it on teardown. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fixture, [string] $Name, [string] $FullName)
    if (-not $FullName) { $FullName = "hnt-$($Fixture.Suffix)-$Name" }
    $Fixture.Namespaces.Add((New-NetNs -Name $FullName))
    $FullName
}

function Start-NetNsFixtureProcess {
    <# Start-NetNsProcess with its logs in the fixture's work directory; the fixture ends it on teardown. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Fixture,
        [Parameter(Mandatory)] [string] $Namespace,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{}
    )
    $process = Start-NetNsProcess -Namespace $Namespace -Name $Name -FilePath $FilePath -ArgumentList $ArgumentList `
        -Environment $Environment -LogDirectory $Fixture.Work
    $Fixture.Processes.Add($process)
    $process
}

function Start-NetNsMoto {
    <#
    Starts moto_server inside a namespace, on Address:Port, with scripts/moto.sh (the project's one moto launcher),
    its log (moto.log) and its request recording (moto-recording) in the fixture's work directory. Returns the
    tracked process (Id, Name, Namespace, StdOut, StdErr) with Url.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Fixture,
        [Parameter(Mandatory)] [string] $Namespace,
        [string] $Address = '127.0.0.1',
        [int] $Port = 5000,
        [int] $TimeoutSeconds = 60,
        # More environment for moto_server (e.g. PYTHONPATH for a harness's fill of a moto gap).
        [hashtable] $Environment = @{}
    )
    $log = Join-Path $Fixture.Work 'moto.log'
    $all = @{
        HANAT_MOTO_HOST = $Address; HANAT_MOTO_PORT = $Port; HANAT_MOTO_WAIT = $TimeoutSeconds; HANAT_MOTO_LOG = $log
        MOTO_RECORDER_FILEPATH = (Join-Path $Fixture.Work 'moto-recording')
    }
    foreach ($key in $Environment.Keys) { $all[$key] = $Environment[$key] }
    $started = Invoke-NetNsNative -Namespace $Namespace -FilePath bash -ArgumentList (Join-Path $script:RepoRoot 'scripts/moto.sh'), 'start' `
        -TimeoutSeconds ($TimeoutSeconds + 10) -Environment $all
    if ($started.StdOut -notmatch 'HANAT_MOTO_URL=(\S+) HANAT_MOTO_PID=(\d+)') { throw "scripts/moto.sh start printed no URL: $($started.StdOut)" }
    $process = [pscustomobject]@{
        Id = [int]$Matches[2]; StartTime = (Get-NetNsProcessStartTime ([int]$Matches[2])); Name = 'moto'; Namespace = $Namespace
        StdOut = $log; StdErr = $log; Url = $Matches[1]
    }
    $Fixture.Processes.Add($process)
    $process
}

function Start-NetNsImds {
    <#
    Starts the IMDSv2 stand-in (tests/tools/imds_standin.py) inside a namespace on 127.0.0.1:Port, naming the
    instance, its zone, the MAC of the interface IMDS describes, the VPC and its CIDRs, and waits until it answers.
    -OverridesPath: a JSON file of metadata path -> text laid over the tree, re-read when it changes.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Fixture,
        [Parameter(Mandatory)] [string] $Namespace,
        [string] $Name = 'imds',
        [int] $Port = 8169,
        [Parameter(Mandatory)] [string] $InstanceId,
        [Parameter(Mandatory)] [string] $Zone,
        [Parameter(Mandatory)] [string] $Mac,
        [Parameter(Mandatory)] [string] $VpcId,
        [Parameter(Mandatory)] [string[]] $VpcCidr,
        [string] $NetworkInterfaceId,
        [string] $OverridesPath
    )
    $arguments = @((Join-Path $script:RepoRoot 'tests/tools/imds_standin.py'), '--host', '127.0.0.1', '--port', $Port,
        '--instance-id', $InstanceId, '--zone', $Zone, '--mac', $Mac, '--vpc-id', $VpcId)
    if ($NetworkInterfaceId) { $arguments += @('--eni', $NetworkInterfaceId) }
    if ($OverridesPath) { $arguments += @('--overrides', $OverridesPath) }
    foreach ($cidr in $VpcCidr) { $arguments += @('--vpc-cidr', $cidr) }
    $imds = Start-NetNsFixtureProcess -Fixture $Fixture -Namespace $Namespace -Name $Name -FilePath python3 -ArgumentList $arguments
    Wait-NetNsPort -Namespace $Namespace -Address 127.0.0.1 -Port $Port -Process $imds
    $imds
}

function Assert-NetNsTool {
    <# Throws, naming the first one missing, unless every program is installed. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string[]] $Tool, [string] $Who = 'the namespace tests')
    foreach ($name in $Tool) {
        if (-not (Find-NetNsTool $name)) { throw "$name is missing: $Who need(s) it (see scripts/bootstrap.sh)" }
    }
}

function Get-NetNsFixtureLeftover {
    <# What of the fixture still exists: namespaces named for its suffix, and processes it started that still run. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fixture)
    $listed = (Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList 'netns', 'list' -AllowFailure).StdOut -split "`n"
    foreach ($line in $listed) {
        $name = ($line -split ' ')[0]
        if ($name -like "hnt-$($Fixture.Suffix)-*") { "namespace $name" }
    }
    foreach ($process in $Fixture.Processes) {
        if (Test-NetNsProcess $process) { "process $($process.Name) ($($process.Id))" }
    }
}

function Remove-NetNsFixture {
    <#
    Tears the fixture down: every process it started (TERM, then KILL), every namespace (which also ends any
    process left inside), every extra path, and the work directory unless -KeepLogs, HANAT_NETNS_KEEP_LOGS, or
    something was left behind. Returns what was left behind (Get-NetNsFixtureLeftover): nothing when complete.
    Safe to call twice, and on a fixture whose set-up failed half-way.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [AllowNull()] [object] $Fixture, [double] $GraceSeconds = 5, [switch] $KeepLogs)
    if (-not $Fixture) { return }
    foreach ($process in $Fixture.Processes) { Stop-NetNsProcess $process -GraceSeconds $GraceSeconds }
    foreach ($name in @($Fixture.Namespaces)) { Remove-NetNs $name }
    foreach ($path in @($Fixture.Paths)) { Remove-Item -Recurse -Force -LiteralPath $path -ErrorAction SilentlyContinue }
    $left = @(Get-NetNsFixtureLeftover $Fixture)
    if (-not $KeepLogs -and -not $env:HANAT_NETNS_KEEP_LOGS -and $left.Count -eq 0) {
        Remove-Item -Recurse -Force -LiteralPath $Fixture.Work -ErrorAction SilentlyContinue
    }
    $left
}

Export-ModuleMember -Function Get-NetNsSkipReason, Find-NetNsTool, New-NetNsSuffix, Invoke-NetNsNative, New-NetNs, Remove-NetNs,
    Add-NetNsVethPair, Invoke-NetNsIp, Get-NetNsLink, Wait-NetNsCondition, Test-NetNsPort, Wait-NetNsPort, Start-NetNsProcess,
    Get-NetNsProcessStartTime, Test-NetNsProcess, Stop-NetNsProcess, Get-NetNsPwshCommand, New-NetNsFixture, Add-NetNsFixtureNamespace, Start-NetNsFixtureProcess,
    Start-NetNsMoto, Start-NetNsImds, Assert-NetNsTool, Get-NetNsFixtureLeftover, Remove-NetNsFixture
