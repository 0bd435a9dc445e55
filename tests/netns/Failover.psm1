# The 3-zone failover harness: a HaNat VPC in miniature, in network namespaces, running the real module.
#
#   ctl     the "VPC": a bridge (br0, 10.99.255.1/16) that every NAT and private host is plugged into, moto_server
#           bound to 10.99.255.1, and the router (router.py) that sets each private host's next hop from moto's
#           route tables, so that a route change made through the EC2 API really moves packets
#   nat-X   one NAT per zone: fab0 on the bridge with the private IP moto gave the instance, wan0 to the
#           internet (its default route), an IMDS stand-in on its loopback, the real module (boot takeover, then
#           Start-HaNatMonitor)
#   priv-X  one private host per zone (10.99.2N.10), default route set by the router
#   inet    the "internet": a bridge (198.51.100.1/24) with every NAT's uplink, and web.py, which answers
#           "ok <client address>" so that a probe knows which NAT carried it. No route back to 10.99.0.0/16:
#           a reply reaches a private host only through a NAT's masquerade.
#   igw     with -ElasticIps, the internet gateway between the NATs' uplinks and the internet, translating each
#           zone's Elastic IP one to one from moto's associations (FailoverInternetGateway.ps1)
#   natgw-X with -NatGateways, one NAT gateway per zone (AWS's, not ours: no HaNat in it): a NAT gateway in moto
#           with an Elastic IP, and a namespace on the bridge and the internet that forwards and masquerades as
#           the gateway would; the zone's private table starts routed to it, as in a VPC from before HaNat.
#
# Faults are injected for real (Add-FailoverFault), a NAT "returns" the way a replacement boots
# (Restore-FailoverNat: a new instance in moto, a fresh host, boot takeover, then the monitor), and
# Measure-Failover times one fault from injection to the first successful request and back. Only addresses on
# these namespaces' own interfaces are ever used; every name carries the run's random suffix.
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'NetNs.psm1')

$script:Region = 'us-east-1'
$script:HeartbeatPort = 4747
$script:FaultComment = 'hanat-e2e-fault'
# The monitors' cool-down after taking a zone (FailoverSettings.ZoneCooldownSeconds) and a margin.
$script:ZoneCooldownSeconds = 10.5
# How much later than the kernel's route change the router's stamp of it may be (its `ip route replace` run).
$script:RouterStampSlackSeconds = 0.05

# Every fault the harness can inject, and what it is meant to show.
$script:FaultKinds = [ordered]@{
    MonitorKilled     = 'the monitor process killed (SIGKILL); the NAT still forwards'
    NatDead           = 'the instance dead: fabric and uplink down, every process of it killed'
    IpForwardOff      = 'net.ipv4.ip_forward=0'
    MasqueradeDeleted = 'the hanat MASQUERADE rules deleted'
    ForwardDrop       = 'iptables FORWARD policy DROP'
    UplinkDown        = 'the uplink cut: its far end down, so wan0 loses carrier; the monitor lives'
    UplinkBlackhole   = 'the uplink blackholed: the internet drops everything from the NAT; link up, monitor lives'
    HeartbeatsBlocked = 'UDP 4747 dropped in and out at a NAT that still forwards'
    ForwardDropRule   = 'a rule dropping everything appended to FORWARD, as a broken image''s firewall would: the host set-up appends after it, so the data-plane check fails'
}

function Get-FailoverFaultKind {
    <# The faults Add-FailoverFault knows, with what each one does. #>
    [OutputType([pscustomobject])]
    param()
    foreach ($name in $script:FaultKinds.Keys) { [pscustomobject]@{ Name = $name; Description = $script:FaultKinds[$name] } }
}

function Get-FailoverNow {
    <# Unix time in seconds (double), the clock the probe and router logs use. #>
    [OutputType([double])]
    param()
    [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0
}

function Write-FailoverLog {
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [string] $Message)
    $line = '{0:F3} {1}' -f (Get-FailoverNow), $Message
    Add-Content -LiteralPath (Join-Path $Fabric.Work 'harness.log') -Value $line
    if ($Fabric.Verbose) { Write-Host "  [harness] $Message" }
}

function Get-FailoverSkipReason {
    <# Why the failover harness cannot run here, or $null. #>
    [OutputType([string])]
    param()
    $reason = Get-NetNsSkipReason -Tool ip, iptables
    if ($reason) { return $reason }
    foreach ($tool in 'python3', 'moto_server', 'setsid', 'timeout', 'curl') {
        if (-not (Find-NetNsTool $tool)) { return "$tool is not installed (see scripts/bootstrap.sh)" }
    }
    $null
}

function Invoke-FailoverPython {
    <# Runs one of the harness's Python tools in the control namespace and returns its JSON. #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [string] $Script, [string[]] $ArgumentList = @())
    $run = Invoke-NetNsNative -Namespace $Fabric.Ctl -FilePath python3 -ArgumentList (@((Join-Path $PSScriptRoot $Script)) + $ArgumentList) `
        -Environment @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing' }
    $run.StdOut | ConvertFrom-Json
}

function Start-FailoverProcess {
    <# A process of the fabric (the fabric is a NetNs.psm1 fixture): logs in its work directory, ended on teardown. #>
    param([object] $Fabric, [string] $Namespace, [string] $Name, [string] $FilePath, [string[]] $ArgumentList, [hashtable] $Environment = @{})
    Start-NetNsFixtureProcess -Fixture $Fabric -Namespace $Namespace -Name $Name -FilePath $FilePath -ArgumentList $ArgumentList -Environment $Environment
}

function Get-FailoverZone {
    <# A zone of the fabric by letter (a, b, c), by name (us-east-1a) or by index. #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    # (Any value may arrive wrapped in a PSObject, so test for a zone's own property, not for the type.)
    if ($Zone -isnot [string] -and $Zone.PSObject.Properties['NatNs']) { return $Zone }
    $found = if ($Zone -is [int]) { $Fabric.Zones[$Zone] } else { $Fabric.Zones | Where-Object { $_.Letter -eq $Zone -or $_.Name -eq $Zone } }
    if (-not $found) { throw "no zone '$Zone' in the fabric" }
    $found
}

function New-FailoverFabric {
    <#
    Builds the harness: namespaces, bridges, moto with the HaNat VPC, the internet server, the router, and per
    zone an IMDS stand-in; then, unless -NoNat, boots every NAT (boot takeover) and, unless -NoMonitor, starts
    every monitor. -NatGateways first gives every zone a NAT gateway (Add-FailoverNatGateway) and routes its private
    table to it, as a VPC that used NAT gateways before HaNat came; the boot takeovers then decide for themselves
    what to do with those routes (the fabric waits for nothing more). Returns the fabric object every other
    function takes. -Existing: the VPC as it was before HaNat came (implies -NatGateways and -NoNat): no hanat:*
    tag anywhere, no group, launch template or heartbeat key, the NAT instances plain instances; Add-FailoverMigration
    (FailoverMigration.ps1) then puts HaNat in as a user does. -Existing -NoNatGateways: the same VPC before it had
    any way out (the private tables without a default route), as a new VPC HaNat is added to. -ElasticIps: each zone gets an Elastic IP in moto (as
    New-HaNatVpc makes it; with -Existing -NoNatGateways, the one Add-HaNatVpc allocates) and the NATs reach the
    internet through an internet gateway that translates them (FailoverInternetGateway.ps1). On any failure it tears down what it built and throws. Remove-FailoverFabric
    always tears it down.
    #>
    [CmdletBinding()]
    param(
        [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1'),
        [string[]] $ZoneLetter = @('a', 'b', 'c'),
        [string] $WorkDirectory,
        [hashtable] $MonitorParameters = @{},
        # The monitors as Start-HaNatMonitor in pwsh (as the unit ran them before the hanat-monitor executable).
        [switch] $PwshMonitor,
        [switch] $NoNat,
        [switch] $NoMonitor,
        [switch] $NatGateways,
        [switch] $Existing,
        [switch] $NoNatGateways,
        [switch] $ElasticIps,
        # The fault proxy between the monitors and moto (FailoverEc2Faults.ps1): EC2 failing at the harness's word.
        [switch] $FaultProxy,
        [double] $RouterIntervalSeconds = 0.1,
        [double] $MaxSeconds = 3600,
        [switch] $ShowLog
    )
    $ModulePath = [IO.Path]::GetFullPath($ModulePath)
    if ($Existing) { $NatGateways = [switch](-not $NoNatGateways); $NoNat = [switch]$true }
    if ($NoNatGateways -and -not $Existing) { throw '-NoNatGateways goes with -Existing' }
    if ($ElasticIps -and $NatGateways) { throw '-ElasticIps does not go with -NatGateways, nor -Existing without -NoNatGateways (the NAT gateways reach the internet directly)' }
    if (-not (Test-Path -LiteralPath $ModulePath)) { throw "$ModulePath is missing: run ./build.sh first" }
    # The fabric is the namespace fixture (Suffix, Work, Namespaces, Processes, Paths) with the harness's own parts.
    $fabric = New-NetNsFixture -WorkDirectory $WorkDirectory
    $suffix = $fabric.Suffix
    $fabric | Add-Member -NotePropertyMembers ([ordered]@{
        ModulePath        = $ModulePath
        Ctl               = "hnt-$suffix-ctl"
        Inet              = "hnt-$suffix-inet"
        Moto              = 'http://10.99.255.1:5000'
        MotoProcess       = $null
        Router            = $null
        Web               = $null
        WebUrl            = 'http://198.51.100.1:8080/'
        ProbeTarget       = 'http://198.51.100.1:8080/'
        Vpc               = $null
        Cidr              = '10.99.0.0/16'
        RouterConfig      = $null
        NatGateways       = [bool]$NatGateways
        ElasticIps        = [bool]$ElasticIps
        Igw               = "hnt-$suffix-igw"
        InternetGateway   = $null
        Zones             = @()
        MonitorParameters = $MonitorParameters
        PwshMonitor       = [bool]$PwshMonitor
        MonitorHostPath   = (Join-Path (Split-Path (Split-Path $ModulePath)) 'hanat-monitor/hanat-monitor')
        MaxSeconds        = $MaxSeconds
        Takeovers         = 0
        Verbose           = [bool]$ShowLog
    })
    try {
        foreach ($name in $fabric.Ctl, $fabric.Inet) { $null = Add-NetNsFixtureNamespace $fabric -FullName $name }
        # Each bridge gets a MAC of its own: a bridge left to itself takes its lowest port's MAC, so a NAT's machine
        # coming or going (the launcher, FailoverLaunch.ps1) would change it under every neighbour's ARP entry and drop
        # the other NATs' packets until they re-resolve.
        foreach ($pair in @(@($fabric.Ctl, '10.99.255.1/16', '02:68:6e:74:00:01'), @($fabric.Inet, '198.51.100.1/24', '02:68:6e:74:00:02'))) {
            $null = Invoke-NetNsIp $pair[0] link add br0 address $pair[2] type bridge
            $null = Invoke-NetNsIp $pair[0] addr add $pair[1] dev br0
            $null = Invoke-NetNsIp $pair[0] link set br0 up
        }
        if ($ElasticIps) { Add-FailoverInternetGatewayNamespace $fabric }
        # Bridged frames in ctl must not meet iptables (br_netfilter): the fabric is a wire, not a firewall.
        $null = Invoke-NetNsNative -Namespace $fabric.Ctl -FilePath sh -ArgumentList '-c', 'echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables' -AllowFailure

        $index = 0
        $zones = foreach ($letter in $ZoneLetter) {
            $zone = [pscustomobject]@{
                Index = $index; Letter = $letter; Name = "$script:Region$letter"
                NatNs = "hnt-$suffix-nat-$letter"; PrivNs = "hnt-$suffix-priv-$letter"
                PublicCidr = "10.99.$(10 + $index).0/24"; PrivateCidr = "10.99.$(20 + $index).0/24"
                PrivateHostIp = "10.99.$(20 + $index).10"
                UplinkIp = "198.51.100.$(10 + $index)"; UplinkMac = $null; FabricPeer = "n-$letter"; UplinkPeer = "w-$letter"
                Generation = 0; PrivateIp = "10.99.$(10 + $index).10"
                InstanceId = $null; NetworkInterfaceId = $null; PublicSubnetId = $null; PrivateSubnetId = $null; RouteTableId = $null
                Imds = $null; Monitor = $null; MonitorLogs = [System.Collections.Generic.List[string]]::new()
                Probe = $null; ProbeLog = $null; Streams = @{}; Instances = [System.Collections.Generic.List[string]]::new()
                # The zone's NAT gateway (-NatGateways, Add-FailoverNatGateway): the harness's address for it on the
                # fabric (moto's own is random and outside the subnet; .250, far above the addresses moto hands the
                # instances launched in the subnet, .4 and up, which moto does not know to keep clear of it), its uplink (= its Elastic IP), moto's ids.
                NatGatewayNs = "hnt-$suffix-natgw-$letter"; NatGatewayIp = "10.99.$(10 + $index).250"
                NatGatewayUplinkIp = "198.51.100.$(20 + $index)"; NatGatewayId = $null; NatGatewayAllocationId = $null
                NatGatewayMotoIp = $null; NatGateways = [System.Collections.Generic.List[string]]::new()
                # -ElasticIps: the zone's Elastic IP (chosen, allocated in moto; with -Existing, Add-HaNatVpc's, read
                # back by Add-FailoverMigration), and where wan0's far end is.
                ElasticIp = if ($Existing) { $null } else { "198.51.100.$(30 + $index)" }; ElasticIpAllocationId = $null
                UplinkPeerNs = if ($ElasticIps) { $fabric.Igw } else { $fabric.Inet }
            }
            $null = Add-NetNsFixtureNamespace $fabric -FullName $zone.PrivNs
            Add-NetNsVethPair -Namespace $zone.PrivNs -Name eth0 -Address "$($zone.PrivateHostIp)/16" -PeerNamespace $fabric.Ctl -PeerName "p-$letter"
            $null = Invoke-NetNsIp $fabric.Ctl link set "p-$letter" master br0
            Add-FailoverNatHost $fabric $zone
            # Until the router says otherwise, the private host has no way out.
            $null = Invoke-NetNsIp $zone.PrivNs route add blackhole default
            $index++
            $zone
        }
        $fabric.Zones = @($zones)

        $fabric.Web = Start-FailoverProcess $fabric $fabric.Inet web python3 @((Join-Path $PSScriptRoot 'web.py'), '--host', '198.51.100.1',
            '--port', '8080', '--max-seconds', $MaxSeconds)
        $fabric.MotoProcess = Start-NetNsMoto $fabric -Namespace $fabric.Ctl -Address 10.99.255.1 -Port 5000 -TimeoutSeconds 60 `
            -Environment (Get-FailoverMotoEnvironment -ElasticIps:$ElasticIps)
        Wait-NetNsPort -Namespace $fabric.Inet -Address 198.51.100.1 -Port 8080 -Process $fabric.Web

        $create = @('ha', '--endpoint', $fabric.Moto, '--vpc-name', "hnt-$suffix", '--cidr', $fabric.Cidr) +
            @($fabric.Zones | ForEach-Object { '--zone', "$($_.Name),$($_.PublicCidr),$($_.PrivateCidr),$($_.PrivateIp)" }) +
            @(if ($Existing) { '--existing' })
        Write-FailoverLog $fabric "namespaces, moto and the internet server up"
        $fabric.Vpc = Invoke-FailoverPython $fabric ../tools/vpc_fixture.py $create
        Write-FailoverLog $fabric "VPC $($fabric.Vpc.vpcId) made in moto"
        foreach ($zone in $fabric.Zones) {
            $made = $fabric.Vpc.zones | Where-Object zone -EQ $zone.Name
            $zone.InstanceId = $made.instanceId
            $zone.NetworkInterfaceId = $made.networkInterfaceId
            $zone.PublicSubnetId = $made.publicSubnetId
            $zone.PrivateSubnetId = $made.privateSubnetId
            $zone.RouteTableId = $made.routeTableId
            $zone.Instances.Add($made.instanceId)
        }

        if ($NatGateways) {
            foreach ($zone in $fabric.Zones) { $null = Add-FailoverNatGateway $fabric $zone }
        }
        if ($ElasticIps) { Add-FailoverElasticIp $fabric -NoAllocation:$Existing }
        $fabric.RouterConfig = Join-Path $fabric.Work 'router.json'
        Write-FailoverRouterConfig $fabric
        $fabric.Router = Start-FailoverProcess $fabric $fabric.Ctl router python3 @((Join-Path $PSScriptRoot 'router.py'), '--config', $fabric.RouterConfig,
            '--interval', $RouterIntervalSeconds, '--max-seconds', $MaxSeconds) @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing' }
        Wait-NetNsCondition -TimeoutSeconds 30 -Because 'the router to set every private host a route' -Condition {
            if (-not (Test-NetNsProcess $fabric.Router)) { throw "the router exited: $(Get-Content -Raw -LiteralPath $fabric.Router.StdErr)" }
            @(Get-FailoverRouterEvent $fabric).Count -ge $fabric.Zones.Count
        }

        Write-FailoverLog $fabric "router up"
        if ($NatGateways) {
            foreach ($zone in $fabric.Zones) { Wait-FailoverRoute $fabric $zone -Via $zone -NatGateway -TimeoutSeconds 15 }
        }
        foreach ($zone in $fabric.Zones) { Start-FailoverImds $fabric $zone }
        if ($FaultProxy) { Start-FailoverFaultProxy $fabric }
        if (-not $NoNat) {
            # The NATs boot together, as a new group's instances do.
            foreach ($boot in Invoke-FailoverTakeover $fabric $fabric.Zones) {
                if (@($boot.Errors).Count -gt 0) { throw "the boot takeover in zone $($boot.Zone) failed: $($boot.Errors | ConvertTo-Json -Compress)" }
            }
            # With NAT gateways, whether and when the NATs take the zones is what the tests of the migration assert.
            if (-not $NatGateways) {
                foreach ($zone in $fabric.Zones) { Wait-FailoverRoute $fabric $zone -Via $zone -TimeoutSeconds 15 }
            }
            if (-not $NoMonitor) {
                foreach ($zone in $fabric.Zones) { $null = Start-FailoverMonitor $fabric $zone }
            }
        }
        Write-FailoverLog $fabric "fabric up: vpc $($fabric.Vpc.vpcId), NATs $(($fabric.Zones | ForEach-Object { "$($_.Letter)=$($_.InstanceId)@$($_.PrivateIp)" }) -join ' ')"
        $fabric
    } catch {
        $failure = $_
        try { Remove-FailoverFabric $fabric -KeepLogs } catch { Write-Warning "teardown after a failed build: $_" }
        throw $failure
    }
}

function Remove-FailoverFabric {
    <#
    Tears everything down: every process the harness started (TERM, then KILL), every namespace (which also ends
    any process left inside), and the work directory unless -KeepLogs or HANAT_NETNS_KEEP_LOGS. Returns what was
    left behind afterwards (namespaces and processes of this run); empty when the teardown was complete.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [AllowNull()] [object] $Fabric, [switch] $KeepLogs)
    if (-not $Fabric) { return }
    if ($Fabric.PSObject.Properties['Launcher'] -and $Fabric.Launcher) { $null = Stop-FailoverLauncher $Fabric }
    # The fixture's teardown keeps the work directory when it finds something left; the harness also looks for
    # veth ends of its own names in the root namespace.
    $left = @(Remove-NetNsFixture $Fabric -GraceSeconds 3 -KeepLogs) + @(Get-FailoverLeftover $Fabric | Where-Object { $_ -like 'link *' })
    if (-not $KeepLogs -and -not $env:HANAT_NETNS_KEEP_LOGS -and $left.Count -eq 0) {
        Remove-Item -Recurse -Force -LiteralPath $Fabric.Work -ErrorAction SilentlyContinue
    }
    $left
}

function Get-FailoverLeftover {
    <# What of this fabric still exists: namespaces named for its suffix, and processes it started that still run. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Fabric)
    Get-NetNsFixtureLeftover $Fabric
    # A veth end left in the root namespace would carry one of the harness's names.
    $links = (Invoke-NetNsNative -FilePath (Find-NetNsTool ip) -ArgumentList '-o', 'link', 'show' -AllowFailure).StdOut -split "`n"
    foreach ($line in $links) {
        if ($line -match '^\d+: ((?:n|p|w|g|u)-[a-z]\d*|fab0|wan0)[@:]') { "link $($Matches[1]) in the root namespace" }
    }
}

# The harness's parts, each a file of its own in this same module scope (a foreach makes no scope of its own):
# a NAT's machine, the EC2 view, the probes, the faults, a returning NAT, one fault timed; the NAT gateways of
# -NatGateways and the migration of -Existing; the planned departures; the Elastic IPs' internet gateway; the
# launcher (instances launched in moto, booted as EC2 would, terminated as AWS does); EC2 itself failing.
foreach ($part in 'FailoverNatHost', 'FailoverEc2View', 'FailoverProbe', 'FailoverFaults', 'FailoverReplacement', 'FailoverMeasure',
    'FailoverNatGateway', 'FailoverMigration', 'FailoverHandover', 'FailoverInternetGateway', 'FailoverLaunch', 'FailoverEc2Faults') {
    . (Join-Path $PSScriptRoot "$part.ps1")
}

Export-ModuleMember -Function Get-FailoverFaultKind, Get-FailoverNow, Get-FailoverSkipReason, Get-FailoverZone, New-FailoverFabric,
    Remove-FailoverFabric, Get-FailoverLeftover, Start-FailoverImds, Invoke-FailoverTakeover, Start-FailoverMonitor, Stop-FailoverMonitor,
    Get-FailoverMonitorEvent, Get-FailoverRouterEvent, Get-FailoverRoute, Wait-FailoverRoute, Get-FailoverState,
    Get-FailoverRouteTarget, Invoke-FailoverMotoQuery, Start-FailoverProbe, Stop-FailoverProbe, Get-FailoverProbeResult, Wait-FailoverEgress, Add-FailoverFault,
    Remove-FailoverFault, Set-FailoverHeartbeatLoss, Test-FailoverMonitorReady, Get-FailoverHeartbeatDrop, Restore-FailoverNat, Wait-FailoverSteady, Measure-Failover, Repair-FailoverFabric, New-FailoverReplacement,
    Write-FailoverLog, Stop-FailoverNatProcess, Add-FailoverNatGateway, Remove-FailoverNatGateway, Set-FailoverRouteTarget, Enable-FailoverNatForwarding,
    Invoke-FailoverHaNat, Wait-FailoverZoneTarget, Add-FailoverMigration, Remove-FailoverMigration, Get-FailoverMigrationCount,
    Set-FailoverImdsPath, Get-FailoverImdsOverridesPath, Get-FailoverMonitorExit, Wait-FailoverMonitorExit, Get-FailoverRedirectsSent,
    Get-FailoverRelayMarkedEntry, Start-FailoverMotoRecording,
    Get-FailoverMotoRecording,
    Get-FailoverInternetGatewayEvent, Get-FailoverElasticIpState, Get-FailoverSecondaryIp, Get-FailoverZoneAddressHost,
    Start-FailoverBoot, Start-FailoverLauncher, Stop-FailoverLauncher, Sync-FailoverLauncher, Add-FailoverLaunchFault, Get-FailoverLaunched, Get-FailoverLaunchShutdown, Wait-FailoverLaunched,
    Invoke-FailoverRolloutStandIn, New-FailoverLaunchTemplateVersion, New-FailoverNatImage, Get-FailoverLaunchTemplateName,
    Get-FailoverEc2FaultKind, Start-FailoverFaultProxy, Set-FailoverEc2Fault, Get-FailoverFaultProxyLog, Measure-FailoverEc2Fault
