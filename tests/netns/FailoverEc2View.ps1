# What happened, as the harness reads it (dot-sourced by Failover.psm1, same module scope): the monitors' and the
# router's events, and EC2's side of things straight from moto (route targets, instance states, health).

function Get-FailoverMonitorEvent {
    <#
    The `hanat-monitor event=...` lines the zone's monitors printed (every generation, oldest first), each as
    Zone, Time (when it was printed), Line, Event and Fields (the key=value pairs). -Event filters by event
    name, -Since by time.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [object] $Zone, [string] $Event, [double] $Since = 0)
    $zones = if ($null -ne $Zone) { @(Get-FailoverZone $Fabric $Zone) } else { $Fabric.Zones }
    foreach ($z in $zones) {
        foreach ($file in $z.MonitorLogs) {
            if (-not (Test-Path -LiteralPath $file)) { continue }
            foreach ($line in [IO.File]::ReadAllLines($file)) {
                if ($line -notmatch 'hanat-monitor\s') { continue }
                $fields = @{}
                foreach ($m in [regex]::Matches($line, '(\S+?)=("([^"\\]|\\.)*"|\S*)')) { $fields[$m.Groups[1].Value] = $m.Groups[2].Value.Trim('"') }
                if ($Event -and $fields['event'] -ne $Event) { continue }
                $time = if ($line -match '^(\d+\.\d+) ') { [double]$Matches[1] } else { $null }
                if ($Since -and $null -ne $time -and $time -lt $Since) { continue }
                [pscustomobject]@{ Zone = $z.Letter; Time = $time; File = $file; Line = $line; Event = $fields['event']; Fields = $fields }
            }
        }
    }
}

function Get-FailoverRouterEvent {
    <# The router's route changes, oldest first: Time, Zone (name), Namespace, Target, Via, Was. #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $Since = 0)
    if (-not (Test-Path -LiteralPath $Fabric.Router.StdOut)) { return }
    foreach ($line in [IO.File]::ReadAllLines($Fabric.Router.StdOut)) {
        if ($line -match '^(\d+\.\d+) router table=(\S+) zone=(\S+) namespace=(\S+) target=(\S+) via=(\S+) was=(\S+)$') {
            $time = [double]$Matches[1]
            if ($time -lt $Since) { continue }
            [pscustomobject]@{ Time = $time; Table = $Matches[2]; Zone = $Matches[3]; Namespace = $Matches[4]; Target = $Matches[5]; Via = $Matches[6]; Was = $Matches[7] }
        }
    }
}

function Get-FailoverRoute {
    <# The private host's default route now, from the kernel: the next hop's IP, 'blackhole', or $null. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $text = Invoke-NetNsIp $Zone.PrivNs route show default
    if ($text -match 'default via (\S+)') { return $Matches[1] }
    if ($text -match 'blackhole default') { return 'blackhole' }
    $null
}

function Wait-FailoverRoute {
    <#
    Waits until the zone's private host routes via the NAT of zone -Via (with -NatGateway: via that zone's NAT
    gateway; with -Not, via anything else).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [object] $Via,
        [switch] $NatGateway, [switch] $Not, [double] $TimeoutSeconds = 15)
    $Zone = Get-FailoverZone $Fabric $Zone
    $natZone = Get-FailoverZone $Fabric $Via
    $hop = if ($NatGateway) { $natZone.NatGatewayIp } else { $natZone.PrivateIp }
    $what = if ($NatGateway) { 'NAT gateway' } else { 'NAT' }
    Wait-NetNsCondition -TimeoutSeconds $TimeoutSeconds -Because "the route of $($Zone.Name) to $(if ($Not) { 'leave' } else { 'reach' }) the $what of $($natZone.Name)" -Condition {
        ((Get-FailoverRoute $Fabric $Zone) -eq $hop) -ne [bool]$Not
    }
}

function Invoke-FailoverMotoQuery {
    <#
    One AWS Query call to moto from the control namespace with curl (a python start costs more than the call),
    returned as XML. moto does not check signatures; the Authorization header only names the service.
    #>
    [OutputType([xml])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [ValidateSet('ec2', 'autoscaling')] [string] $Service,
        [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Parameters)
    $version = @{ ec2 = '2016-11-15'; autoscaling = '2011-01-01' }[$Service]
    $body = (@("Version=$version") + @($Parameters.Keys | ForEach-Object { "$_=$([uri]::EscapeDataString([string]$Parameters[$_]))" })) -join '&'
    $run = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath curl -ArgumentList '-sS', '--fail-with-body', '--max-time', '10', '-X', 'POST',
        '-H', "Authorization: AWS4-HMAC-SHA256 Credential=testing/20250101/$script:Region/$Service/aws4_request, SignedHeaders=host, Signature=0",
        '-H', 'Content-Type: application/x-www-form-urlencoded', '--data', $body, "$($Fabric.Moto)/"
    [xml]$run.StdOut
}

function Get-FailoverState {
    <# moto's view: every route table's default target (tables), instances' states, group members' health. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $vpcFilter = [ordered]@{ 'Filter.1.Name' = 'vpc-id'; 'Filter.1.Value.1' = $Fabric.Vpc.vpcId }
    $tables = [ordered]@{}
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeRouteTables' } + $vpcFilter)
    foreach ($table in $reply.SelectNodes("//*[local-name()='routeTableSet']/*[local-name()='item']")) {
        $id = $table.SelectSingleNode("*[local-name()='routeTableId']").InnerText
        $default = $table.SelectSingleNode("*[local-name()='routeSet']/*[local-name()='item'][*[local-name()='destinationCidrBlock']='0.0.0.0/0']")
        $tables[$id] = if ($default) {
            foreach ($field in 'instanceId', 'gatewayId', 'networkInterfaceId', 'natGatewayId') {
                $node = $default.SelectSingleNode("*[local-name()='$field']")
                if ($node -and $node.InnerText) { $node.InnerText; break }
            }
        } else { $null }
    }
    $instances = [ordered]@{}
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeInstances' } + $vpcFilter)
    foreach ($instance in $reply.SelectNodes("//*[local-name()='instancesSet']/*[local-name()='item']")) {
        $instances[$instance.SelectSingleNode("*[local-name()='instanceId']").InnerText] = $instance.SelectSingleNode("*[local-name()='instanceState']/*[local-name()='name']").InnerText
    }
    $health = [ordered]@{}
    # A VPC from before HaNat (-Existing) has no group until Add-FailoverMigration.
    $reply = if ($Fabric.Vpc.group) { Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DescribeAutoScalingGroups'; 'AutoScalingGroupNames.member.1' = $Fabric.Vpc.group }) } else { [xml]'<none/>' }
    foreach ($member in $reply.SelectNodes("//*[local-name()='Instances']/*[local-name()='member']")) {
        $health[$member.SelectSingleNode("*[local-name()='InstanceId']").InnerText] = $member.SelectSingleNode("*[local-name()='HealthStatus']").InnerText
    }
    [pscustomobject]@{ tables = [pscustomobject]$tables; instances = [pscustomobject]$instances; health = [pscustomobject]$health }
}

function Get-FailoverRouteTarget {
    <# zone letter -> the instance (or NAT gateway) its private route table sends 0.0.0.0/0 to, as moto holds it. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $state = Get-FailoverState $Fabric
    $targets = [ordered]@{}
    foreach ($zone in $Fabric.Zones) { $targets[$zone.Letter] = $state.tables.($zone.RouteTableId) }
    $targets
}
