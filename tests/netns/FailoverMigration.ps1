# The failover harness's migration mode (dot-sourced by Failover.psm1): a VPC HaNat did not build, each zone on its
# NAT gateway, then HaNat put into it as a user does (Add-HaNatVpc), its NATs taking the zones, and taken out again
# (Remove-HaNatVpc).
#
#   $f = New-FailoverFabric -Existing          # no hanat:* tag anywhere, each private table on its zone's NAT gateway
#   $m = Add-FailoverMigration $f -Name prod   # Add-HaNatVpc, the NATs adopted, boot takeovers, monitors
#   $r = Remove-FailoverMigration $f           # Remove-HaNatVpc, until every table is on its NAT gateway again
#
# The cmdlets run in the control namespace (where moto listens), in a pwsh of their own, through
# Invoke-HaNatJson.ps1, as a user's shell would run them. What AWS would do and moto does not is filled in by
# migrate_moto.py (see adopt there): the deployment's Auto Scaling group launches NATs in moto with no namespace
# behind them, so the harness gives its own NAT instances the launch template's tags and puts them in the group in
# their place, standing in for the group launching these very instances.

function Invoke-FailoverHaNat {
    <#
    Runs one HaNat cmdlet (-Command, -Parameters) against the fabric's moto from the control namespace, in a pwsh
    of its own, and returns what Invoke-HaNatJson.ps1 printed (Output, Errors, Warnings, Verbose) with Started and
    Ended (the process's start and end, as a user typing the command sees it) and Seconds.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [string] $Command, [hashtable] $Parameters = @{})
    $pwsh = Get-NetNsPwshCommand
    $all = @{ EndpointUrl = $Fabric.Moto; Region = $script:Region } + $Parameters
    $arguments = $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-HaNatJson.ps1'),
        '-ModulePath', $Fabric.ModulePath, '-Command', $Command, '-ParametersJson', ($all | ConvertTo-Json -Compress))
    # A user's keys, as moto wants some; nothing of the caller's profile or endpoint leaks in.
    $environment = @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = $script:Region
        AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null; AWS_ENDPOINT_URL = $null; AWS_EC2_METADATA_DISABLED = 'true' }
    $started = Get-FailoverNow
    Write-FailoverLog $Fabric "$Command $($Parameters | ConvertTo-Json -Compress)"
    $run = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $environment -TimeoutSeconds 600 -AllowFailure
    $ended = Get-FailoverNow
    $n = @(Get-ChildItem -LiteralPath $Fabric.Work -Filter "$Command-*.json" -ErrorAction SilentlyContinue).Count
    Set-Content -LiteralPath (Join-Path $Fabric.Work "$Command-$n.json") -Value $run.StdOut
    try { $result = $run.StdOut | ConvertFrom-Json } catch { throw "$Command printed no JSON (exit $($run.ExitCode)): $($run.StdErr) $($run.StdOut)" }
    Write-FailoverLog $Fabric "$Command returned in $([math]::Round($ended - $started, 3)) s: $(@($result.Output).Count) output(s), $(@($result.Errors).Count) error(s)"
    $result | Add-Member -NotePropertyMembers ([ordered]@{ Started = $started; Ended = $ended; Seconds = [math]::Round($ended - $started, 3) }) -PassThru
}

function Wait-FailoverZoneTarget {
    <#
    Waits until every zone's private table sends 0.0.0.0/0, in moto, to the zone's own NAT instance (-Nat) or to its
    NAT gateway (-NatGateway), and the router has moved the private host's kernel route there. Returns the time of
    the router's last move of a zone to it since -Since (the moment the last zone was there), or the time it was
    already there.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [switch] $Nat, [switch] $NatGateway, [double] $Since = 0, [double] $TimeoutSeconds = 60)
    if ($Nat -eq $NatGateway) { throw 'say -Nat or -NatGateway' }
    $what = if ($Nat) { 'its own NAT' } else { 'its NAT gateway' }
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because "every zone's table on $what" -Condition {
        $targets = Get-FailoverRouteTarget $Fabric
        foreach ($zone in $Fabric.Zones) {
            $target, $hop = if ($Nat) { $zone.InstanceId, $zone.PrivateIp } else { $zone.NatGatewayId, $zone.NatGatewayIp }
            if ($targets[$zone.Letter] -ne $target -or (Get-FailoverRoute $Fabric $zone) -ne $hop) { return $false }
        }
        $true
    }
    $moves = foreach ($zone in $Fabric.Zones) {
        $target = if ($Nat) { $zone.InstanceId } else { $zone.NatGatewayId }
        Get-FailoverRouterEvent $Fabric -Since $Since | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Target -eq $target } | Select-Object -Last 1
    }
    if (@($moves).Count) { (@($moves) | Measure-Object -Property Time -Maximum).Maximum } else { Get-FailoverNow }
}

function Add-FailoverMigration {
    <#
    The migration as a user does it, on a fabric of New-FailoverFabric -Existing: Add-HaNatVpc -VpcId -Name (with
    an AMI made in moto and the harness's instance type), then what the deployment's group would do (the harness's
    NAT instances adopted: migrate_moto.py adopt), then each NAT's boot takeover (no -PrivateSubnetTag: the NAT
    finds its deployment from its own hanat:served-by tag) and monitor, all zones at once as a new group's instances
    boot. Unless -NoWait, waits until every zone's table is on its own NAT. Returns Name, Started, Add (the
    cmdlet's result), AddSeconds, Adopted, AdoptedSeconds and BootedSeconds (Started -> the adoption done, -> every
    boot takeover returned), Takeovers, OnNats (the time every zone was on its NAT, or $null with -NoWait) and
    Seconds (Started -> OnNats).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [string] $Name, [hashtable] $Parameters = @{},
        [switch] $NoWait, [double] $TimeoutSeconds = 90)
    if (-not $Fabric.PSObject.Properties['MigrationImage'] -or -not $Fabric.MigrationImage) {
        $image = Invoke-FailoverPython $Fabric migrate_moto.py @('image', '--endpoint', $Fabric.Moto, '--instance', $Fabric.Zones[0].InstanceId)
        $Fabric | Add-Member -Force -NotePropertyName MigrationImage -NotePropertyValue $image
    }
    $type = if ($Fabric.MigrationImage.architecture -eq 'arm64') { 't4g.nano' } else { 't3.nano' }
    $started = Get-FailoverNow
    $add = Invoke-FailoverHaNat $Fabric Add-HaNatVpc (@{ VpcId = $Fabric.Vpc.vpcId; Name = $Name; ImageId = $Fabric.MigrationImage.imageId; InstanceType = $type } + $Parameters)
    if (@($add.Errors).Count) { throw "Add-HaNatVpc failed: $($add.Errors | ConvertTo-Json -Compress)" }
    # -ElasticIps: the zones' addresses are the ones Add-HaNatVpc allocated.
    if ($Fabric.ElasticIps) { Sync-FailoverElasticIp $Fabric }

    # AWS: the group launches the NATs. Here: the harness's NATs, whose namespaces carry packets, are the group's.
    $adopted = Invoke-FailoverPython $Fabric migrate_moto.py (@('adopt', '--endpoint', $Fabric.Moto, '--name', $Name) +
        @($Fabric.Zones | ForEach-Object { '--instance', $_.InstanceId }))
    $adoptedAt = Get-FailoverNow
    $Fabric.Vpc.group = $adopted.group
    $Fabric | Add-Member -Force -NotePropertyName MigrationName -NotePropertyValue $Name
    # Restore-FailoverNat's replacements are launched with these, as the group would launch them.
    $Fabric | Add-Member -Force -NotePropertyName MigrationTags -NotePropertyValue $adopted.tags
    Write-FailoverLog $Fabric "NATs adopted into $($adopted.group) with $($adopted.tags | ConvertTo-Json -Compress); the group's own $(@($adopted.detached) -join ', ') detached and terminated"

    $takeovers = @(Invoke-FailoverTakeover $Fabric $Fabric.Zones)
    foreach ($boot in $takeovers) {
        if (@($boot.Errors).Count -gt 0) { throw "the boot takeover in zone $($boot.Zone) failed: $($boot.Errors | ConvertTo-Json -Compress)" }
    }
    $bootedAt = Get-FailoverNow
    foreach ($zone in $Fabric.Zones) { $null = Start-FailoverMonitor $Fabric $zone }
    $onNats = if ($NoWait) { $null } else { Wait-FailoverZoneTarget $Fabric -Nat -Since $started -TimeoutSeconds $TimeoutSeconds }
    Write-FailoverLog $Fabric "migration of $Name done: Add-HaNatVpc $($add.Seconds) s, every zone on its NAT $(if ($onNats) { [math]::Round($onNats - $started, 3) }) s after the start"
    [pscustomobject]@{
        Name = $Name; Started = $started; Add = $add; AddSeconds = $add.Seconds; Adopted = $adopted; Takeovers = $takeovers
        AdoptedSeconds = [math]::Round($adoptedAt - $started, 3); BootedSeconds = [math]::Round($bootedAt - $started, 3)
        OnNats = $onNats; Seconds = if ($onNats) { [math]::Round($onNats - $started, 3) } else { $null }
    }
}

function Remove-FailoverMigration {
    <#
    Remove-HaNatVpc -Name (the fabric's migration) as a user runs it, then waits until every zone's table is on its
    NAT gateway again (moto and kernel). Returns Started, Remove (the cmdlet's result), RemoveSeconds, OnGateways
    (the time every zone was back) and Seconds (Started -> the later of the cmdlet's return and OnGateways).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [hashtable] $Parameters = @{}, [double] $TimeoutSeconds = 30)
    $started = Get-FailoverNow
    $remove = Invoke-FailoverHaNat $Fabric Remove-HaNatVpc (@{ Name = $Fabric.MigrationName; Confirm = $false } + $Parameters)
    if (@($remove.Errors).Count) { throw "Remove-HaNatVpc failed: $($remove.Errors | ConvertTo-Json -Compress)" }
    $back = Wait-FailoverZoneTarget $Fabric -NatGateway -Since $started -TimeoutSeconds $TimeoutSeconds
    $done = [math]::Max($back, $remove.Ended)
    Write-FailoverLog $Fabric "Remove-HaNatVpc $($remove.Seconds) s, every zone on its NAT gateway $([math]::Round($back - $started, 3)) s after the start"
    [pscustomobject]@{ Started = $started; Remove = $remove; RemoveSeconds = $remove.Seconds; OnGateways = $back; Seconds = [math]::Round($done - $started, 3) }
}

function Get-FailoverMigrationCount {
    <#
    Per zone, the probe's requests from -Since to -Until: Sent, Failed, InFlight (of the failed, those open while
    the router moved the zone's route: reset by a NAT that never saw the connection, as in EC2 when a route
    changes), Lost (the other failures), Moves (the router's moves of the zone's route), and how many went through
    the zone's NAT gateway (ViaGateway), its own NAT (ViaNat) and anything else (Elsewhere: a peer's NAT or gateway).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $Since = 0, [double] $Until = [double]::MaxValue)
    foreach ($zone in $Fabric.Zones) {
        $results = @(Get-FailoverProbeResult $Fabric $zone -Since $Since | Where-Object Start -LT $Until)
        $moves = @(Get-FailoverRouterEvent $Fabric -Since $Since | Where-Object { $_.Namespace -eq $zone.PrivNs -and $_.Time -lt $Until })
        $failed = @($results | Where-Object { -not $_.Ok })
        $inFlight = @($failed | Where-Object { $f = $_; @($moves | Where-Object { $_.Time -ge $f.Start - 0.01 -and $_.Time -le $f.End + $script:RouterStampSlackSeconds }).Count -gt 0 })
        [pscustomobject]@{
            Zone = $zone.Letter; Sent = $results.Count; Failed = $failed.Count; InFlight = $inFlight.Count; Lost = $failed.Count - $inFlight.Count
            Moves = $moves.Count
            ViaGateway = @($results | Where-Object Via -EQ "natgw-$($zone.Letter)").Count
            ViaNat = @($results | Where-Object Via -EQ $zone.Letter).Count
            Elsewhere = @($results | Where-Object { $_.Ok -and $_.Via -notin "natgw-$($zone.Letter)", $zone.Letter }).Count
        }
    }
}
