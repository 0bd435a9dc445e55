# A NAT's machine and what runs on it (dot-sourced by Failover.psm1, same module scope): its namespace and
# interfaces, its IMDS stand-in, the boot takeover, and the monitor (started, stopped, killed, its events read).

function Add-FailoverNatHost {
    <#
    A NAT instance's machine: its namespace, fab0 on the fabric bridge with its private IP, wan0 on the internet
    bridge with its uplink address (the default route, and the interface IMDS names: its MAC is read into
    UplinkMac). -Nat is a zone of the fabric or a NAT the launcher hosts (FailoverLaunch.ps1): NatNs, PrivateIp,
    UplinkIp, FabricPeer and UplinkPeer (the bridge ports' names).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Nat)
    $null = Add-NetNsFixtureNamespace $Fabric -FullName $Nat.NatNs
    Add-NetNsVethPair -Namespace $Nat.NatNs -Name fab0 -Address "$($Nat.PrivateIp)/16" -PeerNamespace $Fabric.Ctl -PeerName $Nat.FabricPeer
    # With -ElasticIps wan0 carries the instance's private IP and goes to the internet gateway, which translates.
    $wan = if ($Fabric.ElasticIps) { "$($Nat.PrivateIp)/32" } else { "$($Nat.UplinkIp)/24" }
    Add-NetNsVethPair -Namespace $Nat.NatNs -Name wan0 -Address $wan -PeerNamespace $Nat.UplinkPeerNs -PeerName $Nat.UplinkPeer
    $null = Invoke-NetNsIp $Fabric.Ctl link set $Nat.FabricPeer master br0
    $null = Invoke-NetNsIp $Nat.UplinkPeerNs link set $Nat.UplinkPeer master br0
    foreach ($line in Get-FailoverUplinkScript $Fabric $Nat $Nat.PrivateIp) { $null = Invoke-NetNsNative -Namespace $Nat.NatNs -FilePath sh -ArgumentList '-c', $line }
    $Nat.UplinkMac = (Get-NetNsLink $Nat.NatNs wan0).Mac
}

function Start-FailoverImds {
    <#
    (Re)starts the zone's IMDS stand-in with the zone's current instance, and no overrides (Set-FailoverImdsPath,
    FailoverHandover.ps1, writes them).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Zone.Imds) { Stop-NetNsProcess $Zone.Imds -GraceSeconds 2 }
    $overrides = Get-FailoverImdsOverridesPath $Fabric $Zone
    Set-Content -LiteralPath $overrides -Value '{}'
    $Zone.Imds = Start-NetNsImds $Fabric -Namespace $Zone.NatNs -Name "imds-$($Zone.Letter)-$($Zone.Generation)" -InstanceId $Zone.InstanceId `
        -Zone $Zone.Name -Mac $Zone.UplinkMac -VpcId $Fabric.Vpc.vpcId -NetworkInterfaceId $Zone.NetworkInterfaceId -VpcCidr $Fabric.Cidr `
        -OverridesPath $overrides
}

function Get-FailoverModuleEnvironment {
    # What the module sees on an instance: IMDS at the stand-in; keys only because moto wants some.
    @{
        AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:8169'
        AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = $script:Region
        AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null
        AWS_ENDPOINT_URL = $null; AWS_ENDPOINT_URL_EC2 = $null; AWS_EC2_METADATA_DISABLED = $null
    }
}

function Invoke-FailoverTakeover {
    <#
    Runs Invoke-HaNatTakeover in the zone's NAT namespace as the boot unit does (identity from IMDS, no
    -InstanceId), or with -Parameters (e.g. @{ InstanceId = ...; AvailabilityZone = ... }) to drive a takeover by
    hand. Several zones run at once (one process each). Returns, per zone, Output, Errors, Warnings, Verbose
    (tests/netns/Invoke-HaNatJson.ps1) and Zone.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Zone, [hashtable] $Parameters = @{},
        [int] $TimeoutSeconds = 120)
    $pwsh = Get-NetNsPwshCommand
    $all = @{ EndpointUrl = $Fabric.Moto; Region = $script:Region } + $Parameters
    $environment = Get-FailoverModuleEnvironment
    $running = foreach ($z in $Zone) {
        $z = Get-FailoverZone $Fabric $z
        $start = [System.Diagnostics.ProcessStartInfo]::new((Find-NetNsTool ip))
        foreach ($a in @('netns', 'exec', $z.NatNs, $pwsh.FilePath) + $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File',
                (Join-Path $PSScriptRoot 'Invoke-HaNatJson.ps1'), '-ModulePath', $Fabric.ModulePath, '-Command', 'Invoke-HaNatTakeover',
                '-ParametersJson', ($all | ConvertTo-Json -Compress))) { $start.ArgumentList.Add($a) }
        foreach ($key in $environment.Keys) {
            if ($null -eq $environment[$key]) { $null = $start.Environment.Remove($key) } else { $start.Environment[$key] = [string]$environment[$key] }
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        [pscustomobject]@{ Zone = $z; Process = $process; StdOut = $process.StandardOutput.ReadToEndAsync(); StdErr = $process.StandardError.ReadToEndAsync() }
    }
    foreach ($run in @($running)) {
        if (-not $run.Process.WaitForExit($TimeoutSeconds * 1000)) {
            $run.Process.Kill($true)
            throw "the takeover in $($run.Zone.Name) timed out after $TimeoutSeconds s"
        }
        $run.Process.WaitForExit()
        $stdout = $run.StdOut.GetAwaiter().GetResult()
        $Fabric.Takeovers++
        Set-Content -LiteralPath (Join-Path $Fabric.Work "takeover-$($Fabric.Takeovers)-$($run.Zone.Letter).json") -Value $stdout
        try { $result = $stdout | ConvertFrom-Json } catch {
            throw "the takeover in $($run.Zone.Name) printed no JSON (exit $($run.Process.ExitCode)): $($run.StdErr.GetAwaiter().GetResult()) $stdout"
        }
        Write-FailoverLog $Fabric "takeover in $($run.Zone.NatNs) $(($Parameters | ConvertTo-Json -Compress)): $(@($result.Output).Count) result(s), $(@($result.Errors).Count) error(s)"
        $result | Add-Member -NotePropertyName Zone -NotePropertyValue $run.Zone.Letter -PassThru
    }
}

function Start-FailoverMonitor {
    <#
    Starts the monitor in the zone's NAT namespace as hanat-monitor.service does (the hanat-monitor executable,
    out/hanat-monitor/ beside the module), with the probe target on the internet server and the fabric's
    -MonitorParameters (plus -Parameters) on top; -Pwsh (or the fabric's -PwshMonitor): Start-HaNatMonitor in pwsh
    with the same parameters. Its stdout (the `hanat-monitor event=...` lines) goes to a file listed in the zone's
    MonitorLogs.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [hashtable] $Parameters = @{}, [switch] $Pwsh)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Zone.Monitor -and (Test-NetNsProcess $Zone.Monitor)) { throw "the monitor of $($Zone.Name) already runs" }
    $all = @{ EndpointUrl = (Get-FailoverMonitorEndpoint $Fabric); Region = $script:Region; ProbeTarget = $Fabric.ProbeTarget } + $Fabric.MonitorParameters
    foreach ($key in $Parameters.Keys) { $all[$key] = $Parameters[$key] }
    # A switch is given as $true (present) or $false (left out); anything else as a quoted string.
    $splat = @($all.Keys | Sort-Object | ForEach-Object {
            $value = $all[$_]
            if ($value -is [bool] -or $value -is [switch]) { if ($value) { "-$_" } }
            else { "-$_ '$("$value" -replace "'", "''")'" }
        }) -join ' '
    $name = "monitor-$($Zone.Letter)-$($Zone.Generation)-$($Zone.MonitorLogs.Count)"
    # stamp.py prefixes each line with the time it was printed, as journald would; a signal to the group still
    # reaches the monitor itself.
    if ($Pwsh -or ($Fabric.PSObject.Properties['PwshMonitor'] -and $Fabric.PwshMonitor)) {
        $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$($Fabric.ModulePath)'; Start-HaNatMonitor $splat"
        $pwshCommand = Get-NetNsPwshCommand
        $program = @($pwshCommand.FilePath) + $pwshCommand.ArgumentList + @('-NoProfile', '-NonInteractive', '-Command', $command)
        $shown = "Start-HaNatMonitor $splat"
    } else {
        # The executable (Native AOT, ./build.sh's) takes the cmdlet's parameters by the same names.
        if (-not (Test-Path -LiteralPath $Fabric.MonitorHostPath)) { throw "$($Fabric.MonitorHostPath) is missing: run ./build.sh first" }
        $program = @($Fabric.MonitorHostPath) + @($all.Keys | Sort-Object | ForEach-Object {
                $value = $all[$_]
                if ($value -is [bool] -or $value -is [switch]) { if ($value) { "-$_" } } else { "-$_"; "$value" }
            })
        $shown = $program -join ' '
    }
    $environment = Get-FailoverModuleEnvironment
    if ($program[0] -eq $Fabric.MonitorHostPath) {
        # The unit's own Environment= lines (the runtime's settings), as systemd gives them to the executable.
        foreach ($line in Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../packer/systemd/hanat-monitor.service')) {
            if ($line -match '^Environment=([A-Za-z_][A-Za-z0-9_]*)=(.*)$') { $environment[$Matches[1]] = $Matches[2] }
        }
    }
    $Zone.Monitor = Start-FailoverProcess $Fabric $Zone.NatNs $name python3 (@((Join-Path $PSScriptRoot 'stamp.py')) + $program) $environment
    $Zone.MonitorLogs.Add($Zone.Monitor.StdOut)
    Write-FailoverLog $Fabric "monitor started in $($Zone.NatNs) (pid $($Zone.Monitor.Id)): $shown"
    $Zone.Monitor
}

function Stop-FailoverMonitor {
    <#
    Stops the zone's monitor: SIGTERM to its process group, as `systemctl stop` does, then waits until it exited
    (up to -GraceSeconds, the unit's TimeoutStopSec, then SIGKILL as systemd would) and returns its exit code
    (Get-FailoverMonitorExit). -Kill: SIGKILL at once, returns nothing.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [switch] $Kill, [double] $GraceSeconds = 45)
    $Zone = Get-FailoverZone $Fabric $Zone
    if (-not $Zone.Monitor) { return }
    if ($Kill) {
        # (An id that is no longer the monitor's may be another process's group now: kill only the monitor's.)
        if (Test-NetNsProcess $Zone.Monitor) { $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-KILL', '--', "-$($Zone.Monitor.Id)" -AllowFailure }
        Wait-NetNsCondition -TimeoutSeconds 5 -Because 'the killed monitor to be gone' -Condition { -not (Test-NetNsProcess $Zone.Monitor) }
    } else {
        Stop-NetNsProcess $Zone.Monitor -GraceSeconds $GraceSeconds
        Get-FailoverMonitorExit $Fabric $Zone
    }
}
