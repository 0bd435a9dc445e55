# The egress probes (dot-sourced by Failover.psm1, same module scope): probe.py in each zone's private host,
# requesting the internet server every 50 ms; its log read back as requests (which NAT carried each).

function Start-FailoverProbe {
    <#
    Starts the egress probe (probe.py) in the zone's private host, to a new log; returns the log's path. One probe
    per zone at a time: a running one is stopped first.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [double] $IntervalSeconds = 0.05,
        [double] $TimeoutSeconds = 1, [double] $MaxSeconds = 600, [double] $HoldSeconds = 0, [string] $Stream)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Stream) {
        # A second stream of the zone's host beside its probe (probe.py --hold: requests sent in two parts), by name.
        Stop-FailoverProbe $Fabric $Zone -Stream $Stream
        $log = Join-Path $Fabric.Work "probe-$($Zone.Letter)-$Stream-$([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()).log"
        $null = New-Item -ItemType File -Force -Path $log
        $process = Start-FailoverProcess $Fabric $Zone.PrivNs ([IO.Path]::GetFileNameWithoutExtension($log)) python3 @((Join-Path $PSScriptRoot 'probe.py'),
            '--url', $Fabric.WebUrl, '--log', $log, '--interval', $IntervalSeconds, '--timeout', $TimeoutSeconds, '--max-seconds', $MaxSeconds, '--hold', $HoldSeconds)
        $Zone.Streams[$Stream] = [pscustomobject]@{ Process = $process; Log = $log }
        return $log
    }
    Stop-FailoverProbe $Fabric $Zone
    $n = @(Get-ChildItem -LiteralPath $Fabric.Work -Filter "probe-$($Zone.Letter)-*.log" -ErrorAction SilentlyContinue).Count
    $log = Join-Path $Fabric.Work "probe-$($Zone.Letter)-$n.log"
    $null = New-Item -ItemType File -Force -Path $log
    $Zone.ProbeLog = $log
    $Zone.Probe = Start-FailoverProcess $Fabric $Zone.PrivNs "probe-$($Zone.Letter)-$n" python3 @((Join-Path $PSScriptRoot 'probe.py'),
        '--url', $Fabric.WebUrl, '--log', $log, '--interval', $IntervalSeconds, '--timeout', $TimeoutSeconds, '--max-seconds', $MaxSeconds)
    $log
}

function Stop-FailoverProbe {
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [string] $Stream)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Stream) {
        if ($Zone.Streams[$Stream]) { Stop-NetNsProcess $Zone.Streams[$Stream].Process -GraceSeconds 3; $Zone.Streams.Remove($Stream) }
        return
    }
    if ($Zone.Probe) { Stop-NetNsProcess $Zone.Probe -GraceSeconds 3; $Zone.Probe = $null }
}

function Get-FailoverProbeResult {
    <#
    The zone's probe requests (current log, or -Log), oldest start first: Start, End, Ok, Via (the zone letter of
    the NAT the server saw, natgw-LETTER for a zone's NAT gateway, with -ElasticIps the letter of the zone whose Elastic
    IP the server saw (whichever NAT carried it), or the address), Detail. -Since keeps requests that started at or
    after that time.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [double] $Since = 0, [string] $Log)
    $Zone = Get-FailoverZone $Fabric $Zone
    if (-not $Log) { $Log = $Zone.ProbeLog }
    if (-not $Log -or -not (Test-Path -LiteralPath $Log)) { return }
    $byUplink = @{}
    foreach ($z in $Fabric.Zones) {
        $byUplink[$z.UplinkIp] = $z.Letter; $byUplink[$z.NatGatewayUplinkIp] = "natgw-$($z.Letter)"
        if ($Fabric.ElasticIps -and $z.ElasticIp) { $byUplink[$z.ElasticIp] = $z.Letter }
    }
    # The NATs the launcher hosted (FailoverLaunch.ps1), and the zones' first ones, retired or not, are their zone's.
    if ($Fabric.PSObject.Properties['Launcher'] -and $Fabric.Launcher) {
        foreach ($uplink in @($Fabric.Launcher.Uplinks.Keys)) { $byUplink[$uplink] = $Fabric.Launcher.Uplinks[$uplink] }
    }
    $records = foreach ($line in [IO.File]::ReadAllLines($Log)) {
        $parts = $line -split ' '
        if ($parts.Count -lt 4) { continue }
        $start = [double]$parts[0]
        if ($start -lt $Since) { continue }
        $ok = $parts[2] -eq 'ok'
        $via = if ($ok) { if ($byUplink.ContainsKey($parts[3])) { $byUplink[$parts[3]] } else { $parts[3] } } else { $null }
        [pscustomobject]@{ Start = $start; End = [double]$parts[1]; Ok = $ok; Via = $via; Detail = $parts[3] }
    }
    @($records) | Sort-Object Start
}

function Wait-FailoverEgress {
    <#
    Waits for the zone's first successful probe request that started at or after -Since (and, with -Via, went
    through that zone's NAT); returns it, or $null after the timeout.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [double] $Since,
        [string] $Via, [double] $TimeoutSeconds = 20)
    $Zone = Get-FailoverZone $Fabric $Zone
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $first = Get-FailoverProbeResult $Fabric $Zone -Since $Since | Where-Object { $_.Ok -and (-not $Via -or $_.Via -eq $Via) } | Select-Object -First 1
        if ($first) { return $first }
        if ($Zone.Probe -and -not (Test-NetNsProcess $Zone.Probe)) { throw "the probe of $($Zone.Name) exited: $(Get-Content -Raw -LiteralPath $Zone.Probe.StdErr)" }
        if ([DateTime]::UtcNow -ge $deadline) { return $null }
        Start-Sleep -Milliseconds 50
    }
}
