# The failover harness's planned departures (dot-sourced by Failover.psm1): what tells a NAT it is leaving, as AWS
# and systemd tell it, so that its handover can be tested.
#
#   Set-FailoverImdsPath $f -Zone b -Path 'autoscaling/target-lifecycle-state' -Value 'Terminated'
#   Set-FailoverImdsPath $f -Zone b -Path 'spot/instance-action' -Value '{"action":"terminate","time":"..."}'
#   Set-FailoverImdsPath $f -Zone b -Path 'spot/instance-action' -Value $null      # back to the usual tree (404)
#   $code = Stop-FailoverMonitor $f -Zone b                                        # SIGTERM, as `systemctl stop`
#   $code = Wait-FailoverMonitorExit $f -Zone b -TimeoutSeconds 40                  # a monitor that leaves by itself
#
# The zone's IMDS stand-in (tests/tools/imds_standin.py --overrides) re-reads its overrides file whenever it
# changes, so a running monitor sees the change at its next IMDS read. Start-FailoverImds (a restored NAT) starts
# the new stand-in with no overrides.

function Get-FailoverImdsOverridesPath {
    <# The zone's IMDS overrides file (JSON: metadata path -> text) for its current NAT generation. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    Join-Path $Fabric.Work "imds-overrides-$($Zone.Letter)-$($Zone.Generation).json"
}

function Set-FailoverImdsPath {
    <#
    Sets what the zone's IMDS serves at -Path (under latest/meta-data/) to -Value; -Value $null takes the override
    away (the path is then what the stand-in serves by itself: autoscaling/target-lifecycle-state is InService,
    spot/instance-action and events/recommendations/rebalance are 404). The file is replaced whole (write, then
    rename), so the stand-in never reads half of it.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [AllowNull()] [AllowEmptyString()] [object] $Value)
    $Zone = Get-FailoverZone $Fabric $Zone
    $file = Get-FailoverImdsOverridesPath $Fabric $Zone
    $overrides = [ordered]@{}
    if (Test-Path -LiteralPath $file) {
        $read = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        if ($read) { foreach ($p in $read.PSObject.Properties) { $overrides[$p.Name] = $p.Value } }
    }
    $key = $Path.Trim('/')
    # (-Value is an [object]: a [string] parameter would turn $null into '', a real value.)
    if ($null -eq $Value) { $overrides.Remove($key) } else { $overrides[$key] = [string]$Value }
    $temporary = "$file.tmp"
    Set-Content -LiteralPath $temporary -Value ($overrides | ConvertTo-Json -Compress)
    Move-Item -Force -LiteralPath $temporary -Destination $file
    Write-FailoverLog $Fabric "IMDS of $($Zone.Name): $key = $(if ($null -eq $Value) { '(the usual)' } else { $Value })"
}

function Get-FailoverMonitorExit {
    <#
    How the zone's current monitor ended: its exit code (stamp.py writes `stamp-exit code=N` to its stderr when the
    monitor has ended), or $null while it runs.
    #>
    [OutputType([int])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    if (-not $Zone.Monitor -or -not (Test-Path -LiteralPath $Zone.Monitor.StdErr)) { return $null }
    $line = @([IO.File]::ReadAllLines($Zone.Monitor.StdErr) | Where-Object { $_ -match '^stamp-exit code=(\d+)$' }) | Select-Object -Last 1
    if ($line -and $line -match '(\d+)$') { [int]$Matches[1] } else { $null }
}

function Wait-FailoverMonitorExit {
    <# Waits until the zone's current monitor exits by itself (a departure IMDS announced) and returns its exit code. #>
    [OutputType([int])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [double] $TimeoutSeconds = 60)
    $Zone = Get-FailoverZone $Fabric $Zone
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because "the monitor of $($Zone.Name) to exit" -Condition {
        -not (Test-NetNsProcess $Zone.Monitor) -and $null -ne (Get-FailoverMonitorExit $Fabric $Zone)
    }
    Get-FailoverMonitorExit $Fabric $Zone
}

function Start-FailoverMotoRecording {
    <# Starts moto's request recorder afresh (what a test then reads with Get-FailoverMotoRecording). #>
    param([Parameter(Mandatory)] [object] $Fabric)
    foreach ($verb in 'reset-recording', 'start-recording') {
        $null = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath curl -ArgumentList '-sS', '--fail', '--max-time', '10', '-X', 'POST', "$($Fabric.Moto)/moto-api/recorder/$verb"
    }
}

function Get-FailoverMotoRecording {
    <# Stops moto's recorder; one object per Query request recorded: Action and Parameters (hashtable). #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $null = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath curl -ArgumentList '-sS', '--fail', '--max-time', '10', '-X', 'POST', "$($Fabric.Moto)/moto-api/recorder/stop-recording"
    $raw = (Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath curl -ArgumentList '-sS', '--fail', '--max-time', '30', "$($Fabric.Moto)/moto-api/recorder/download-recording").StdOut
    foreach ($line in ($raw -split "`n")) {
        if (-not $line.Trim()) { continue }
        $entry = $line | ConvertFrom-Json
        $body = [string]$entry.body
        if ($entry.body_encoded) { $body = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body)) }
        $parameters = @{}
        foreach ($pair in ($body -split '&')) {
            if (-not $pair) { continue }
            $kv = $pair -split '=', 2
            $parameters[[uri]::UnescapeDataString($kv[0])] = if ($kv.Count -gt 1) { [uri]::UnescapeDataString($kv[1].Replace('+', ' ')) } else { '' }
        }
        if ($parameters['Action']) { [pscustomobject]@{ Action = $parameters['Action']; Parameters = $parameters } }
    }
}

function Get-FailoverRedirectsSent {
    <# The ICMP redirects (type 5) the zone's NAT's kernel has sent: /proc/net/snmp's second IcmpMsg line, under OutType5. #>
    [OutputType([int])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $lines = @((Invoke-NetNsNative -Namespace $Zone.NatNs -FilePath cat -ArgumentList '/proc/net/snmp').StdOut -split "`n" | Where-Object { $_ -like 'IcmpMsg:*' })
    if ($lines.Count -lt 2) { return 0 }
    $names = $lines[0] -split '\s+'; $values = $lines[1] -split '\s+'
    $at = [array]::IndexOf($names, 'OutType5')
    if ($at -lt 0) { 0 } else { [int]$values[$at] }
}

function Get-FailoverRelayMarkedEntry {
    <#
    The zone's NAT's conntrack entries that carry a relay's mark (bits 0xf00000: RelayPlanner.MarkMask), as the kernel
    lists them (mark in decimal).
    #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $listing = (Invoke-NetNsNative -Namespace $Zone.NatNs -FilePath cat -ArgumentList '/proc/net/nf_conntrack').StdOut -split "`n"
    @($listing | Where-Object { $_ -match '\bmark=(\d+)' -and ([uint64]$Matches[1] -band 0xf00000) -ne 0 })
}
