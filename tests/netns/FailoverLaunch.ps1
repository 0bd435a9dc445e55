# The failover harness's launcher (dot-sourced by Failover.psm1): what EC2 does with the instances someone launches
# in moto and later terminates, so that Update-HaNatVpc's rolling replacement moves real packets.
#
#   Start-FailoverLauncher $f                        # a watcher beside the test, in a runspace of its own
#   Add-FailoverLaunchFault $f -Kind ForwardDropRule # the next NAT it hosts fails its own data-plane check
#   ... Update-HaNatVpc (Invoke-FailoverHaNat), or RunInstances / TerminateInstances through the EC2 API ...
#   Get-FailoverLaunched $f                          # every NAT it hosted: instance, zone, takeover, when it left
#   Stop-FailoverLauncher $f                         # returns the errors it met (none)
#
# A launch: every instance of the fabric's VPC launched from a launch template (it carries aws:ec2launchtemplate:id,
# as RunInstances with LaunchTemplate gives it) that moto lists as running and the launcher has not seen before gets
# a machine, as EC2 boots one: a namespace of its own with fab0 on the fabric bridge at the private IP moto gave it
# (moto picks it in the subnet, not from a range the harness controls: the router maps instances to their private
# IPs, so whatever moto gave works), wan0 on the internet bridge with an uplink address of its own (198.51.100.101
# and up), then what the AMI's units do (Start-FailoverBoot: the IMDS stand-in with its identity, the boot takeover,
# the monitor). A launch fault (Add-FailoverLaunchFault) is put on the host before its boot takeover.
#
# A termination: when moto says an instance the launcher hosts, or a zone's current NAT, is shutting-down,
# terminated, stopping or stopped, the launcher plays its shutdown as AWS would. moto terminates at once (no
# Terminating:Wait, no shutdown: the instance is "terminated" the moment it is asked), so the shutdown is played
# here after the fact, in AWS's order: the Auto Scaling lifecycle state in IMDS turns Terminated
# (Set-FailoverImdsPath), the monitor gets -GraceSeconds to leave on its own (its handover), then what remains is
# stopped as systemd stops the units at shutdown (SIGTERM, Stop-FailoverMonitor), and the machine is gone (its
# namespace deleted). When the instance was a zone's current NAT and the launcher hosts a running NAT in that zone,
# that NAT becomes the zone's (the zone record's NAT fields point at it), so that every function that takes -Zone
# acts on the zone's NAT of now.
#
# The watcher runs in a runspace of its own (one thread, one pass every -IntervalSeconds), so that a cmdlet the test
# runs (Invoke-FailoverHaNat blocks) and the EC2 emulation go on at once. Sync-FailoverLauncher is one pass, for a
# test that drives it by hand.

function Start-FailoverLauncher {
    <#
    Starts the launcher (see the top of FailoverLaunch.ps1) on the fabric. The instances moto already lists are the
    harness's own and are never hosted. -IntervalSeconds between passes; -GraceSeconds a terminated NAT's monitor
    has to leave on its own before SIGTERM; -StopGraceSeconds after the SIGTERM before SIGKILL (systemd's
    TimeoutStopSec).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $IntervalSeconds = 0.3, [double] $GraceSeconds = 10,
        [double] $StopGraceSeconds = 30)
    if ($Fabric.PSObject.Properties['Launcher'] -and $Fabric.Launcher -and -not $Fabric.Launcher.Stopped) { throw 'the launcher already runs' }
    $state = [hashtable]::Synchronized(@{
            Stop = $false; Stopped = $false; IntervalSeconds = $IntervalSeconds; GraceSeconds = $GraceSeconds; StopGraceSeconds = $StopGraceSeconds
            Seen = [System.Collections.Generic.HashSet[string]]::new()
            Hosted = [System.Collections.Generic.List[object]]::new()
            Retiring = [System.Collections.Generic.List[object]]::new()
            Gone = [System.Collections.Generic.HashSet[string]]::new()
            Shutdowns = [System.Collections.Generic.List[object]]::new()
            Faults = [System.Collections.Generic.List[string]]::new()
            Uplinks = [hashtable]::Synchronized(@{})
            Errors = [System.Collections.Generic.List[string]]::new()
            Passes = 0; PowerShell = $null; Handle = $null
        })
    foreach ($instance in Get-FailoverLaunchInstance $Fabric) { $null = $state.Seen.Add($instance.Id) }
    # Which zone each uplink address is, for the probes' answers, also once its NAT has gone.
    foreach ($zone in $Fabric.Zones) { $state.Uplinks[$zone.UplinkIp] = $zone.Letter }
    $Fabric | Add-Member -Force -NotePropertyName Launcher -NotePropertyValue $state
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    $null = $shell.AddScript({
            param($ModulePath, $Fabric)
            $ErrorActionPreference = 'Stop'
            $module = Import-Module $ModulePath -PassThru
            & $module { param($f) Invoke-FailoverLauncherLoop $f } $Fabric
        }).AddArgument((Join-Path $PSScriptRoot 'Failover.psm1')).AddArgument($Fabric)
    $state.PowerShell = $shell
    $state.Handle = $shell.BeginInvoke()
    Write-FailoverLog $Fabric "launcher started: $($state.Seen.Count) instance(s) already there are the harness's own"
}

function Stop-FailoverLauncher {
    <#
    Stops the launcher after its current pass (a boot takeover in flight finishes first) and returns the errors it
    met, one string each (none when all went well). The NATs it hosts keep running; the fabric's teardown ends them.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $TimeoutSeconds = 120)
    if (-not $Fabric.PSObject.Properties['Launcher'] -or -not $Fabric.Launcher) { return }
    $state = $Fabric.Launcher
    if ($state.Stopped) { return @($state.Errors) }
    $state.Stop = $true
    if (-not $state.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))) {
        $state.Errors.Add("the launcher did not stop within $TimeoutSeconds s")
        $state.PowerShell.Stop()
    }
    try { $null = $state.PowerShell.EndInvoke($state.Handle) } catch { $state.Errors.Add("the launcher ended with: $_") }
    foreach ($e in $state.PowerShell.Streams.Error) { $state.Errors.Add("$e") }
    $state.PowerShell.Runspace.Dispose()
    $state.PowerShell.Dispose()
    $state.Stopped = $true
    Write-FailoverLog $Fabric "launcher stopped after $($state.Passes) pass(es), $($state.Hosted.Count) NAT(s) hosted, $($state.Errors.Count) error(s)"
    @($state.Errors)
}

function Invoke-FailoverLauncherLoop {
    # The watcher's body, in its own runspace: one pass, a pause, until told to stop. A pass that fails is recorded
    # and the next one tries again, as EC2 would keep going.
    param([object] $Fabric)
    $state = $Fabric.Launcher
    while (-not $state.Stop) {
        try { Sync-FailoverLauncher $Fabric }
        catch {
            $state.Errors.Add("$_ at $($_.ScriptStackTrace -replace "`n", ' <- ')")
            Write-FailoverLog $Fabric "launcher pass failed: $_"
        }
        Start-Sleep -Milliseconds ([int]($state.IntervalSeconds * 1000))
    }
}

function Add-FailoverLaunchFault {
    <#
    The next -Count NATs the launcher hosts get fault -Kind (Add-FailoverFault) on their fresh host before their
    boot takeover: ForwardDropRule (a broken image's firewall) makes the NAT fail its own data-plane check.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [ValidateScript({ $script:FaultKinds.Contains($_) })] [string] $Kind,
        [int] $Count = 1)
    if ($Kind -in 'MonitorKilled', 'NatDead') { throw "$Kind acts on a running NAT; a launch fault is put on a host before it boots" }
    for ($i = 0; $i -lt $Count; $i++) { $Fabric.Launcher.Faults.Add($Kind) }
    Write-FailoverLog $Fabric "launch fault: the next $Count NAT(s) hosted get $Kind before their boot takeover"
}

function Get-FailoverLaunched {
    <#
    Every NAT the launcher hosted, oldest first: Letter (its zone), InstanceId, PrivateIp, UplinkIp, NatNs, Hosted
    (when its machine was up), Booted (its boot takeover's start), Fault, Takeover (its result: Output, Errors,
    Warnings), Status (booting, running, failed, retiring, retired), Promoted (it became its zone's NAT), Leaving
    (when moto first said it was terminated), Retired (when its machine was gone), SigTerm (whether its monitor had
    to be stopped), and MonitorLogs.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    if (-not $Fabric.PSObject.Properties['Launcher'] -or -not $Fabric.Launcher) { return }
    @($Fabric.Launcher.Hosted)
}

function Get-FailoverLaunchShutdown {
    <#
    Every shutdown the launcher played, oldest first: InstanceId, Zone (letter), Started (when moto said it left),
    Ended (its machine gone), Seconds, SigTerm (its monitor did not leave within the grace and was stopped).
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    if (-not $Fabric.PSObject.Properties['Launcher'] -or -not $Fabric.Launcher) { return }
    @($Fabric.Launcher.Shutdowns)
}

function Wait-FailoverLaunched {
    <# Waits until the launcher has hosted -Count NATs and none is still booting; returns them. #>
    param([Parameter(Mandatory)] [object] $Fabric, [int] $Count = 1, [double] $TimeoutSeconds = 120)
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because "the launcher to host $Count NAT(s)" -Condition {
        $hosted = @(Get-FailoverLaunched $Fabric)
        $hosted.Count -ge $Count -and -not @($hosted | Where-Object Status -EQ 'booting')
    }
    Get-FailoverLaunched $Fabric
}

function Get-FailoverLaunchInstance {
    # The fabric VPC's instances as moto lists them: Id, State, PrivateIp, Zone, SubnetId, NetworkInterfaceId, Tags.
    param([object] $Fabric)
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeInstances'; 'Filter.1.Name' = 'vpc-id'; 'Filter.1.Value.1' = $Fabric.Vpc.vpcId })
    foreach ($item in $reply.SelectNodes("//*[local-name()='instancesSet']/*[local-name()='item']")) {
        $tags = @{}
        foreach ($tag in $item.SelectNodes("*[local-name()='tagSet']/*[local-name()='item']")) {
            $tags[$tag.SelectSingleNode("*[local-name()='key']").InnerText] = $tag.SelectSingleNode("*[local-name()='value']").InnerText
        }
        $eni = $item.SelectSingleNode("*[local-name()='networkInterfaceSet']/*[local-name()='item']/*[local-name()='networkInterfaceId']")
        [pscustomobject]@{
            Id = $item.SelectSingleNode("*[local-name()='instanceId']").InnerText
            State = $item.SelectSingleNode("*[local-name()='instanceState']/*[local-name()='name']").InnerText
            PrivateIp = $item.SelectSingleNode("*[local-name()='privateIpAddress']").InnerText
            Zone = $item.SelectSingleNode("*[local-name()='placement']/*[local-name()='availabilityZone']").InnerText
            SubnetId = $item.SelectSingleNode("*[local-name()='subnetId']").InnerText
            NetworkInterfaceId = if ($eni) { $eni.InnerText } else { $null }
            Tags = $tags
        }
    }
}

function Sync-FailoverLauncher {
    <#
    One pass of the launcher: plays the shutdown of every NAT moto says is leaving (and finishes those whose grace
    ran out or whose monitor left), then hosts every new instance launched from a launch template.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $state = $Fabric.Launcher
    $state.Passes++
    $instances = @(Get-FailoverLaunchInstance $Fabric)
    $byId = @{}
    foreach ($i in $instances) { $byId[$i.Id] = $i }

    # Leaving: a zone's current NAT, or a hosted one that is not (yet) a zone's.
    $watched = @($Fabric.Zones | Where-Object { $_.InstanceId -and $_.Monitor }) + @($state.Hosted | Where-Object { $_.Status -eq 'running' -and -not $_.Promoted })
    foreach ($nat in $watched) {
        $seen = $byId[$nat.InstanceId]
        if (-not $seen -or $seen.State -notin 'shutting-down', 'terminated', 'stopping', 'stopped') { continue }
        if (@($state.Retiring | Where-Object InstanceId -EQ $nat.InstanceId).Count) { continue }
        Start-FailoverLaunchShutdown $Fabric $nat $seen.State
    }
    foreach ($leaving in @($state.Retiring)) { Complete-FailoverLaunchShutdown $Fabric $leaving }

    foreach ($instance in $instances) {
        if ($instance.State -ne 'running' -or $state.Seen.Contains($instance.Id)) { continue }
        if (-not $instance.Tags.ContainsKey('aws:ec2launchtemplate:id')) { continue }
        $null = $state.Seen.Add($instance.Id)
        Add-FailoverLaunchedNat $Fabric $instance
    }
}

function Add-FailoverLaunchTags {
    <#
    moto gives a launched instance the tags of its launch template version only when that version holds them: a
    version made with SourceVersion does not inherit the source's data (moto stores only what the call gave), where
    EC2 would. The harness fills that in: the instance gets the instance tags of the newest version, at or below
    its own, that has any, as EC2 would have given them. Returns the tags the instance has then.
    #>
    param([object] $Fabric, [object] $Instance)
    $template = $Instance.Tags['aws:ec2launchtemplate:id']
    $version = [int]$Instance.Tags['aws:ec2launchtemplate:version']
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeLaunchTemplateVersions'; LaunchTemplateId = $template })
    $versions = foreach ($item in $reply.SelectNodes("//*[local-name()='launchTemplateVersionSet']/*[local-name()='item']")) {
        $tags = [ordered]@{}
        foreach ($spec in $item.SelectNodes(".//*[local-name()='tagSpecificationSet']/*[local-name()='item'][*[local-name()='resourceType']='instance']")) {
            foreach ($tag in $spec.SelectNodes("*[local-name()='tagSet']/*[local-name()='item']")) {
                $tags[$tag.SelectSingleNode("*[local-name()='key']").InnerText] = $tag.SelectSingleNode("*[local-name()='value']").InnerText
            }
        }
        [pscustomobject]@{ Number = [int]$item.SelectSingleNode("*[local-name()='versionNumber']").InnerText; Tags = $tags }
    }
    $source = @($versions | Where-Object { $_.Number -le $version -and $_.Tags.Count } | Sort-Object Number -Descending) | Select-Object -First 1
    if (-not $source) { return $Instance.Tags }
    $missing = [ordered]@{}
    foreach ($key in $source.Tags.Keys) { if (-not $Instance.Tags.ContainsKey($key)) { $missing[$key] = $source.Tags[$key] } }
    if ($missing.Count) {
        $call = [ordered]@{ Action = 'CreateTags'; 'ResourceId.1' = $Instance.Id }
        $n = 0
        foreach ($key in $missing.Keys) { $n++; $call["Tag.$n.Key"] = $key; $call["Tag.$n.Value"] = $missing[$key] }
        $null = Invoke-FailoverMotoQuery $Fabric ec2 $call
        foreach ($key in $missing.Keys) { $Instance.Tags[$key] = $missing[$key] }
        Write-FailoverLog $Fabric "launcher: $($Instance.Id) given its template's tags from version $($source.Number) (moto did not): $(@($missing.Keys) -join ', ')"
    }
    $Instance.Tags
}

function Add-FailoverLaunchedNat {
    # Hosts one launched instance: its machine (a zone-shaped record, so that every function that takes a zone takes
    # it), its launch fault if one is due, then its boot (IMDS, boot takeover, monitor).
    param([object] $Fabric, [object] $Instance)
    $state = $Fabric.Launcher
    $zone = $Fabric.Zones | Where-Object Name -EQ $Instance.Zone | Select-Object -First 1
    if (-not $zone) { throw "$($Instance.Id) was launched in $($Instance.Zone), where the fabric has no zone" }
    $n = $state.Hosted.Count + 1
    $letter = $zone.Letter
    # A copy of the zone's record with the NAT's own parts: the zone's subnets, tables and private host stay the zone's.
    $nat = $zone.PSObject.Copy()
    $own = [ordered]@{
        NatNs = "hnt-$($Fabric.Suffix)-nat-$letter-$n"; FabricPeer = "n-$letter$n"; UplinkPeer = "w-$letter$n"; UplinkPeerNs = $(if ($Fabric.ElasticIps) { $Fabric.Igw } else { $Fabric.Inet })
        UplinkIp = "198.51.100.$(100 + $n)"; UplinkMac = $null; PrivateIp = $Instance.PrivateIp
        InstanceId = $Instance.Id; NetworkInterfaceId = $Instance.NetworkInterfaceId; Generation = 100 + $n
        Imds = $null; Monitor = $null; MonitorLogs = [System.Collections.Generic.List[string]]::new()
        Instances = [System.Collections.Generic.List[string]]::new(); Probe = $null; ProbeLog = $null
    }
    foreach ($field in $own.GetEnumerator()) { $nat.($field.Key) = $field.Value }
    $nat.Instances.Add($Instance.Id)
    $launch = [ordered]@{ Hosted = $null; Booted = $null; Fault = $null; Takeover = $null; Status = 'booting'; Promoted = $false
        Leaving = $null; Retired = $null; SigTerm = $null }
    $nat | Add-Member -NotePropertyMembers $launch
    $state.Hosted.Add($nat)
    $state.Uplinks[$nat.UplinkIp] = $letter
    if ($Instance.SubnetId -ne $zone.PublicSubnetId) {
        Write-FailoverLog $Fabric "launcher: $($Instance.Id) is in $($Instance.SubnetId), not $($zone.Name)'s NAT subnet $($zone.PublicSubnetId)"
    }
    try {
        $null = Add-FailoverLaunchTags $Fabric $Instance
        Add-FailoverNatHost $Fabric $nat
        $nat.Hosted = Get-FailoverNow
        Write-FailoverLog $Fabric "launcher: $($Instance.Id) launched in $($zone.Name) at $($nat.PrivateIp): machine $($nat.NatNs), uplink $($nat.UplinkIp)"
        if ($state.Faults.Count) {
            $nat.Fault = $state.Faults[0]
            $state.Faults.RemoveAt(0)
            $null = Add-FailoverFault $Fabric $nat $nat.Fault
        }
        $boot = Start-FailoverBoot $Fabric @($nat)
        $nat.Booted = $boot.Booted
        $nat.Takeover = $boot.Takeovers | Select-Object -First 1
        $nat.Status = 'running'
        Write-FailoverLog $Fabric "launcher: $($Instance.Id) booted: takeover $(@($nat.Takeover.Output | ForEach-Object { "$($_.RouteTableId) $($_.Action)" }) -join '; ') $(@($nat.Takeover.Warnings) -join ' ')"
    } catch {
        $nat.Status = 'failed'
        throw
    }
    # A zone whose NAT already left gets this one at once.
    if ($state.Gone.Contains($zone.InstanceId)) {
        Set-FailoverZoneNat $Fabric $zone $nat
    }
}

function Start-FailoverLaunchShutdown {
    # The start of a NAT's shutdown, as AWS begins it: the group's lifecycle state Terminated in its IMDS.
    param([object] $Fabric, [object] $Nat, [string] $MotoState)
    $state = $Fabric.Launcher
    $now = Get-FailoverNow
    $record = $state.Hosted | Where-Object InstanceId -EQ $Nat.InstanceId | Select-Object -First 1
    if ($record) { $record.Status = 'retiring'; $record.Leaving = $now }
    $zone = $Fabric.Zones | Where-Object InstanceId -EQ $Nat.InstanceId | Select-Object -First 1
    $state.Retiring.Add([pscustomobject]@{ InstanceId = $Nat.InstanceId; Nat = $Nat; Zone = $zone; Record = $record; Started = $now
            Deadline = $now + $state.GraceSeconds })
    Write-FailoverLog $Fabric "launcher: moto says $($Nat.InstanceId) is $MotoState$(if ($zone) { " (the NAT of $($zone.Name))" }): its shutdown begins, lifecycle state Terminated in its IMDS"
    Set-FailoverImdsPath $Fabric $Nat -Path 'autoscaling/target-lifecycle-state' -Value 'Terminated'
}

function Complete-FailoverLaunchShutdown {
    # The rest of a leaving NAT's shutdown, once its monitor left or its grace ran out: SIGTERM what remains (systemd
    # stopping the units), the machine gone; then the zone, when it was the zone's NAT, goes to a NAT the launcher hosts.
    param([object] $Fabric, [object] $Leaving)
    $state = $Fabric.Launcher
    $nat = $Leaving.Nat
    $running = $nat.Monitor -and (Test-NetNsProcess $nat.Monitor)
    if ($running -and (Get-FailoverNow) -lt $Leaving.Deadline) { return }
    if ($running) {
        Write-FailoverLog $Fabric "launcher: the monitor of $($nat.InstanceId) still runs $($state.GraceSeconds) s into its shutdown: SIGTERM"
        $code = Stop-FailoverMonitor $Fabric $nat -GraceSeconds $state.StopGraceSeconds
        Write-FailoverLog $Fabric "launcher: the monitor of $($nat.InstanceId) exited $code after SIGTERM"
    }
    if ($Leaving.Record) { $Leaving.Record.SigTerm = [bool]$running }
    Remove-NetNs $nat.NatNs
    $null = $Fabric.Namespaces.Remove($nat.NatNs)
    $null = $state.Retiring.Remove($Leaving)
    $null = $state.Gone.Add($nat.InstanceId)
    $done = Get-FailoverNow
    $state.Shutdowns.Add([pscustomobject]@{ InstanceId = $nat.InstanceId; Zone = $nat.Letter; Started = $Leaving.Started; Ended = $done
            Seconds = [math]::Round($done - $Leaving.Started, 3); SigTerm = [bool]$running })
    if ($Leaving.Record) { $Leaving.Record.Status = 'retired'; $Leaving.Record.Retired = $done }
    Write-FailoverLog $Fabric "launcher: $($nat.InstanceId) shut down ($([math]::Round($done - $Leaving.Started, 3)) s after moto said it left), machine $($nat.NatNs) gone"
    if ($Leaving.Zone) {
        $zone = $Leaving.Zone
        $zone.Monitor = $null
        $zone.Imds = $null
        $next = @($state.Hosted | Where-Object { $_.Letter -eq $zone.Letter -and $_.Status -eq 'running' -and -not $_.Promoted })
        $targets = Get-FailoverRouteTarget $Fabric
        $chosen = @($next | Where-Object InstanceId -EQ $targets[$zone.Letter]) + @($next | Sort-Object Hosted -Descending) | Select-Object -First 1
        if ($chosen) { Set-FailoverZoneNat $Fabric $zone $chosen }
        else { Write-FailoverLog $Fabric "launcher: $($zone.Name) has no NAT of the launcher's to take its place" }
    }
}

function Set-FailoverZoneNat {
    # The zone's record now names the hosted NAT as the zone's NAT: machine, addresses, instance, its IMDS and monitor.
    param([object] $Fabric, [object] $Zone, [object] $Nat)
    $old = $Zone.InstanceId
    foreach ($field in 'NatNs', 'FabricPeer', 'UplinkPeer', 'UplinkIp', 'UplinkMac', 'PrivateIp', 'InstanceId', 'NetworkInterfaceId', 'Generation', 'Imds', 'Monitor') {
        $Zone.$field = $Nat.$field
    }
    foreach ($log in $Nat.MonitorLogs) { $Zone.MonitorLogs.Add($log) }
    $Zone.Instances.Add($Nat.InstanceId)
    $Nat.Promoted = $true
    Write-FailoverLog $Fabric "launcher: $($Zone.Name)'s NAT is now $($Nat.InstanceId) at $($Nat.PrivateIp) (was $old)"
}

function Invoke-FailoverRolloutStandIn {
    <#
    Update-HaNatVpc's contract for the -Zone given, through the EC2 API in moto, for testing the launcher on its own:
    RunInstances from the group's launch template -Version (LaunchTemplate, SubnetId = the zone's NAT subnet),
    AttachInstances to the group (its maximum raised by one meanwhile: moto refuses to attach beyond it, as AWS
    does), then waits up to -TimeoutSeconds for the zone's table to go to the new NAT (its boot takeover moves it
    after its data-plane check). Taken: TerminateInstanceInAutoScalingGroup(old, decrement). Not taken: the new NAT
    is terminated instead and the zone stays on its old NAT. Returns Zone, New, Old, Taken, Started, Ended.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Zone, [Parameter(Mandatory)] [string] $Version,
        [double] $TimeoutSeconds = 90)
    $group = $Fabric.Vpc.group
    $template = Get-FailoverLaunchTemplateName $Fabric
    foreach ($z in @($Zone | ForEach-Object { Get-FailoverZone $Fabric $_ })) {
        $started = Get-FailoverNow
        $old = $z.InstanceId
        $run = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'RunInstances'; 'LaunchTemplate.LaunchTemplateName' = $template
                'LaunchTemplate.Version' = $Version; SubnetId = $z.PublicSubnetId; MinCount = 1; MaxCount = 1 })
        $new = $run.SelectSingleNode("//*[local-name()='instancesSet']/*[local-name()='item']/*[local-name()='instanceId']").InnerText
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'UpdateAutoScalingGroup'; AutoScalingGroupName = $group; MaxSize = $Fabric.Zones.Count + 1 })
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'AttachInstances'; AutoScalingGroupName = $group; 'InstanceIds.member.1' = $new })
        Write-FailoverLog $Fabric "rollout stand-in: $new launched for $($z.Name) from $template version $Version, waiting for it to take the zone from $old"
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        do {
            $taken = (Get-FailoverRouteTarget $Fabric)[$z.Letter] -eq $new
            if ($taken) { break }
            Start-Sleep -Milliseconds 500
        } while ([DateTime]::UtcNow -lt $deadline)
        $leaving = if ($taken) { $old } else { $new }
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'TerminateInstanceInAutoScalingGroup'; InstanceId = $leaving; ShouldDecrementDesiredCapacity = 'true' })
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'UpdateAutoScalingGroup'; AutoScalingGroupName = $group; MaxSize = $Fabric.Zones.Count })
        Write-FailoverLog $Fabric "rollout stand-in: $($z.Name) $(if ($taken) { "taken by $new; $old terminated" } else { "not taken by $new within $TimeoutSeconds s: $new terminated, the zone stays on $old" })"
        [pscustomobject]@{ Zone = $z.Letter; New = $new; Old = $old; Taken = $taken; Started = $started; Ended = Get-FailoverNow }
        if (-not $taken) { break }
    }
}

function New-FailoverLaunchTemplateVersion {
    <#
    A new version of the group's launch template with -InstanceType, as a rollout makes one; returns its number.
    moto stores only what the call gives, not the source version's data (the launcher fills in the tags).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [string] $InstanceType, [string] $SourceVersion = '1')
    $made = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'CreateLaunchTemplateVersion'; LaunchTemplateName = (Get-FailoverLaunchTemplateName $Fabric)
            SourceVersion = $SourceVersion; 'LaunchTemplateData.InstanceType' = $InstanceType })
    $made.SelectSingleNode("//*[local-name()='versionNumber']").InnerText
}

function New-FailoverNatImage {
    <#
    The HaNat image a user builds with packer/ (tagged hanat:image=nat, which Update-HaNatVpc picks by default), made
    in moto from one of the fabric's NATs once (CreateImage); returns its id.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    if ($Fabric.PSObject.Properties['NatImage'] -and $Fabric.NatImage) { return $Fabric.NatImage }
    $made = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'CreateImage'; InstanceId = $Fabric.Zones[0].InstanceId; Name = "hanat-nat-$($Fabric.Suffix)"
            'TagSpecification.1.ResourceType' = 'image'; 'TagSpecification.1.Tag.1.Key' = 'hanat:image'; 'TagSpecification.1.Tag.1.Value' = 'nat' })
    $image = $made.SelectSingleNode("//*[local-name()='imageId']").InnerText
    $Fabric | Add-Member -Force -NotePropertyName NatImage -NotePropertyValue $image
    Write-FailoverLog $Fabric "HaNat image $image made in moto (hanat:image=nat)"
    $image
}

function Get-FailoverLaunchTemplateName {
    <# The launch template of the deployment's Auto Scaling group (the fixture's, or the one Add-HaNatVpc made). #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric)
    $reply = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DescribeAutoScalingGroups'; 'AutoScalingGroupNames.member.1' = $Fabric.Vpc.group })
    $name = $reply.SelectSingleNode("//*[local-name()='LaunchTemplate']/*[local-name()='LaunchTemplateName']")
    if (-not $name) { $name = $reply.SelectSingleNode("//*[local-name()='LaunchTemplateSpecification']/*[local-name()='LaunchTemplateName']") }
    if (-not $name) { throw "the group $($Fabric.Vpc.group) names no launch template" }
    $name.InnerText
}
