# The internet gateway of the -ElasticIps fabric (New-FailoverFabric -ElasticIps), dot-sourced by Failover.psm1.
#
#   igw     between the NATs' uplinks and the internet: a bridge (br0, 169.254.1.1/16, every NAT's wan0 plugged in)
#           and up0 on the internet bridge (198.51.100.2/24, plus every zone's Elastic IP as /32 so the internet host
#           finds them). igw.py (run in ctl, where moto is) translates one to one from moto's address associations
#           (PrivateIpAddress <-> PublicIp), re-read every 100 ms; a source with no address is dropped.
#   nat-X   wan0 carries the private IPs moto knows for the NAT's interface: its primary (as /32, default route via
#           169.254.1.1 onlink) and the secondaries HaNat adds while it carries another zone's address.
#   moto    with tests/netns/moto_eip on PYTHONPATH: AssociateAddress honours PrivateIpAddress, unassigning a secondary
#           IP disassociates its address, a new secondary IP is a free one (moto 5.2.1 differs from EC2 there).
#
# Each zone has an Elastic IP tagged as New-HaNatVpc tags it (hanat:managed, hanat:vpc-name, hanat:vpc-id,
# hanat:zone, hanat:component=elastic-ip), allocated with a chosen address (198.51.100.3N); the boot takeover
# associates it with the zone's NAT. The internet server then answers "ok <Elastic IP>", and Get-FailoverProbeResult
# maps each Elastic IP to its zone's letter: the zone whose address the internet saw, whichever NAT carried it.
# With -Existing (a VPC HaNat is added to), the harness allocates none: Add-HaNatVpc allocates the zones' addresses,
# moto takes them from the pool the gateway holds (198.51.100.30-49, moto_eip/sitecustomize.py), and
# Add-FailoverMigration reads them back (Sync-FailoverElasticIp).

$script:IgwGateway = '169.254.1.1'
$script:MotoEipPatches = Join-Path $PSScriptRoot 'moto_eip'
# The internet's addresses an Elastic IP is taken from: the zones' chosen ones (.30 and up) and any moto allocates.
$script:ElasticIpPool = @(30..49 | ForEach-Object { "198.51.100.$_" })

function Get-FailoverMotoEnvironment {
    <# What moto_server runs with: the -ElasticIps fabric fills four gaps of moto (moto_eip/sitecustomize.py). #>
    param([switch] $ElasticIps)
    if ($ElasticIps) { @{ PYTHONPATH = $script:MotoEipPatches; HANAT_MOTO_EIP_POOL = "$($script:ElasticIpPool[0])-$($script:ElasticIpPool[-1])" } } else { @{} }
}

function Add-FailoverInternetGatewayNamespace {
    <# The igw namespace (see the top of this file), before any NAT is plugged in. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $null = Add-NetNsFixtureNamespace $Fabric -FullName $Fabric.Igw
    $null = Invoke-NetNsIp $Fabric.Igw link add br0 type bridge
    $null = Invoke-NetNsIp $Fabric.Igw addr add "$script:IgwGateway/16" dev br0
    $null = Invoke-NetNsIp $Fabric.Igw link set br0 up
    Add-NetNsVethPair -Namespace $Fabric.Igw -Name up0 -Address '198.51.100.2/24' -PeerNamespace $Fabric.Inet -PeerName 'i-gw'
    $null = Invoke-NetNsIp $Fabric.Inet link set 'i-gw' master br0
    # Every address of the pool, so that the internet finds whichever one moto gives a zone.
    foreach ($address in $script:ElasticIpPool) { $null = Invoke-NetNsIp $Fabric.Igw addr add "$address/32" dev up0 }
    $script = @(
        'set -e'
        'echo 1 > /proc/sys/net/ipv4/ip_forward'
        'for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 > $f; done'
        'echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || true'
        "ip route add $($Fabric.Cidr) dev br0 scope link"
        'iptables -w 5 -t nat -N IGW-SNAT'
        'iptables -w 5 -t nat -A POSTROUTING -o up0 -j IGW-SNAT'
        'iptables -w 5 -N IGW-OUT'
        'iptables -w 5 -A FORWARD -i br0 -o up0 -j IGW-OUT'
        'iptables -w 5 -A FORWARD -i up0 -o br0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT'
        'iptables -w 5 -P FORWARD DROP'
    ) -join "`n"
    $null = Invoke-NetNsNative -Namespace $Fabric.Igw -FilePath sh -ArgumentList '-c', $script
}

function Get-FailoverUplinkScript {
    <#
    The shell lines that give a NAT's wan0 its address and its default route, on a fresh host: the fabric's uplink
    address (the NAT's public address) and the internet as next hop; with -ElasticIps, the private IP as /32 (the
    internet gateway translates) and the gateway as next hop. Any address HaNat added is gone, as on a new host.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [string] $PrivateIp)
    if (-not $Fabric.ElasticIps) { return @('ip route replace default via 198.51.100.1') }
    @('ip addr flush dev wan0', "ip addr add $PrivateIp/32 dev wan0", 'ip link set wan0 up',
        "ip route replace default via $script:IgwGateway dev wan0 onlink")
}

function Add-FailoverElasticIp {
    <#
    Each zone's Elastic IP in moto, tagged as New-HaNatVpc tags it and allocated with the zone's chosen address
    (ElasticIp, one the gateway's up0 holds), unless -NoAllocation (-Existing: Add-HaNatVpc allocates them); then the
    gateway's translator (igw.py) starts. Before the NATs boot.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [switch] $NoAllocation)
    foreach ($zone in @(if (-not $NoAllocation) { $Fabric.Zones })) {
        $tags = [ordered]@{ Name = "hanat-$($Fabric.Vpc.vpcName)-eip-$($zone.Letter)"; 'hanat:managed' = 'true'; 'hanat:vpc-name' = $Fabric.Vpc.vpcName
            'hanat:vpc-id' = $Fabric.Vpc.vpcId; 'hanat:zone' = $zone.Name; 'hanat:component' = 'elastic-ip' }
        $request = [ordered]@{ Action = 'AllocateAddress'; Domain = 'vpc'; Address = $zone.ElasticIp; 'TagSpecification.1.ResourceType' = 'elastic-ip' }
        $n = 0
        foreach ($key in $tags.Keys) { $n++; $request["TagSpecification.1.Tag.$n.Key"] = $key; $request["TagSpecification.1.Tag.$n.Value"] = $tags[$key] }
        $reply = Invoke-FailoverMotoQuery $Fabric ec2 $request
        $zone.ElasticIpAllocationId = Get-FailoverXmlText $reply.DocumentElement 'allocationId'
        $public = Get-FailoverXmlText $reply.DocumentElement 'publicIp'
        if ($public -ne $zone.ElasticIp) { throw "moto allocated $public for $($zone.Name), not $($zone.ElasticIp)" }
    }
    $Fabric.InternetGateway = Start-FailoverProcess $Fabric $Fabric.Ctl igw python3 @((Join-Path $PSScriptRoot 'igw.py'), '--endpoint', $Fabric.Moto,
        '--namespace', $Fabric.Igw, '--interval', '0.1', '--max-seconds', $Fabric.MaxSeconds) @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing' }
    Wait-NetNsCondition -TimeoutSeconds 15 -Because 'the internet gateway to start' -Condition {
        if (-not (Test-NetNsProcess $Fabric.InternetGateway)) { throw "igw.py exited: $(Get-Content -Raw -LiteralPath $Fabric.InternetGateway.StdErr)" }
        (Test-Path -LiteralPath $Fabric.InternetGateway.StdOut) -and (Select-String -Quiet -LiteralPath $Fabric.InternetGateway.StdOut -Pattern ' igw started ')
    }
    Write-FailoverLog $Fabric "Elastic IPs: $(($Fabric.Zones | ForEach-Object { "$($_.Letter)=$($_.ElasticIp) ($($_.ElasticIpAllocationId))" }) -join ' '); internet gateway up"
}

function Sync-FailoverElasticIp {
    <#
    Reads each zone's Elastic IP back from moto by its hanat:zone tag (the addresses of the fabric's VPC, hanat:vpc-id),
    into the zone's ElasticIp and ElasticIpAllocationId: after Add-HaNatVpc allocated them (-Existing). Throws when a
    zone has none, or more than one, or one outside the pool the gateway holds.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeAddresses'; 'Filter.1.Name' = 'tag:hanat:vpc-id'; 'Filter.1.Value.1' = $Fabric.Vpc.vpcId })
    $items = @($reply.SelectNodes("//*[local-name()='addressesSet']/*[local-name()='item']"))
    foreach ($zone in $Fabric.Zones) {
        $own = @($items | Where-Object {
                @($_.SelectNodes("*[local-name()='tagSet']/*[local-name()='item']") | Where-Object {
                        (Get-FailoverXmlText $_ 'key') -eq 'hanat:zone' -and (Get-FailoverXmlText $_ 'value') -eq $zone.Name }).Count })
        if ($own.Count -ne 1) { throw "moto holds $($own.Count) addresses tagged hanat:zone=$($zone.Name) for $($Fabric.Vpc.vpcId), not one" }
        $zone.ElasticIp = Get-FailoverXmlText $own[0] 'publicIp'
        $zone.ElasticIpAllocationId = Get-FailoverXmlText $own[0] 'allocationId'
        if ($zone.ElasticIp -notin $script:ElasticIpPool) { throw "$($zone.Name)'s address $($zone.ElasticIp) is outside the pool the internet gateway holds" }
    }
    Write-FailoverLog $Fabric "Elastic IPs read back: $(($Fabric.Zones | ForEach-Object { "$($_.Letter)=$($_.ElasticIp) ($($_.ElasticIpAllocationId))" }) -join ' ')"
}

function Get-FailoverInternetGatewayEvent {
    <# The gateway's translation changes, oldest first: Time, PublicIp, PrivateIp ('none': no longer associated), Was. #>
    param([Parameter(Mandatory)] [object] $Fabric, [double] $Since = 0)
    if (-not $Fabric.InternetGateway -or -not (Test-Path -LiteralPath $Fabric.InternetGateway.StdOut)) { return }
    foreach ($line in [IO.File]::ReadAllLines($Fabric.InternetGateway.StdOut)) {
        if ($line -match '^(\d+\.\d+) igw public=(\S+) private=(\S+) was=(\S+)$' -and [double]$Matches[1] -ge $Since) {
            [pscustomobject]@{ Time = [double]$Matches[1]; PublicIp = $Matches[2]; PrivateIp = $Matches[3]; Was = $Matches[4] }
        }
    }
}

function Get-FailoverElasticIpState {
    <#
    moto's view of every zone's Elastic IP: Zone (letter), PublicIp, AllocationId, NetworkInterfaceId, PrivateIpAddress
    and InstanceId of its association (empty when free).
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeAddresses'; 'Filter.1.Name' = 'tag:hanat:vpc-id'; 'Filter.1.Value.1' = $Fabric.Vpc.vpcId })
    foreach ($item in $reply.SelectNodes("//*[local-name()='addressesSet']/*[local-name()='item']")) {
        $public = Get-FailoverXmlText $item 'publicIp'
        [pscustomobject]@{
            Zone = ($Fabric.Zones | Where-Object ElasticIp -EQ $public | Select-Object -First 1).Letter
            PublicIp = $public; AllocationId = Get-FailoverXmlText $item 'allocationId'
            NetworkInterfaceId = Get-FailoverXmlText $item 'networkInterfaceId'; PrivateIpAddress = Get-FailoverXmlText $item 'privateIpAddress'
            InstanceId = Get-FailoverXmlText $item 'instanceId'
        }
    }
}

function Get-FailoverSecondaryIp {
    <# The secondary private IPs moto holds for the zone's current NAT's interface. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'DescribeNetworkInterfaces'; 'NetworkInterfaceId.1' = $Zone.NetworkInterfaceId })
    foreach ($item in $reply.SelectNodes("//*[local-name()='privateIpAddressesSet']/*[local-name()='item']")) {
        if ((Get-FailoverXmlText $item 'primary') -ne 'true') { Get-FailoverXmlText $item 'privateIpAddress' }
    }
}

function Get-FailoverZoneAddressHost {
    <#
    What the zone's NAT host holds of other zones' addresses: Rules (its zone-address SNAT rules, as iptables -S
    prints them) and Addresses (the addresses on wan0 other than its primary private IP).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $rules = @((Invoke-FailoverIptables $Fabric $Zone.NatNs @('-t', 'nat', '-S', 'POSTROUTING')).StdOut -split "`n" | Where-Object { $_ -match 'hanat-zone-address:' })
    $addresses = @((Invoke-NetNsIp $Zone.NatNs '-o' '-4' addr show dev wan0) -split "`n" | ForEach-Object { if ($_ -match 'inet (\d+\.\d+\.\d+\.\d+)/') { $Matches[1] } } |
            Where-Object { $_ -ne $Zone.PrivateIp })
    [pscustomobject]@{ Rules = $rules; Addresses = $addresses }
}

function Set-FailoverInternetGatewayBlock {
    <#
    UplinkBlackhole with -ElasticIps: the gateway drops everything from the zone's NAT's primary private IP, whatever
    address it would be translated to (-Clear: no longer). The NAT being faulted carries no other zone's address.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [switch] $Clear)
    $rule = @('FORWARD', '-i', 'br0', '-s', $Zone.PrivateIp, '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
    if (-not $Clear) { $null = Invoke-FailoverIptables $Fabric $Fabric.Igw (@('-I') + $rule); return }
    while ((Invoke-FailoverIptables $Fabric $Fabric.Igw (@('-C') + $rule) -AllowFailure).ExitCode -eq 0) {
        $null = Invoke-FailoverIptables $Fabric $Fabric.Igw (@('-D') + $rule)
    }
}

function Wait-FailoverHomeRoute {
    <#
    With -ElasticIps a zone's requests show its own address through the survivor too, so Measure-Failover's failback
    is timed from the router's move of the zone back to its own NAT: that move's time (at or after -Since), or $null.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [double] $Since,
        [double] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    do {
        $moveHome = Get-FailoverRouterEvent $Fabric -Since $Since | Where-Object { $_.Namespace -eq $Zone.PrivNs -and $_.Via -eq $Zone.PrivateIp } | Select-Object -First 1
        if ($moveHome) { return $moveHome.Time }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    $null
}

function Add-FailoverElasticIpFigure {
    <#
    Adds to one of Measure-Failover's per-zone records (after the probes ended) what the internet saw of the zone's
    requests: the share of successful ones from the zone's own Elastic IP before the fault (EipBefore), during the
    failover once the route had moved and until the replacement booted (EipDuring, with the addresses seen:
    AddressesDuring), and after the zone was home again (EipAfter); FailedAtFailback, the requests that failed from
    the replacement's boot on (the address moving back). Shares are $null when no request fell in the span.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Record)
    $zone = Get-FailoverZone $Fabric $Record.Zone
    $all = @(Get-FailoverProbeResult $Fabric $zone)
    $moved = if ($null -ne $Record.MovedSeconds) { $Record.Injected + $Record.MovedSeconds } else { [double]::PositiveInfinity }
    $booted = if ($Record.PSObject.Properties['Booted']) { $Record.Booted } else { [double]::PositiveInfinity }
    $homeAt = if ($Record.PSObject.Properties['HomeAt'] -and $null -ne $Record.HomeAt) { $Record.HomeAt } else { [double]::PositiveInfinity }
    $share = {
        param($requests)
        $ok = @($requests | Where-Object Ok)
        if ($ok.Count -eq 0) { return $null }
        [math]::Round(@($ok | Where-Object Via -EQ $zone.Letter).Count / $ok.Count, 3)
    }
    $during = @($all | Where-Object { $_.Start -ge $moved -and $_.Start -lt $booted })
    $figures = [ordered]@{
        EipBefore        = & $share @($all | Where-Object { $_.Start -lt $Record.Injected })
        EipDuring        = & $share $during
        EipDuringCount   = @($during | Where-Object Ok).Count
        AddressesDuring  = (@($during | Where-Object Ok | ForEach-Object Detail | Sort-Object -Unique) -join ',')
        EipAfter         = & $share @($all | Where-Object { $_.Start -ge $homeAt })
        FailedAtFailback = @($all | Where-Object { -not $_.Ok -and $_.Start -ge $booted }).Count
    }
    foreach ($key in $figures.Keys) { $Record | Add-Member -Force -NotePropertyName $key -NotePropertyValue $figures[$key] }
}

function Add-FailoverElasticIpSummary {
    <# Measure-Failover's summary with -ElasticIps: the worst zone's shares, the addresses seen during, the failures at failback. #>
    param([Parameter(Mandatory)] [object] $Summary, [Parameter(Mandatory)] [object[]] $PerZone)
    $worst = { param($name) $values = @($PerZone | ForEach-Object { $_.$name } | Where-Object { $null -ne $_ }); if ($values.Count) { ($values | Measure-Object -Minimum).Minimum } else { $null } }
    $Summary | Add-Member -NotePropertyMembers ([ordered]@{
        OwnEipShareBefore = & $worst EipBefore
        OwnEipShareDuring = & $worst EipDuring
        OwnEipShareAfter  = & $worst EipAfter
        AddressesDuring   = (@($PerZone | ForEach-Object { "$($_.Zone)=$($_.AddressesDuring)" }) -join ' ')
        FailedAtFailback  = ($PerZone | Measure-Object -Property FailedAtFailback -Sum).Sum
    })
}
