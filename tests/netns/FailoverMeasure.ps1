# One fault, timed (dot-sourced by Failover.psm1, same module scope): the steady state first, then the fault,
# detection, takeover, egress back and the failback, per zone (Measure-Failover).

function Test-FailoverMonitorReady {
    <#
    Whether every zone's running monitor, in its current log, last said of every other zone's current NAT that it
    hears it (peer-heard or peer-recovered). $false while a zone has no monitor; throws when one has exited.
    #>
    [OutputType([bool])]
    param([Parameter(Mandatory)] [object] $Fabric)
    foreach ($zone in $Fabric.Zones) {
        if (-not $zone.Monitor) { return $false }
        if (-not (Test-NetNsProcess $zone.Monitor)) {
            throw "the monitor of $($zone.Name) exited: $((Get-Content -LiteralPath $zone.Monitor.StdErr -ErrorAction SilentlyContinue) -join ' ') $((Get-Content -LiteralPath $zone.Monitor.StdOut -ErrorAction SilentlyContinue | Select-Object -Last 3) -join ' ')"
        }
        $file = $zone.Monitor.StdOut
        if (-not (Test-Path -LiteralPath $file)) { return $false }
        $last = @{}
        foreach ($line in [IO.File]::ReadAllLines($file)) {
            if ($line -match 'hanat-monitor event=(peer-[a-z]+) .*\bpeer=(i-[0-9a-f]+)') { $last[$Matches[2]] = $Matches[1] }
        }
        foreach ($peer in $Fabric.Zones | Where-Object Letter -NE $zone.Letter) {
            if ($last[$peer.InstanceId] -notin 'peer-heard', 'peer-recovered') { return $false }
        }
    }
    $true
}

function Wait-FailoverSteady {
    <#
    Waits until every zone's private route points at its own NAT (in moto and in the kernel), every monitor runs,
    and, with -ProbeZone, that zone's probe has succeeded through its own NAT since now; with -Monitors, that
    every monitor hears every other NAT (Test-FailoverMonitorReady). -SettleSeconds then waits that much more.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $TimeoutSeconds = 30, [double] $SettleSeconds = 0, [object[]] $ProbeZone = @(),
        [switch] $Monitors)
    $since = Get-FailoverNow
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because 'every zone on its own NAT' -Condition {
        $targets = Get-FailoverRouteTarget $Fabric
        foreach ($zone in $Fabric.Zones) {
            if ($targets[$zone.Letter] -ne $zone.InstanceId) { return $false }
            if ((Get-FailoverRoute $Fabric $zone) -ne $zone.PrivateIp) { return $false }
            if ($zone.Monitor -and -not (Test-NetNsProcess $zone.Monitor)) {
                throw "the monitor of $($zone.Name) exited: $(Get-Content -Raw -LiteralPath $zone.Monitor.StdErr) $(Get-Content -Raw -LiteralPath $zone.Monitor.StdOut | Select-Object -Last 1)"
            }
        }
        $true
    }
    foreach ($z in $ProbeZone) {
        $zone = Get-FailoverZone $Fabric $z
        if (-not (Wait-FailoverEgress $Fabric $zone -Since $since -Via $zone.Letter -TimeoutSeconds 10)) {
            throw "the private host of $($zone.Name) gets no answer through its own NAT"
        }
    }
    if ($Monitors) {
        Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because 'every monitor to hear every other NAT' -Condition { Test-FailoverMonitorReady $Fabric }
    }
    if ($SettleSeconds -gt 0) { Start-Sleep -Milliseconds ([int]($SettleSeconds * 1000)) }
}

function Measure-Failover {
    <#
    One fault, timed end to end. Waits for the steady state, starts a probe in every zone, injects the fault
    (-Kind) at the NAT of each -Zone at once, and waits (up to -TimeoutSeconds) for each affected zone's first
    successful request after the injection. Then, unless -NoReturn, every faulted NAT returns as a replacement
    (Restore-FailoverNat) and the zone's first success through its own NAT again is timed (failback), and
    held for -HoldSeconds (the route must not flap). Returns one record:
      Kind, Zones, Injected (time), Restored (bool: every zone got egress back), RestoredSeconds (the worst
      zone's injection -> end of first successful request), DetectedSeconds (injection -> a monitor's first
      peer-failed about the NAT), TakeoverSeconds (-> a monitor's takeover of the zone done, EC2 written),
      MovedSeconds (injection -> the router moved the zone's route), TakenBy (zone letter -> the NAT zone serving it after the takeover), FailedRequests (after
      the injection), FailedOutsideSwitch (of those, the ones not in flight while the router moved the route),
      Unhealthy (the faulted instances the monitors marked Unhealthy in the group), FailedBack (bool),
      FailbackSeconds (replacement's boot -> first success through the zone's own NAT), Flapped (the route
      moved again during the hold: at least -HoldSeconds, and until every monitor hears every peer), OthersMoved (route changes of zones that were not faulted, "zone->next hop": should be none), AllHome
      (every zone on its own NAT at the end), PerZone (the same per zone). With -ElasticIps, the failback is timed
      from the router's move home (a zone's own address shows through the survivor too), and the record adds what
      the internet saw (FailoverInternetGateway.ps1, Add-FailoverElasticIpSummary): OwnEipShareBefore/During/After,
      AddressesDuring, FailedAtFailback.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Fabric,
        [Parameter(Mandatory)] [string] $Kind,
        [Parameter(Mandatory)] [object[]] $Zone,
        [double] $TimeoutSeconds = 20,
        [double] $MoveTimeoutSeconds = 20,
        [double] $FailbackTimeoutSeconds = 60,
        [double] $HoldSeconds = 3,
        [double] $SettleSeconds = 0,
        [switch] $NoReturn,
        [switch] $NoMove,
        [switch] $NoMonitorWait,
        # Run just before the faults go in, the probes running (FailoverEc2Faults.ps1: EC2 starts failing).
        [scriptblock] $BeforeInject
    )
    $zones = @($Zone | ForEach-Object { Get-FailoverZone $Fabric $_ })
    Wait-FailoverSteady $Fabric -SettleSeconds $SettleSeconds -Monitors:(-not $NoMonitorWait)
    Wait-FailoverZoneCooldown $Fabric $zones
    foreach ($z in $Fabric.Zones) { $null = Start-FailoverProbe $Fabric $z }
    Wait-FailoverSteady $Fabric -ProbeZone $Fabric.Zones

    Write-FailoverLog $Fabric "steady, probes answering: injecting $Kind at $($zones.Letter -join '+')"
    if ($BeforeInject) { $null = & $BeforeInject }
    $faults = foreach ($z in $zones) { Add-FailoverFault $Fabric $z $Kind }
    $injected = ($faults | Measure-Object -Property Injected -Maximum).Maximum
    $firstInjected = ($faults | Measure-Object -Property Injected -Minimum).Minimum
    $perZone = foreach ($z in $zones) {
        $fault = $faults | Where-Object Zone -EQ $z.Letter
        $first = Wait-FailoverEgress $Fabric $z -Since $fault.Injected -TimeoutSeconds $TimeoutSeconds
        [pscustomobject]@{
            Zone = $z.Letter; InstanceId = $fault.InstanceId; Injected = $fault.Injected
            Restored = [bool]$first
            RestoredSeconds = if ($first) { [math]::Round($first.End - $fault.Injected, 3) } else { $null }
            FirstVia = if ($first) { $first.Via } else { $null }
            DetectedSeconds = $null; TakeoverSeconds = $null
            MovedSeconds = $null; TakenBy = $null; FailedRequests = 0; FailedOutsideSwitch = 0; Unhealthy = $false
            FailedBack = $null; FailbackSeconds = $null; Flapped = $null
        }
    }
    # The takeover: the router moves the route away from the faulted NAT.
    foreach ($record in $perZone) {
        $z = Get-FailoverZone $Fabric $record.Zone
        $faultedIp = $z.PrivateIp
        $deadline = [DateTime]::UtcNow.AddSeconds($(if ($NoMove) { 0 } else { $MoveTimeoutSeconds }))
        do {
            $move = Get-FailoverRouterEvent $Fabric -Since $record.Injected | Where-Object { $_.Namespace -eq $z.PrivNs -and $_.Via -ne $faultedIp } | Select-Object -First 1
            if ($move -or [DateTime]::UtcNow -ge $deadline) { break }
            Start-Sleep -Milliseconds 100
        } while ($true)
        if ($move) {
            $record.MovedSeconds = [math]::Round($move.Time - $record.Injected, 3)
            $record.TakenBy = ($Fabric.Zones | Where-Object PrivateIp -EQ $move.Via | Select-Object -First 1).Letter
            if (-not $record.TakenBy) { $record.TakenBy = $move.Via }
        }
        # From the monitors' own (timestamped) lines: the first peer-failed about the faulted NAT, and the first
        # completed takeover of the zone, so that a slow run says whether detection, EC2 or the router was slow.
        $detected = Get-FailoverMonitorEvent $Fabric -Event peer-failed -Since $record.Injected | Where-Object { $_.Fields['peer'] -eq $record.InstanceId } |
            Sort-Object Time | Select-Object -First 1
        $took = Get-FailoverMonitorEvent $Fabric -Event takeover -Since $record.Injected | Where-Object { $_.Fields['zone'] -eq $z.Name } |
            Sort-Object Time | Select-Object -First 1
        if ($detected) { $record.DetectedSeconds = [math]::Round($detected.Time - $record.Injected, 3) }
        if ($took) { $record.TakeoverSeconds = [math]::Round($took.Time - $record.Injected, 3) }
        # A request in flight while the route moves may break (its packets change NAT mid-connection, as in EC2);
        # any other failure means egress was lost. The router stamps a move once `ip route replace` has returned, so
        # the kernel's route changed up to that command's run time earlier (seen: a reset 2 ms before the stamp).
        $switches = @(Get-FailoverRouterEvent $Fabric -Since ($record.Injected - 5) | Where-Object Namespace -EQ $z.PrivNs | ForEach-Object Time)
        $failed = @(Get-FailoverProbeResult $Fabric $z -Since $record.Injected | Where-Object { -not $_.Ok })
        $record.FailedRequests = $failed.Count
        $record.FailedOutsideSwitch = @($failed | Where-Object { $f = $_; -not @($switches | Where-Object { $_ -ge $f.Start - 0.01 -and $_ -le $f.End + $script:RouterStampSlackSeconds }) }).Count
    }
    # The group hears of the failed instances (give the monitors a moment after the move).
    $wanted = @($perZone | ForEach-Object InstanceId)
    $deadline = [DateTime]::UtcNow.AddSeconds($(if ($NoMove) { 0 } else { 5 }))
    do {
        $health = (Get-FailoverState $Fabric).health
        $marked = @($wanted | Where-Object { $health.$_ -eq 'Unhealthy' })
        if ($marked.Count -eq $wanted.Count -or [DateTime]::UtcNow -ge $deadline) { break }
        Start-Sleep -Milliseconds 250
    } while ($true)
    foreach ($record in $perZone) { $record.Unhealthy = $marked -contains $record.InstanceId }
    Write-FailoverLog $Fabric "egress back, route moved, group told: $(($perZone | ForEach-Object { "$($_.Zone) restored=$($_.RestoredSeconds) moved=$($_.MovedSeconds) unhealthy=$($_.Unhealthy)" }) -join '; ')"

    if (-not $NoReturn) {
        foreach ($restore in Restore-FailoverNat $Fabric @($perZone.Zone)) {
            $record = $perZone | Where-Object Zone -EQ $restore.Zone
            $record | Add-Member -NotePropertyName Booted -NotePropertyValue $restore.Booted
            $record | Add-Member -NotePropertyName ReplacementId -NotePropertyValue $restore.InstanceId
        }
        foreach ($record in $perZone) {
            $z = Get-FailoverZone $Fabric $record.Zone
            $since = $record.Booted
            if ($Fabric.ElasticIps) {
                $record | Add-Member -Force -NotePropertyName HomeAt -NotePropertyValue (Wait-FailoverHomeRoute $Fabric $z -Since $record.Booted -TimeoutSeconds $FailbackTimeoutSeconds)
                $since = if ($null -ne $record.HomeAt) { $record.HomeAt } else { [double]::MaxValue }
            }
            $back = if ($since -lt [double]::MaxValue) { Wait-FailoverEgress $Fabric $z -Since $since -Via $z.Letter -TimeoutSeconds $FailbackTimeoutSeconds } else { $null }
            $record.FailedBack = [bool]$back
            if ($back) { $record.FailbackSeconds = [math]::Round($back.End - $record.Booted, 3) }
        }
        Write-FailoverLog $Fabric "failed back: $(($perZone | ForEach-Object { "$($_.Zone) in $($_.FailbackSeconds) s" }) -join '; '); holding"
        # The hold: at least -HoldSeconds, and until the replacements' monitors hear every peer (which the next
        # run needs anyway), with the route watched the whole time.
        $holdStart = [DateTime]::UtcNow
        if (-not $NoMonitorWait) {
            try { Wait-NetNsCondition -TimeoutSeconds 30 -Because 'every monitor to hear every other NAT' -Condition { Test-FailoverMonitorReady $Fabric } }
            catch { Write-FailoverLog $Fabric "hold: $_" }
        }
        $left = $HoldSeconds - ([DateTime]::UtcNow - $holdStart).TotalSeconds
        if ($left -gt 0) { Start-Sleep -Milliseconds ([int]($left * 1000)) }
        foreach ($record in $perZone) {
            if (-not $record.FailedBack) { continue }
            $z = Get-FailoverZone $Fabric $record.Zone
            $after = @(Get-FailoverRouterEvent $Fabric -Since $record.Booted | Where-Object Namespace -EQ $z.PrivNs)
            $record.Flapped = ($after.Count -gt 1) -or ((Get-FailoverRoute $Fabric $z) -ne $z.PrivateIp)
        }
    }
    # Collateral: a zone that was not faulted must never have moved, and in the end every zone is home again.
    $faultedNs = @($zones.PrivNs)
    $others = @(Get-FailoverRouterEvent $Fabric -Since $firstInjected | Where-Object { $_.Namespace -notin $faultedNs } |
            ForEach-Object { $n = $_.Namespace; "$(($Fabric.Zones | Where-Object PrivNs -EQ $n).Letter)->$($_.Via)" })
    $allHome = if ($NoReturn) { $null } else { -not @($Fabric.Zones | Where-Object { (Get-FailoverRoute $Fabric $_) -ne $_.PrivateIp }) }
    # The probes end together: TERM to all, then wait for each.
    $probes = @($Fabric.Zones | Where-Object Probe)
    foreach ($z in $probes) {
        if (Test-NetNsProcess $z.Probe) { $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-TERM', '--', "-$($z.Probe.Id)" -AllowFailure }
    }
    foreach ($z in $probes) { Stop-FailoverProbe $Fabric $z }
    if ($Fabric.ElasticIps) { foreach ($record in $perZone) { Add-FailoverElasticIpFigure $Fabric $record } }

    $restoredAll = -not @($perZone | Where-Object { -not $_.Restored })
    $worst = if ($restoredAll) { ($perZone | Measure-Object -Property RestoredSeconds -Maximum).Maximum } else { $null }
    $moved = @($perZone | Where-Object { $null -ne $_.MovedSeconds })
    $summary = [pscustomobject]@{
        Kind            = $Kind
        Zones           = ($zones.Letter -join '+')
        Injected        = $injected
        Restored        = $restoredAll
        RestoredSeconds = $worst
        DetectedSeconds = ($perZone | Measure-Object -Property DetectedSeconds -Maximum).Maximum
        TakeoverSeconds = ($perZone | Measure-Object -Property TakeoverSeconds -Maximum).Maximum
        MovedSeconds    = if ($moved.Count -eq $perZone.Count) { ($moved | Measure-Object -Property MovedSeconds -Maximum).Maximum } else { $null }
        TakenBy         = (($perZone | ForEach-Object { "$($_.Zone)->$($_.TakenBy)" }) -join ' ')
        FailedRequests  = ($perZone | Measure-Object -Property FailedRequests -Sum).Sum
        FailedOutsideSwitch = ($perZone | Measure-Object -Property FailedOutsideSwitch -Sum).Sum
        Unhealthy       = -not @($perZone | Where-Object { -not $_.Unhealthy })
        FailedBack      = if ($NoReturn) { $null } else { -not @($perZone | Where-Object { -not $_.FailedBack }) }
        FailbackSeconds = if ($NoReturn -or @($perZone | Where-Object { -not $_.FailedBack })) { $null } else { ($perZone | Measure-Object -Property FailbackSeconds -Maximum).Maximum }
        Flapped         = if ($NoReturn) { $null } else { [bool]@($perZone | Where-Object Flapped) }
        OthersMoved     = $others
        AllHome         = $allHome
        PerZone         = @($perZone)
    }
    if ($Fabric.ElasticIps) { Add-FailoverElasticIpSummary $summary @($perZone) }
    Write-FailoverLog $Fabric "measured $Kind at $($summary.Zones): $($summary | Select-Object -ExcludeProperty PerZone | ConvertTo-Json -Compress)"
    $summary
}

function Wait-FailoverZoneCooldown {
    <#
    Waits until no monitor took any of the zones within its cool-down (FailoverSettings.ZoneCooldownSeconds, 10 s, and
    a margin): a NAT that took a zone does not take it again sooner, by design (no flapping), so a fault of the same
    zone right after a measurement of it would time the cool-down instead of the failover.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Zones)
    $names = @($Zones | ForEach-Object { (Get-FailoverZone $Fabric $_).Name })
    $times = @(Get-FailoverMonitorEvent $Fabric -Event takeover | Where-Object { $_.Fields['zone'] -in $names -and $null -ne $_.Time } | ForEach-Object { [double]$_.Time })
    if ($times.Count -eq 0) { return }
    $last = ($times | Sort-Object)[-1]
    $wait = $last + $script:ZoneCooldownSeconds - (Get-FailoverNow)
    if ($wait -le 0) { return }
    Write-FailoverLog $Fabric "waiting $([math]::Round($wait, 2)) s for the cool-down of $($names -join ', ') (taken at $last)"
    Start-Sleep -Milliseconds ([int]($wait * 1000))
}

