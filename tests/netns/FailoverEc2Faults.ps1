# EC2 itself slow or failing (dot-sourced by Failover.psm1, same module scope): the fault proxy
# (tests/tools/fault_proxy.py) between the monitors and moto, its faults switched while the fabric runs, and the
# fault kinds that fail EC2 for a few seconds around a NAT's death (Measure-FailoverEc2Fault).
#
#   New-FailoverFabric -FaultProxy   the proxy in the control namespace on 10.99.255.1:5001, in front of moto; every
#                                    monitor's -EndpointUrl goes through it (the boot takeovers, the harness's own
#                                    calls and the router talk to moto directly: only the monitors meet the fault)
#   Set-FailoverEc2Fault             5xx | throttle | hang | pass, for N seconds (then EC2 "recovers" by itself, at an
#                                    exact time the proxy returns), to EC2's actions (or some of them)
#   Get-FailoverFaultProxyLog        every request the monitors made, with its outcome and what a write named

$script:FaultProxyPort = 5001

# The EC2 faults, each around a NAT's death: EC2 fails from just before the NAT dies until N seconds later.
$script:Ec2FaultKinds = [ordered]@{
    'Ec2Error+NatDead'     = @{ Mode = '5xx'; Description = 'EC2 answers InternalError (500) and Unavailable (503) from just before a NAT dies until it recovers' }
    'Ec2Throttled+NatDead' = @{ Mode = 'throttle'; Description = 'EC2 answers RequestLimitExceeded (503) from just before a NAT dies until it recovers' }
    'Ec2Hanging+NatDead'   = @{ Mode = 'hang'; Description = 'EC2 answers nothing (each request held until it recovers, then its connection closed) from just before a NAT dies' }
}

function Get-FailoverEc2FaultKind {
    <# The EC2 fault kinds Measure-FailoverEc2Fault knows: Name, Mode (the proxy's), Description. #>
    [OutputType([pscustomobject])]
    param()
    foreach ($name in $script:Ec2FaultKinds.Keys) {
        [pscustomobject]@{ Name = $name; Mode = $script:Ec2FaultKinds[$name].Mode; Description = $script:Ec2FaultKinds[$name].Description }
    }
}

function Start-FailoverFaultProxy {
    <#
    Starts the fault proxy in the control namespace, in front of moto, passing everything until told otherwise, and
    points the monitors started from now on at it (the fabric's MonitorEndpoint). Its request log is
    fault-proxy.jsonl in the work directory.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $log = Join-Path $Fabric.Work 'fault-proxy.jsonl'
    $null = New-Item -ItemType File -Force -Path $log
    $process = Start-FailoverProcess $Fabric $Fabric.Ctl fault-proxy python3 @((Join-Path $PSScriptRoot '../tools/fault_proxy.py'),
        '--upstream', $Fabric.Moto, '--host', '10.99.255.1', '--port', $script:FaultProxyPort, '--log', $log)
    Wait-NetNsPort -Namespace $Fabric.Ctl -Address 10.99.255.1 -Port $script:FaultProxyPort -Process $process
    $Fabric | Add-Member -Force -NotePropertyMembers ([ordered]@{
        FaultProxy = $process; FaultProxyLog = $log; MonitorEndpoint = "http://10.99.255.1:$script:FaultProxyPort"
    })
    Write-FailoverLog $Fabric "fault proxy up at $($Fabric.MonitorEndpoint) in front of $($Fabric.Moto)"
}

function Get-FailoverMonitorEndpoint {
    <# Where the monitors send their AWS calls: the fault proxy with -FaultProxy, else moto. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    if ($Fabric.PSObject.Properties['MonitorEndpoint'] -and $Fabric.MonitorEndpoint) { return $Fabric.MonitorEndpoint }
    $Fabric.Moto
}

function Set-FailoverEc2Fault {
    <#
    Switches the proxy's fault: -Mode 5xx, throttle, hang, or pass (back to normal), for -Seconds (then it ends by
    itself; without, until the next call), to -Service's requests (ec2 unless told), only -Action's if given. Returns
    the proxy's state: mode, started and until (Unix seconds: until is the moment EC2 recovers).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [ValidateSet('5xx', 'throttle', 'hang', 'pass')] [string] $Mode,
        [double] $Seconds, [string[]] $Action, [string[]] $Service = @('ec2'))
    if (-not ($Fabric.PSObject.Properties['FaultProxy'] -and $Fabric.FaultProxy)) { throw 'the fabric has no fault proxy: build it with New-FailoverFabric -FaultProxy' }
    $spec = [ordered]@{ mode = $Mode; services = @($Service) }
    if ($PSBoundParameters.ContainsKey('Seconds')) { $spec.seconds = $Seconds }
    if ($Action) { $spec.actions = @($Action) }
    $run = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath curl -ArgumentList '-sS', '--fail-with-body', '--max-time', '5', '-X', 'POST',
        '-H', 'Content-Type: application/json', '--data', ($spec | ConvertTo-Json -Compress), "$($Fabric.MonitorEndpoint)/fault-proxy/mode"
    $state = $run.StdOut | ConvertFrom-Json
    Write-FailoverLog $Fabric "EC2 fault $Mode$(if ($PSBoundParameters.ContainsKey('Seconds')) { " for $Seconds s (until $($state.until))" }) on $($Service -join ',')$(if ($Action) { " $($Action -join ',')" })"
    $state
}

function Get-FailoverFaultProxyLog {
    <#
    The requests the monitors made through the proxy, oldest first: Time, Action, Service, Outcome (pass: reached moto;
    fail, hang, or the runtime fault's error code: refused), Params (what a write named: RouteTableId, InstanceId...).
    -Since and -Until bound them by time.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $Since = 0, [double] $Until = [double]::MaxValue)
    if (-not ($Fabric.PSObject.Properties['FaultProxyLog'] -and $Fabric.FaultProxyLog) -or -not (Test-Path -LiteralPath $Fabric.FaultProxyLog)) { return }
    foreach ($line in [IO.File]::ReadAllLines($Fabric.FaultProxyLog)) {
        if (-not $line) { continue }
        $entry = $line | ConvertFrom-Json
        if ($entry.service -eq 'control' -or $entry.t -lt $Since -or $entry.t -gt $Until) { continue }
        [pscustomobject]@{ Time = [double]$entry.t; Action = $entry.action; Service = $entry.service; Outcome = $entry.outcome; Params = $entry.params }
    }
}

function Get-FaultProxyParam {
    # One parameter of a logged request, or $null when it named none (the log keeps only those a request had).
    param([object] $Request, [string] $Name)
    $property = $Request.Params.PSObject.Properties[$Name]
    if ($property) { $property.Value } else { $null }
}

function Measure-FailoverEc2Fault {
    <#
    One EC2 fault kind (Get-FailoverEc2FaultKind), timed: Measure-Failover's NatDead at -Zone, with EC2 failing in the
    kind's way (through the fault proxy: New-FailoverFabric -FaultProxy) from -LeadSeconds before the NAT dies until
    -Ec2Seconds after it started; the monitors detect the death while EC2 still fails, and EC2's recovery is the moment
    the takeover can go through. Returns Measure-Failover's record plus:
      Ec2Mode, Ec2Started, Ec2Recovered (Unix seconds), DetectedBeforeRecovery (the death was seen while EC2 still
      failed: otherwise the run measures nothing of EC2), RecoveryToEgressSeconds (the worst zone's EC2 recovery -> end
      of its first successful request), Refused (the monitors' requests EC2 failed or held), TakeoverAttempts (failed
      takeover lines about the zone), TakeoverMetFault (an attempt failed, or the first began before EC2 recovered),
      LongestAttemptSeconds (the successful attempt's own duration, its ms), LongestRetryGapSeconds (the longest time between the ends of two attempts, the
      one that went through included), Takeovers (completed takeover lines about the zone: one), Writes (route writes
      that reached EC2 for the zone's table), WriteTargets (the distinct targets they named: one, or they conflicted).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Fabric,
        [Parameter(Mandatory)] [ValidateScript({ $script:Ec2FaultKinds.Contains($_) })] [string] $Kind,
        [Parameter(Mandatory)] [object] $Zone,
        [double] $Ec2Seconds = 6,
        [double] $LeadSeconds = 0.5,
        [double] $TimeoutSeconds = 30,
        [double] $HoldSeconds = 3
    )
    $mode = $script:Ec2FaultKinds[$Kind].Mode
    $z = Get-FailoverZone $Fabric $Zone
    # Just before the NAT dies (the probes are running and the fabric is steady by then), EC2 starts failing. The block
    # runs inside Measure-Failover, called from here: it finds $holder in this scope.
    $holder = @{ State = $null; Fabric = $Fabric; Mode = $mode; Seconds = $Ec2Seconds; Lead = $LeadSeconds }
    $before = {
        $holder.State = Set-FailoverEc2Fault $holder.Fabric -Mode $holder.Mode -Seconds $holder.Seconds
        Start-Sleep -Milliseconds ([int]($holder.Lead * 1000))
    }
    try {
        $m = Measure-Failover $Fabric -Kind NatDead -Zone $z -TimeoutSeconds $TimeoutSeconds -HoldSeconds $HoldSeconds -BeforeInject $before
    } finally {
        # Whatever happened, EC2 answers again for what comes next.
        $null = Set-FailoverEc2Fault $Fabric -Mode pass
    }
    $state = $holder.State
    $started = [double]$state.started
    $recovered = [double]$state.until
    $record = @($m.PerZone)[0]
    $egressAt = if ($record.Restored) { $record.Injected + $record.RestoredSeconds } else { $null }
    $booted = if ($record.PSObject.Properties['Booted']) { $record.Booted } else { [double]::MaxValue }
    $detected = if ($null -ne $record.DetectedSeconds) { $record.Injected + $record.DetectedSeconds } else { $null }
    # From EC2's fault to the replacement's boot (whose own takeover does not go through the proxy).
    $requests = @(Get-FailoverFaultProxyLog $Fabric -Since $started -Until $booted)
    $writeActions = 'ReplaceRoute', 'CreateRoute', 'AssociateRouteTable'
    $writes = @($requests | Where-Object { $_.Outcome -eq 'pass' -and $_.Action -in $writeActions -and (Get-FaultProxyParam $_ RouteTableId) -eq $z.RouteTableId })
    $events = @(Get-FailoverMonitorEvent $Fabric -Since $started | Where-Object { $null -eq $_.Time -or $_.Time -lt $booted })
    $attempts = @($events | Where-Object { $_.Event -in 'takeover-failed', 'action-failed' -and ($_.Fields['zone'] -eq $z.Name -or $_.Line -match [regex]::Escape($z.Name)) })
    $took = @($events | Where-Object { $_.Event -eq 'takeover' -and $_.Fields['zone'] -eq $z.Name })
    $firstStart = @($events | Where-Object { $_.Event -eq 'takeover-start' -and $_.Fields['zone'] -eq $z.Name -and $null -ne $_.Time } | Sort-Object Time | Select-Object -First 1)
    # The ends of the attempts, the failed ones and the one that went through: the longest gap is the retry cadence
    # plus one attempt (at most a call's timeout when EC2 hangs), or the cool-down were a failure waited for it.
    $ends = [double[]]@(@($attempts) + @($took | Select-Object -First 1) | Where-Object { $null -ne $_.Time } | ForEach-Object Time | Sort-Object)
    $gaps = @(for ($i = 1; $i -lt $ends.Count; $i++) { $ends[$i] - $ends[$i - 1] })
    $m | Add-Member -Force -NotePropertyMembers ([ordered]@{
        Kind                    = $Kind
        Ec2Mode                 = $mode
        Ec2Started              = $started
        Ec2Recovered            = $recovered
        DetectedBeforeRecovery  = ($null -ne $detected -and $detected -lt $recovered)
        RecoveryToEgressSeconds = if ($null -ne $egressAt) { [math]::Round($egressAt - $recovered, 3) } else { $null }
        Refused                 = @($requests | Where-Object { $_.Outcome -ne 'pass' }).Count
        TakeoverAttempts        = $attempts.Count
        # The takeover met the fault: an attempt failed, or the first one began while EC2 still failed (and so was held
        # until EC2 answered: one attempt, no failed line).
        TakeoverMetFault        = ($attempts.Count -gt 0 -or ($firstStart.Count -and $firstStart[0].Time -lt $recovered))
        LongestAttemptSeconds   = if ($took.Count -and $null -ne $took[0].Fields['ms']) { [math]::Round([double]$took[0].Fields['ms'] / 1000, 3) } else { $null }
        LongestRetryGapSeconds  = if ($gaps.Count) { [math]::Round(($gaps | Measure-Object -Maximum).Maximum, 3) } else { $null }
        Takeovers               = $took.Count
        Writes                  = $writes.Count
        WriteTargets            = @($writes | ForEach-Object { "$(Get-FaultProxyParam $_ InstanceId)$(Get-FaultProxyParam $_ NatGatewayId)" } | Sort-Object -Unique)
    })
    Write-FailoverLog $Fabric "measured $Kind at $($z.Letter): recovery->egress $($m.RecoveryToEgressSeconds) s, $($m.Refused) refused, $($m.TakeoverAttempts) failed attempt(s), $($m.Takeovers) takeover(s), $($m.Writes) write(s) to $($m.WriteTargets -join ',')"
    $m
}
