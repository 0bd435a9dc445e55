#Requires -Version 7.4
<#
Start-HaNatMonitor, three of them, each in a NAT namespace of its own, talking over a bridge:

    nat-a (10.99.0.11)  nat-b (10.99.0.41)  nat-c (10.99.0.71)     each: the real module, its IMDS stand-in on its
          \                   |                   /                own loopback, forwarding and a hanat masquerade
           +------------ br0 in ctl (10.99.0.1) -+                 rule, a default route via ctl
                      moto_server on 10.99.0.1:5000

moto holds the VPC (tag hanat:vpc-name), one NAT instance per zone at exactly those addresses, a private subnet per
zone routed to its NAT, an Auto Scaling group the NATs are attached to, and the heartbeat key in SSM. The tests:
the monitors hear each other; a forged heartbeat (wrong key) is dropped and moves nothing; a killed monitor's zone is
taken over by exactly one peer, which marks the dead NAT Unhealthy in its group; the metrics the monitors publish
(every 2 s here, HANAT_METRICS_PERIOD_SECONDS; 60 s by default), read back from moto, say so, one PutMetricData a
period per NAT; SIGTERM ends a monitor with exit 0.

Skipped, with the reason, when not root or when ip/iptables are missing. Run as root after ./build.sh:
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Monitor.Netns.Tests.ps1
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
    $skipReason = Get-NetNsSkipReason -Tool ip, iptables
    $title = 'Start-HaNatMonitor in network namespaces' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Monitor.Netns.Tests: skipped: $skipReason" }
}

Describe $title -Tag 'Netns', 'Root', 'Monitor' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $modulePath = Join-Path $repo 'out/HaNat/HaNat.psd1'
        $vpcTool = Join-Path $repo 'tests/tools/vpc_fixture.py'
        Import-Module $modulePath -Force

        $fixture = New-NetNsFixture
        $suffix = $fixture.Suffix
        $work = $fixture.Work
        $moto = 'http://10.99.0.1:5000'
        $vpcName = "monitor-$suffix"
        $monitors = @{}
        $nats = [ordered]@{
            a = @{ Zone = 'us-east-1a'; Address = '10.99.0.11'; Subnet = '10.99.0.0/27'; Private = '10.99.1.0/24' }
            b = @{ Zone = 'us-east-1b'; Address = '10.99.0.41'; Subnet = '10.99.0.32/27'; Private = '10.99.2.0/24' }
            c = @{ Zone = 'us-east-1c'; Address = '10.99.0.71'; Subnet = '10.99.0.64/27'; Private = '10.99.3.0/24' }
        }

        # Reads what the tests assert on: each private route table's default route, and the group's health marks.
        $state = @'
import json, sys, boto3
spec = json.loads(sys.argv[1])
kw = dict(endpoint_url=spec["endpoint"], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
ec2, asg = boto3.client("ec2", **kw), boto3.client("autoscaling", **kw)
routes = {}
for table in ec2.describe_route_tables(RouteTableIds=spec["tables"])["RouteTables"]:
    default = [r for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
    routes[table["RouteTableId"]] = default[0].get("InstanceId") if default else None
health = {i["InstanceId"]: i["HealthStatus"] for i in asg.describe_auto_scaling_instances(InstanceIds=spec["instances"])["AutoScalingInstances"]}
json.dump({"routes": routes, "health": health}, sys.stdout)
'@
        # The metrics as CloudWatch (moto) has them, and the PutMetricData requests sent during a few seconds (moto's
        # recorder): for each NAT (the zone of its PeersHeard datum), the time of each request's datums.
        $metricsRead = @'
import base64, datetime, json, sys, time, urllib.parse, urllib.request, boto3
spec = json.loads(sys.argv[1])
endpoint = spec["endpoint"]
def post(path): urllib.request.urlopen(urllib.request.Request(endpoint + path, method="POST")).read()
post("/moto-api/recorder/reset-recording")
post("/moto-api/recorder/start-recording")
time.sleep(spec["recordSeconds"])
post("/moto-api/recorder/stop-recording")
raw = urllib.request.urlopen(endpoint + "/moto-api/recorder/download-recording").read().decode()
sent = {}
for line in raw.splitlines():
    if not line.strip(): continue
    entry = json.loads(line)
    body = entry.get("body") or ""
    if entry.get("body_encoded"): body = base64.b64decode(body).decode()
    params = dict(urllib.parse.parse_qsl(body))
    if params.get("Action") != "PutMetricData": continue
    member = next(k[:-len(".MetricName")] for k, v in params.items() if k.endswith(".MetricName") and v == "PeersHeard")
    zone = params[member + ".Dimensions.member.2.Value"]
    sent.setdefault(zone, []).append(datetime.datetime.strptime(params[member + ".Timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp())
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
cw = boto3.client("cloudwatch", **kw)
now = datetime.datetime.now(datetime.timezone.utc)
queries = [{"Id": f"q{i}", "MetricStat": {"Metric": {"Namespace": "HaNat", "MetricName": name, "Dimensions": [
    {"Name": "VpcName", "Value": spec["vpcName"]}, {"Name": "AvailabilityZone", "Value": zone}]}, "Period": 3600, "Stat": stat}}
    for i, (name, zone, stat) in enumerate(spec["queries"])]
results = cw.get_metric_data(MetricDataQueries=queries, StartTime=now - datetime.timedelta(minutes=30), EndTime=now + datetime.timedelta(minutes=30))["MetricDataResults"]
values = {r["Id"]: r["Values"] for r in results}
metrics = [{"name": m["MetricName"], "dimensions": sorted(d["Name"] for d in m["Dimensions"]), "vpc": next((d["Value"] for d in m["Dimensions"] if d["Name"] == "VpcName"), None)}
    for m in cw.list_metrics(Namespace="HaNat")["Metrics"]]
json.dump({"sent": sent, "values": [values.get(f"q{i}", []) for i in range(len(queries))], "metrics": metrics}, sys.stdout)
'@

        # One UDP datagram, from ctl.
        $sendUdp = @'
import base64, socket, sys
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(base64.b64decode(sys.argv[1]), (sys.argv[2], int(sys.argv[3])))
'@

        function Remove-TestNetwork {
            foreach ($monitor in $monitors.Values) { if (-not $monitor.Process.HasExited) { $monitor.Process.Kill() } }
            $null = Remove-NetNsFixture $fixture
        }

        function Invoke-Python([string] $Script, [object] $Spec) {
            $path = Join-Path $work "script-$([guid]::NewGuid().ToString('n')).py"
            Set-Content -LiteralPath $path -Value $Script
            (Invoke-NetNsNative -Namespace $ctl -FilePath python3 -ArgumentList $path, ($Spec | ConvertTo-Json -Compress -Depth 5)).StdOut | ConvertFrom-Json
        }

        function Get-MotoState {
            Invoke-Python $state @{
                endpoint  = $moto
                tables    = @($nats.Values | ForEach-Object { $_.RouteTableId })
                instances = @($nats.Values | ForEach-Object { $_.InstanceId })
            }
        }

        # A monitor as systemd runs it, but with the Process object kept, so that its exit code can be read.
        function Start-Monitor([string] $Key) {
            $pwsh = Get-NetNsPwshCommand
            $command = "Import-Module '$modulePath'; Start-HaNatMonitor -EndpointUrl $moto -Region us-east-1 -PeerRefreshSeconds 5"
            $start = [System.Diagnostics.ProcessStartInfo]::new((Find-NetNsTool ip))
            foreach ($a in @('netns', 'exec', $nats[$Key].Namespace, $pwsh.FilePath) + $pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-Command', $command)) {
                $start.ArgumentList.Add($a)
            }
            $start.Environment['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = 'http://127.0.0.1:8169'
            $start.Environment['AWS_ACCESS_KEY_ID'] = 'testing'
            $start.Environment['AWS_SECRET_ACCESS_KEY'] = 'testing'
            # The metrics' period, shortened for the test (the default is one PutMetricData a minute).
            $start.Environment['HANAT_METRICS_PERIOD_SECONDS'] = '2'
            foreach ($name in 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_EC2_METADATA_DISABLED') { $null = $start.Environment.Remove($name) }
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::new()
            $process.StartInfo = $start
            $lines = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
            $errors = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
            $null = Register-ObjectEvent -InputObject $process -EventName OutputDataReceived -MessageData $lines -Action { if ($null -ne $EventArgs.Data) { $Event.MessageData.Enqueue($EventArgs.Data) } }
            $null = Register-ObjectEvent -InputObject $process -EventName ErrorDataReceived -MessageData $errors -Action { if ($null -ne $EventArgs.Data) { $Event.MessageData.Enqueue($EventArgs.Data) } }
            $null = $process.Start()
            $process.BeginOutputReadLine()
            $process.BeginErrorReadLine()
            $monitors[$Key] = [pscustomobject]@{ Process = $process; Lines = $lines; Errors = $errors }
        }

        function Get-MonitorLine([string] $Key, [string] $Event) {
            @($monitors[$Key].Lines.ToArray() | Where-Object { $_ -match "^hanat-monitor event=$Event(\s|$)" })
        }

        function Wait-MonitorLine([string] $Key, [string] $Event, [string] $Pattern = '', [double] $TimeoutSeconds = 30) {
            Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -IntervalMilliseconds 200 -Because "monitor $Key to log event=$Event $Pattern; it logged:`n$($monitors[$Key].Lines.ToArray() -join "`n")`n$($monitors[$Key].Errors.ToArray() -join "`n")" -Condition {
                @(Get-MonitorLine $Key $Event | Where-Object { $_ -match $Pattern }).Count -gt 0
            }
        }

        try {
            if (-not (Test-Path -LiteralPath $modulePath)) { throw "$modulePath is missing: run ./build.sh first" }
            Assert-NetNsTool 'python3', 'moto_server', 'setsid', 'timeout', 'curl'
            $ctl = Add-NetNsFixtureNamespace $fixture ctl
            $null = Invoke-NetNsIp $ctl link add br0 type bridge
            $null = Invoke-NetNsIp $ctl addr add 10.99.0.1/24 dev br0
            $null = Invoke-NetNsIp $ctl link set br0 up
            foreach ($key in $nats.Keys) {
                $nat = $nats[$key]
                $nat.Namespace = Add-NetNsFixtureNamespace $fixture "nat$key"
                Add-NetNsVethPair -Namespace $nat.Namespace -Name eth0 -Address "$($nat.Address)/24" -PeerNamespace $ctl -PeerName "v$key"
                $null = Invoke-NetNsIp $ctl link set "v$key" master br0
                $null = Invoke-NetNsIp $nat.Namespace route add default via 10.99.0.1
                $nat.Mac = (Get-NetNsLink $nat.Namespace eth0).Mac
                # What the boot takeover leaves behind: forwarding on, the VPC masqueraded out of the uplink.
                $null = Invoke-NetNsNative -Namespace $nat.Namespace -FilePath sysctl -ArgumentList '-qw', 'net.ipv4.ip_forward=1'
                $null = Invoke-NetNsNative -Namespace $nat.Namespace -FilePath iptables -ArgumentList '-w', '5', '-t', 'nat', '-A', 'POSTROUTING',
                    '-s', '10.99.0.0/16', '-o', 'eth0', '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE'
            }

            $null = Start-NetNsMoto $fixture -Namespace $ctl -Address 10.99.0.1 -Port 5000
            # The VPC as the boot takeovers leave it (--routed), built from inside ctl (moto is reachable only there).
            $create = @($vpcTool, 'ha', '--endpoint', $moto, '--vpc-name', $vpcName, '--cidr', '10.99.0.0/16', '--routed') +
                @($nats.Values | ForEach-Object { '--zone', "$($_.Zone),$($_.Subnet),$($_.Private),$($_.Address)" })
            $vpc = (Invoke-NetNsNative -Namespace $ctl -FilePath python3 -ArgumentList $create).StdOut | ConvertFrom-Json
            foreach ($key in $nats.Keys) {
                $made = $vpc.zones | Where-Object zone -EQ $nats[$key].Zone
                $nats[$key].InstanceId = $made.instanceId
                $nats[$key].RouteTableId = $made.routeTableId
                $made.privateIp | Should -Be $nats[$key].Address -Because 'moto must give each NAT the address of its namespace'
                $null = Start-NetNsImds $fixture -Namespace $nats[$key].Namespace -Name "imds-$key" -InstanceId $nats[$key].InstanceId -Zone $nats[$key].Zone `
                    -Mac $nats[$key].Mac -VpcId $vpc.vpcId -VpcCidr '10.99.0.0/16' -NetworkInterfaceId $made.networkInterfaceId
            }
            foreach ($key in $nats.Keys) { Start-Monitor $key }
        } catch {
            Remove-TestNetwork
            throw
        }
    }

    AfterAll {
        if ($env:HANAT_NETNS_KEEP_LOGS) {
            foreach ($key in $monitors.Keys) { Set-Content -LiteralPath (Join-Path $work "monitor-$key.log") -Value ($monitors[$key].Lines.ToArray() + $monitors[$key].Errors.ToArray()) }
        }
        Remove-TestNetwork
    }

    It 'each monitor loads the key from SSM and hears both of its peers' {
        foreach ($key in $nats.Keys) {
            # Generous: three pwsh starts at once on a small, busy machine.
            Wait-MonitorLine $key 'key-loaded' ([regex]::Escape("/hanat/$vpcName/heartbeat-key")) -TimeoutSeconds 60
            foreach ($peer in $nats.Keys | Where-Object { $_ -ne $key }) {
                Wait-MonitorLine $key 'peer-heard' "peer=$($nats[$peer].InstanceId) zone=$($nats[$peer].Zone)" -TimeoutSeconds 60
            }
        }
        foreach ($key in $nats.Keys) {
            Get-MonitorLine $key 'self-unhealthy' | Should -BeNullOrEmpty -Because 'the NAT namespaces forward and masquerade'
        }
    }

    It 'drops a heartbeat forged with another key, and it moves nothing' {
        $forgedKey = [byte[]]::new(32)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($forgedKey)
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        # "b is unhealthy", three times: with the right key that would be a failover of b's zone.
        foreach ($i in 1..3) {
            $beat = New-HaNatInternalObject HaNat.Monitor.Heartbeat $nats.b.InstanceId, $nats.b.Zone, ([uint64]($now * 1000 + 10000000 + $i)), $now, $false, ([string[]]@('IpForward')), ([string[]]@())
            $datagram = [Convert]::ToBase64String((Get-HaNatInternalType HaNat.Monitor.HeartbeatCodec)::Encode($beat, $forgedKey))
            $path = Join-Path $work 'send.py'
            Set-Content -LiteralPath $path -Value $sendUdp
            $null = Invoke-NetNsNative -Namespace $ctl -FilePath python3 -ArgumentList $path, $datagram, $nats.a.Address, '4747'
        }
        Wait-MonitorLine a 'heartbeat-dropped' 'from=10\.99\.0\.1 reason=bad-mac'
        Start-Sleep -Seconds 2
        Get-MonitorLine a 'peer-unhealthy' | Should -BeNullOrEmpty
        Get-MonitorLine a 'takeover' | Should -BeNullOrEmpty
        (Get-MotoState).routes.($nats.b.RouteTableId) | Should -Be $nats.b.InstanceId
    }

    It 'takes a killed monitor''s zone over with exactly one peer, and marks the dead NAT Unhealthy in its group' {
        $monitors.b.Process.Kill()
        $survivors = @('a', 'c')
        $chooser = $survivors | Sort-Object { $nats[$_].InstanceId } | Select-Object -First 1
        $other = $survivors | Where-Object { $_ -ne $chooser }
        Wait-MonitorLine $chooser 'takeover' "zone=$($nats.b.Zone) failed=$($nats.b.InstanceId) by=$($nats[$chooser].InstanceId)"
        Wait-MonitorLine $chooser 'mark-unhealthy' "instance=$($nats.b.InstanceId) group=hanat-$vpcName"
        Wait-MonitorLine $other 'standby' "zone=$($nats.b.Zone) failed=$($nats.b.InstanceId).* by=$($nats[$chooser].InstanceId)"
        Get-MonitorLine $other 'takeover' | Should -BeNullOrEmpty
        Get-MonitorLine $chooser 'peer-failed' | Where-Object { $_ -match "peer=$($nats.b.InstanceId)" } | Should -Match 'reason=silent'

        $moto = Get-MotoState
        $moto.routes.($nats.b.RouteTableId) | Should -Be $nats[$chooser].InstanceId
        $moto.routes.($nats.a.RouteTableId) | Should -Be $nats.a.InstanceId
        $moto.routes.($nats.c.RouteTableId) | Should -Be $nats.c.InstanceId
        $moto.health.($nats.b.InstanceId) | Should -Be 'Unhealthy'
        $moto.health.($nats.a.InstanceId) | Should -Be 'Healthy'
        $moto.health.($nats.c.InstanceId) | Should -Be 'Healthy'
    }

    It 'publishes one PutMetricData a period per NAT, and the metrics read back say: b''s zone served by a peer, one failover' {
        $survivors = @('a', 'c')
        $chooser = $survivors | Sort-Object { $nats[$_].InstanceId } | Select-Object -First 1
        $other = $survivors | Where-Object { $_ -ne $chooser }
        $queries = @(
            @('Failovers', $nats[$chooser].Zone, 'Sum'),
            @('Failovers', $nats[$other].Zone, 'Sum'),
            @('ZoneServedByPeer', $nats.b.Zone, 'Maximum'),
            @('ZoneServedByPeer', $nats[$chooser].Zone, 'Maximum'),
            @('ZonesServed', $nats[$chooser].Zone, 'Maximum'),
            @('Healthy', $nats[$chooser].Zone, 'Minimum'),
            @('Healthy', $nats[$other].Zone, 'Minimum'),
            @('ZoneTakenByHandover', $nats.b.Zone, 'Maximum')
        )
        # Several periods recorded after the takeover (the previous test waited for it), so that its period was sent.
        $read = Invoke-Python $metricsRead @{ endpoint = $moto; vpcName = $vpcName; recordSeconds = 7; queries = $queries }

        # What the monitors' state says: one failover, by the chooser; b's zone served by a peer, the chooser's by itself.
        ($read.values[0] -join ',') | Should -Be '1' -Because 'the chooser took b''s zone over once'
        ($read.values[1] -join ',') | Should -Be '0' -Because 'the other survivor took nothing'
        ($read.values[2] -join ',') | Should -Be '1' -Because 'b''s zone is served by the chooser, a peer'
        ($read.values[3] -join ',') | Should -Be '0' -Because 'the chooser serves its own zone itself'
        ($read.values[4] -join ',') | Should -Be '2' -Because 'the chooser serves its own zone and b''s'
        ($read.values[5] -join ',') | Should -Be '1'
        ($read.values[6] -join ',') | Should -Be '1'
        ($read.values[7] -join ',') | Should -Be '0' -Because 'b failed: its zone was not handed over'

        # The names are the contract's (HaNatMetrics), each with VpcName and AvailabilityZone and no instance id.
        $contract = (Get-HaNatInternalType HaNat.Metrics.HaNatMetrics).GetFields() | Where-Object { $_.IsLiteral -and $_.Name -notmatch 'Dimension$|^Namespace$' } |
            ForEach-Object { $_.GetRawConstantValue() }
        $names = @($read.metrics | ForEach-Object name | Sort-Object -Unique)
        $names | Where-Object { $_ -notin $contract } | Should -BeNullOrEmpty
        foreach ($own in 'Healthy', 'PeersHeard', 'ZonesServed', 'Failovers', 'Handovers', 'SecondsSinceLastTakeover', 'ZoneServedByPeer', 'ZoneServedSeconds', 'ZoneTakenByHandover', 'InterfaceBytesIn') {
            $names | Should -Contain $own
        }
        foreach ($metric in $read.metrics) {
            ($metric.dimensions -join ',') | Should -Be 'AvailabilityZone,VpcName' -Because "$($metric.name) must carry exactly these"
            $metric.vpc | Should -Be $vpcName
        }

        # At most one PutMetricData a period (2 s here) per NAT: the requests moto recorded, 7 s of them.
        foreach ($key in $survivors) {
            $times = @($read.sent.($nats[$key].Zone) | Sort-Object)
            $times.Count | Should -BeGreaterOrEqual 2 -Because "monitor $key publishes every 2 s"
            $times.Count | Should -BeLessOrEqual 4 -Because 'one request a period, 7 s recorded'
            for ($i = 1; $i -lt $times.Count; $i++) {
                ($times[$i] - $times[$i - 1]) | Should -BeGreaterOrEqual 1.9 -Because "monitor $key sends one PutMetricData a period, never two"
            }
        }
        $read.sent.PSObject.Properties.Name | Should -Not -Contain $nats.b.Zone -Because 'b is dead'
    }

    It 'ends on SIGTERM with exit code 0 and a last stop line' {
        $process = $monitors.c.Process
        $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-TERM', "$($process.Id)"
        $process.WaitForExit(10000) | Should -BeTrue -Because 'SIGTERM must end the monitor within systemd''s TimeoutStopSec'
        $process.WaitForExit()
        $process.ExitCode | Should -Be 0
        Wait-MonitorLine c 'stop' 'reason=sigterm' -TimeoutSeconds 2
        $monitors.c.Lines.ToArray()[-1] | Should -Match '^hanat-monitor event=stop '
    }
}
