#Requires -Version 7.4
<#
.SYNOPSIS
    bench/footprint: what the monitor costs a NAT: CPU, resident memory and threads of each monitor process in the
    namespace harness. See bench/footprint/README.md; bench/footprint/run.sh builds and runs this.

.DESCRIPTION
    One harness (tests/netns/Failover.psm1: three zones, moto, the real module, every monitor at its default
    settings) with no fault. Once every monitor hears every peer and -WarmupSeconds more have passed, each
    monitor process and a baseline (an idle pwsh with HaNat imported, doing nothing) are sampled once a second for
    -SampleSeconds:
        cpu_pct   user + system time over the window, as % of one core, the process's own plus that of the
                  children it waited for (iptables-save, ping: what the monitor makes the NAT do)
        self_pct  the process's own user + system time only
        rss_mb    VmRSS, the peak over the window (MiB)
        pss_mb    Pss from /proc/PID/smaps_rollup (shared pages split between their users), the peak
        threads   the peak thread count
    It prints one row per process and last:
        footprint cpu_pct=X rss_mb=Y threads=T
    each the worst monitor's (the baseline is not counted). Goals: X <= 1.0, Y <= 64. It asserts nothing about
    them; it exits 1 when the harness failed or a monitor exited.

    -MonitorHost exe runs the monitors as the hanat-monitor unit does (the hanat-monitor executable); pwsh runs
    `pwsh -Command "Import-Module HaNat; Start-HaNatMonitor"` in each, as the unit did before.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 3600)] [int] $SampleSeconds = 60,
    [ValidateRange(0, 3600)] [int] $WarmupSeconds = 20,
    [ValidateSet('exe', 'pwsh')] [string] $MonitorHost = 'exe',
    # Another build of the executable (a directory with hanat-monitor, e.g. publish.sh's ReadyToRun fallback)
    # instead of out/hanat-monitor.
    [string] $MonitorDirectory,
    [hashtable] $MonitorParameters = @{}
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/NetNs.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../../tests/netns/Failover.psm1') -Force

$script:Tick = [double](& getconf CLK_TCK)
$script:PageMiB = 1 / 1024  # /proc reports kB

function Get-ProcStat([int] $ProcessId) {
    # utime stime cutime cstime (fields 14-17 of /proc/PID/stat, counted after the command name) and the start time.
    $text = [IO.File]::ReadAllText("/proc/$ProcessId/stat")
    $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
    [pscustomobject]@{
        Self     = [double]$fields[11] + [double]$fields[12]
        Children = [double]$fields[13] + [double]$fields[14]
        Start    = [double]$fields[19]
    }
}

function Get-ProcMemory([int] $ProcessId) {
    $rss = 0; $threads = 0; $pss = $null
    foreach ($line in [IO.File]::ReadAllLines("/proc/$ProcessId/status")) {
        if ($line -match '^VmRSS:\s+(\d+)') { $rss = [double]$Matches[1] }
        elseif ($line -match '^Threads:\s+(\d+)') { $threads = [int]$Matches[1] }
    }
    if (Test-Path -LiteralPath "/proc/$ProcessId/smaps_rollup") {
        foreach ($line in [IO.File]::ReadAllLines("/proc/$ProcessId/smaps_rollup")) {
            if ($line -match '^Pss:\s+(\d+)') { $pss = [double]$Matches[1] }
        }
    }
    [pscustomobject]@{ RssKiB = $rss; PssKiB = $pss; Threads = $threads }
}

function Get-MonitorProcessId([object] $Zone) {
    # The harness starts stamp.py (which timestamps the lines) with the monitor as its child: the oldest child is
    # the monitor; younger ones come and go (iptables-save, ping).
    $children = foreach ($dir in [IO.Directory]::GetDirectories('/proc')) {
        $name = Split-Path -Leaf $dir
        if ($name -notmatch '^\d+$') { continue }
        try { $text = [IO.File]::ReadAllText("$dir/stat") } catch { continue }
        $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
        if ([int]$fields[1] -eq $Zone.Monitor.Id) { [pscustomobject]@{ Id = [int]$name; Start = [double]$fields[19] } }
    }
    $first = $children | Sort-Object Start | Select-Object -First 1
    if (-not $first) { throw "no monitor process under $($Zone.Monitor.Id) in $($Zone.Name)" }
    $first.Id
}

function Get-CommandLine([int] $ProcessId) {
    $raw = [IO.File]::ReadAllText("/proc/$ProcessId/cmdline") -split "`0" | Where-Object { $_ }
    $line = ($raw | Select-Object -First 4) -join ' '
    if ($line.Length -gt 60) { $line = $line.Substring(0, 57) + '...' }
    $line
}

$skip = Get-FailoverSkipReason
if ($skip) { Write-Host "bench/footprint: cannot run: $skip"; exit 2 }

$fabricParameters = @{ MonitorParameters = $MonitorParameters }
$harnessHosts = (Get-Command New-FailoverFabric).Parameters.ContainsKey('PwshMonitor')
if ($harnessHosts) { $fabricParameters.PwshMonitor = [switch]($MonitorHost -eq 'pwsh') }
elseif ($MonitorHost -ne 'pwsh') { Write-Host 'bench/footprint: this harness runs only the pwsh monitor: pass -MonitorHost pwsh'; exit 2 }

if ($MonitorDirectory) {
    # The harness runs the hanat-monitor beside the module: a directory with both, the module linked from out/.
    $MonitorDirectory = (Resolve-Path -LiteralPath $MonitorDirectory).Path
    if (-not (Test-Path -LiteralPath (Join-Path $MonitorDirectory 'hanat-monitor'))) { Write-Host "bench/footprint: no hanat-monitor in $MonitorDirectory"; exit 2 }
    $linked = Join-Path ([IO.Path]::GetTempPath()) "hanat-footprint-$PID"
    $null = New-Item -ItemType Directory -Path $linked
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $linked 'HaNat') -Target (Resolve-Path (Join-Path $PSScriptRoot '../../out/HaNat')).Path
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $linked 'hanat-monitor') -Target $MonitorDirectory
    $fabricParameters.ModulePath = Join-Path $linked 'HaNat/HaNat.psd1'
}

$fabric = $null
$baseline = $null
$failed = $false
$rows = [System.Collections.Generic.List[object]]::new()
try {
    $started = Get-Date
    $fabric = New-FailoverFabric @fabricParameters
    Write-Host "bench/footprint: fabric up in $([int]((Get-Date) - $started).TotalSeconds) s; logs in $($fabric.Work)"
    Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60

    # The baseline: an idle pwsh with HaNat imported, as a NAT's pwsh sits after the boot takeover's import.
    $pwsh = Get-NetNsPwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
    foreach ($a in $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$($fabric.ModulePath)'; [Console]::Out.WriteLine('imported'); Start-Sleep -Seconds 86400")) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $baseline = [System.Diagnostics.Process]::Start($start)
    $null = $baseline.StandardOutput.ReadLine()

    Write-Host "bench/footprint: monitors ($MonitorHost) steady; warming up $WarmupSeconds s, then sampling $SampleSeconds s"
    Start-Sleep -Seconds $WarmupSeconds
    $targets = @(foreach ($zone in $fabric.Zones) {
            $id = Get-MonitorProcessId $zone
            [pscustomobject]@{ Name = "monitor-$($zone.Letter)"; Id = $id; Monitor = $true; Command = Get-CommandLine $id }
        }) + @([pscustomobject]@{ Name = 'baseline'; Id = $baseline.Id; Monitor = $false; Command = 'pwsh (HaNat imported, idle)' })
    foreach ($t in $targets) {
        $t | Add-Member -NotePropertyMembers @{ First = (Get-ProcStat $t.Id); Rss = 0.0; Pss = $null; Threads = 0 }
    }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ($clock.Elapsed.TotalSeconds -lt $SampleSeconds) {
        foreach ($t in $targets) {
            if (-not (Test-Path -LiteralPath "/proc/$($t.Id)")) { throw "$($t.Name) (pid $($t.Id)) exited while sampled" }
            $m = Get-ProcMemory $t.Id
            $t.Rss = [math]::Max($t.Rss, $m.RssKiB * $script:PageMiB)
            if ($null -ne $m.PssKiB) { $t.Pss = [math]::Max([double]$t.Pss, $m.PssKiB * $script:PageMiB) }
            $t.Threads = [math]::Max($t.Threads, $m.Threads)
        }
        Start-Sleep -Milliseconds 1000
    }
    $elapsed = $clock.Elapsed.TotalSeconds
    foreach ($t in $targets) {
        $last = Get-ProcStat $t.Id
        $self = ($last.Self - $t.First.Self) / $script:Tick
        $children = ($last.Children - $t.First.Children) / $script:Tick
        $rows.Add([pscustomobject]@{
                Name = $t.Name; Id = $t.Id; Monitor = $t.Monitor; Command = $t.Command
                CpuPct = 100 * ($self + $children) / $elapsed; SelfPct = 100 * $self / $elapsed
                RssMb = $t.Rss; PssMb = $t.Pss; Threads = $t.Threads
            })
    }
    foreach ($zone in $fabric.Zones) {
        if (-not (Test-NetNsProcess $zone.Monitor)) { throw "the monitor of $($zone.Name) exited" }
    }
} catch {
    Write-Host "bench/footprint: the harness failed: $_"
    Write-Host $_.ScriptStackTrace
    $failed = $true
} finally {
    if ($baseline -and -not $baseline.HasExited) { $baseline.Kill($true); $baseline.WaitForExit() }
    if ($fabric) {
        $left = @(Remove-FailoverFabric $fabric -KeepLogs:$failed)
        if ($left.Count) { Write-Host "bench/footprint: the teardown left: $($left -join '; ')"; $failed = $true }
    }
    if ($MonitorDirectory) { Remove-Item -LiteralPath $linked -Recurse -Force -ErrorAction SilentlyContinue }
}
if ($failed -or -not $rows.Count) { exit 1 }

$inv = [Globalization.CultureInfo]::InvariantCulture
function F([object] $Value, [string] $Format = '0.0') { if ($null -eq $Value) { '-' } else { ([double]$Value).ToString($Format, $inv) } }
Write-Host ''
Write-Host ('{0,-10} {1,7} {2,8} {3,8} {4,7} {5,7} {6,7}  {7}' -f 'process', 'pid', 'cpu_pct', 'self_pct', 'rss_mb', 'pss_mb', 'threads', 'command')
foreach ($r in $rows) {
    Write-Host ('{0,-10} {1,7} {2,8} {3,8} {4,7} {5,7} {6,7}  {7}' -f $r.Name, $r.Id, (F $r.CpuPct '0.00'), (F $r.SelfPct '0.00'), (F $r.RssMb), (F $r.PssMb),
        $r.Threads, $r.Command)
}
$monitors = @($rows | Where-Object Monitor)
$cpu = ($monitors | Measure-Object CpuPct -Maximum).Maximum
$rss = ($monitors | Measure-Object RssMb -Maximum).Maximum
$threads = ($monitors | Measure-Object Threads -Maximum).Maximum
Write-Host ''
Write-Host "footprint cpu_pct=$(F $cpu '0.00') rss_mb=$(F $rss) threads=$threads"
