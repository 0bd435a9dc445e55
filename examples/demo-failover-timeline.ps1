# The failover demo's timeline (examples/demo-failover.ps1 dot-sources this): what happened after a NAT was killed,
# read from the harness's own records (Measure-Failover's, the monitors' timestamped event lines, the router's moves,
# the probes' requests), as lines with their time from the fault, then the figures. Get- reads, Format- only formats.

function Get-DemoFailoverTimeline {
    <#
    The failover of one zone that Measure-Failover ($Measure) timed on $Fabric, as Entries (Seconds from the fault,
    Text), oldest first, and the figures: Zone, RestoredSeconds, FailedRequests (the zone's, from the fault on),
    Others (per other zone: Zone, Sent, Failed), FailbackSeconds (the replacement's boot -> its zone's first answer
    through it), and on a fabric with Elastic IPs the zone's Address and OwnAddress (per span, Before the fault, During
    the failover, After the failback: the requests answered, and how many of those the internet saw from the zone's own
    address).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Measure)
    $record = @($Measure.PerZone)[0]
    $zone = Get-FailoverZone $Fabric $record.Zone
    $t0 = [double]$record.Injected
    $entries = [System.Collections.Generic.List[object]]::new()
    # Order keeps lines of the same moment as they were found (a monitor's lines in the order it printed them).
    $add = { param($time, $text) $entries.Add([pscustomobject]@{ Seconds = [double]$time - $t0; Text = $text; Order = $entries.Count }) }
    # A monitor's event names its own zone's NAT by the zone; the NAT there (the zone's first one: only the
    # failed zone's NAT is replaced, and its monitor is dead by then).
    $natOf = @{}
    foreach ($z in $Fabric.Zones) { $natOf[$z.Letter] = $z.Instances[0] }
    $natOf[$zone.Letter] = $record.InstanceId
    $byIp = @{}
    foreach ($z in $Fabric.Zones) { $byIp[$z.PrivateIp] = $z }

    & $add $t0 "NAT $($record.InstanceId) in $($zone.Name) killed (every process, both links: the machine stops)"
    $failed = @(Get-FailoverProbeResult $Fabric $zone -Since ($t0 - 1) | Where-Object { -not $_.Ok -and $_.End -ge $t0 })
    if ($failed.Count) { & $add ([math]::Max($failed[0].Start, $t0)) "zone $($zone.Letter)'s requests start failing (no answer within 1 s)" }

    $events = @(Get-FailoverMonitorEvent $Fabric -Since $t0 | Sort-Object Time)
    foreach ($e in $events) {
        $who = "$($natOf[$e.Zone]) ($((Get-FailoverZone $Fabric $e.Zone).Name))"
        switch ($e.Event) {
            'peer-failed' { if ($e.Fields['peer'] -eq $record.InstanceId) { & $add $e.Time "detected by $($who): $($e.Fields['reason']) ($($e.Fields['detail']))" } }
            'takeover-start' { if ($e.Fields['zone'] -eq $zone.Name) { & $add $e.Time "$who takes zone $($zone.Letter) over" } }
            'standby' { if ($e.Fields['zone'] -eq $zone.Name) { & $add $e.Time "$who stands by: $($e.Fields['by']) takes zone $($zone.Letter)" } }
            'takeover' {
                if ($e.Fields['zone'] -eq $zone.Name -and $e.Fields['failed'] -eq $record.InstanceId) {
                    & $add $e.Time "takeover: zone $($zone.Letter)'s route -> $($e.Fields['by']), written to EC2 in $($e.Fields['ms']) ms"
                }
            }
            'mark-unhealthy' {
                if ($e.Fields['instance'] -eq $record.InstanceId) { & $add $e.Time "$who marks $($record.InstanceId) Unhealthy in its Auto Scaling group" }
            }
        }
    }

    $moves = @(Get-FailoverRouterEvent $Fabric -Since $t0 | Where-Object Namespace -EQ $zone.PrivNs)
    $away = $moves | Where-Object Target -NE $record.InstanceId | Select-Object -First 1
    if ($away) { & $add $away.Time "zone $($zone.Letter)'s private host now leaves through $($away.Target) ($($away.Via)), the route moved" }
    if ($record.Restored) {
        $via = if ($byIp.ContainsKey("$($away.Via)")) { " through the NAT of $($byIp[$away.Via].Name)" } else { '' }
        & $add ($t0 + $record.RestoredSeconds) "egress back in zone $($zone.Letter)$via"
    }

    $replacement = if ($record.PSObject.Properties['ReplacementId']) { $record.ReplacementId } else { $null }
    if ($replacement) {
        & $add $record.Booted "Auto Scaling's replacement $replacement boots in $($zone.Name): its boot takeover"
        $homeMove = $moves | Where-Object { $_.Time -ge $record.Booted -and $_.Target -eq $replacement } | Select-Object -First 1
        if ($homeMove) { & $add $homeMove.Time "zone $($zone.Letter)'s route -> $replacement, its own zone's NAT again" }
        # (The probe may log the first answer a few ms before the router logs the move it made.)
        if ($record.FailedBack) {
            $at = $record.Booted + $record.FailbackSeconds
            if ($homeMove -and $homeMove.Time -gt $at) { $at = $homeMove.Time }
            & $add $at "zone $($zone.Letter)'s requests leave through $($replacement): failed back"
        }
    }

    $others = foreach ($z in $Fabric.Zones | Where-Object Letter -NE $zone.Letter) {
        $requests = @(Get-FailoverProbeResult $Fabric $z -Since $t0)
        [pscustomobject]@{ Zone = $z.Letter; Sent = $requests.Count; Failed = @($requests | Where-Object { -not $_.Ok }).Count }
    }
    # What the internet saw: the zone's requests by the address they came from (Measure-Failover's spans).
    $ownAddress = $null
    if ($Fabric.ElasticIps) {
        $all = @(Get-FailoverProbeResult $Fabric $zone | Where-Object Ok)
        $moved = if ($null -ne $record.MovedSeconds) { $t0 + $record.MovedSeconds } else { [double]::PositiveInfinity }
        $booted = if ($replacement) { $record.Booted } else { [double]::PositiveInfinity }
        $homeAt = if ($record.PSObject.Properties['HomeAt'] -and $null -ne $record.HomeAt) { $record.HomeAt } else { [double]::PositiveInfinity }
        $ownAddress = foreach ($span in @(@('Before', { $_.Start -lt $t0 }), @('During', { $_.Start -ge $moved -and $_.Start -lt $booted }),
                @('After', { $_.Start -ge $homeAt }))) {
            $answered = @($all | Where-Object $span[1])
            [pscustomobject]@{ Span = $span[0]; Answered = $answered.Count; Own = @($answered | Where-Object Detail -EQ $zone.ElasticIp).Count }
        }
    }
    [pscustomobject]@{
        Zone            = $zone.Letter
        Address         = if ($Fabric.ElasticIps) { $zone.ElasticIp } else { $null }
        OwnAddress      = @($ownAddress)
        Entries         = @($entries | Sort-Object Seconds, Order)
        Restored        = [bool]$record.Restored
        RestoredSeconds = $record.RestoredSeconds
        FailedRequests  = $failed.Count
        Others          = @($others)
        FailedBack      = [bool]$record.FailedBack
        FailbackSeconds = $record.FailbackSeconds
    }
}

function Format-DemoFailoverTimeline {
    <# The lines to print for Get-DemoFailoverTimeline's $Timeline: one per entry, time first and aligned, then the figures. #>
    param([Parameter(Mandatory)] [object] $Timeline)
    $culture = [Globalization.CultureInfo]::InvariantCulture
    foreach ($entry in $Timeline.Entries) {
        [string]::Format($culture, '{0,8:+0.00;-0.00} s  {1}', $entry.Seconds, $entry.Text)
    }
    ''
    if ($Timeline.Restored) {
        [string]::Format($culture, 'egress back in {0:0.00} s   (zone {1}: requests failed: {2})',
            [double]$Timeline.RestoredSeconds, $Timeline.Zone, $Timeline.FailedRequests)
    } else {
        "egress NOT back in zone $($Timeline.Zone)"
    }
    foreach ($other in $Timeline.Others) { "zone $($other.Zone): requests failed: $($other.Failed) of $($other.Sent)" }
    if ($Timeline.FailedBack) {
        [string]::Format($culture, 'failback in {0:0.00} s from the replacement''s boot', [double]$Timeline.FailbackSeconds)
    } else {
        "zone $($Timeline.Zone) did NOT fail back to its replacement"
    }
    if ($Timeline.Address) {
        # (Requests answered in each span, and how many of them the internet saw from the zone's own address.)
        $spans = @{ Before = 'before'; During = 'during the failover'; After = 'after' }
        $counts = foreach ($span in $Timeline.OwnAddress) { "$($span.Own) of $($span.Answered) $($spans[$span.Span])" }
        "zone $($Timeline.Zone) seen from its own Elastic IP $($Timeline.Address): $($counts -join ', ')"
    }
}
