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
    New-HaNatVpc makes it) and the NATs reach the internet through an internet gateway that translates them
    (FailoverInternetGateway.ps1). On any failure it tears down what it built and throws. Remove-FailoverFabric
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
    if ($ElasticIps -and $NatGateways) { throw '-ElasticIps does not go with -NatGateways or -Existing (the NAT gateways reach the internet directly)' }
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
                # -ElasticIps: the zone's Elastic IP (chosen, allocated in moto), and where wan0's far end is.
                ElasticIp = "198.51.100.$(30 + $index)"; ElasticIpAllocationId = $null
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
        if ($ElasticIps) { Add-FailoverElasticIp $fabric }
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
        $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-KILL', '--', "-$($Zone.Monitor.Id)" -AllowFailure
        Wait-NetNsCondition -TimeoutSeconds 5 -Because 'the killed monitor to be gone' -Condition { -not (Test-NetNsProcess $Zone.Monitor) }
    } else {
        Stop-NetNsProcess $Zone.Monitor -GraceSeconds $GraceSeconds
        Get-FailoverMonitorExit $Fabric $Zone
    }
}

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

function Start-FailoverProbe {
    <#
    Starts the egress probe (probe.py) in the zone's private host, to a new log; returns the log's path. One probe
    per zone at a time: a running one is stopped first.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [double] $IntervalSeconds = 0.05,
        [double] $TimeoutSeconds = 1, [double] $MaxSeconds = 600, [double] $HoldSeconds = 0, [string] $Stream)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Stream) {
        # A second stream of the zone's host beside its probe (probe.py --hold: requests sent in two parts), by name.
        Stop-FailoverProbe $Fabric $Zone -Stream $Stream
        $log = Join-Path $Fabric.Work "probe-$($Zone.Letter)-$Stream-$([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()).log"
        $null = New-Item -ItemType File -Force -Path $log
        $process = Start-FailoverProcess $Fabric $Zone.PrivNs ([IO.Path]::GetFileNameWithoutExtension($log)) python3 @((Join-Path $PSScriptRoot 'probe.py'),
            '--url', $Fabric.WebUrl, '--log', $log, '--interval', $IntervalSeconds, '--timeout', $TimeoutSeconds, '--max-seconds', $MaxSeconds, '--hold', $HoldSeconds)
        $Zone.Streams[$Stream] = [pscustomobject]@{ Process = $process; Log = $log }
        return $log
    }
    Stop-FailoverProbe $Fabric $Zone
    $n = @(Get-ChildItem -LiteralPath $Fabric.Work -Filter "probe-$($Zone.Letter)-*.log" -ErrorAction SilentlyContinue).Count
    $log = Join-Path $Fabric.Work "probe-$($Zone.Letter)-$n.log"
    $null = New-Item -ItemType File -Force -Path $log
    $Zone.ProbeLog = $log
    $Zone.Probe = Start-FailoverProcess $Fabric $Zone.PrivNs "probe-$($Zone.Letter)-$n" python3 @((Join-Path $PSScriptRoot 'probe.py'),
        '--url', $Fabric.WebUrl, '--log', $log, '--interval', $IntervalSeconds, '--timeout', $TimeoutSeconds, '--max-seconds', $MaxSeconds)
    $log
}

function Stop-FailoverProbe {
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [string] $Stream)
    $Zone = Get-FailoverZone $Fabric $Zone
    if ($Stream) {
        if ($Zone.Streams[$Stream]) { Stop-NetNsProcess $Zone.Streams[$Stream].Process -GraceSeconds 3; $Zone.Streams.Remove($Stream) }
        return
    }
    if ($Zone.Probe) { Stop-NetNsProcess $Zone.Probe -GraceSeconds 3; $Zone.Probe = $null }
}

function Get-FailoverProbeResult {
    <#
    The zone's probe requests (current log, or -Log), oldest start first: Start, End, Ok, Via (the zone letter of
    the NAT the server saw, natgw-LETTER for a zone's NAT gateway, with -ElasticIps the letter of the zone whose Elastic
    IP the server saw (whichever NAT carried it), or the address), Detail. -Since keeps requests that started at or
    after that time.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [double] $Since = 0, [string] $Log)
    $Zone = Get-FailoverZone $Fabric $Zone
    if (-not $Log) { $Log = $Zone.ProbeLog }
    if (-not $Log -or -not (Test-Path -LiteralPath $Log)) { return }
    $byUplink = @{}
    foreach ($z in $Fabric.Zones) {
        $byUplink[$z.UplinkIp] = $z.Letter; $byUplink[$z.NatGatewayUplinkIp] = "natgw-$($z.Letter)"
        if ($Fabric.ElasticIps) { $byUplink[$z.ElasticIp] = $z.Letter }
    }
    # The NATs the launcher hosted (FailoverLaunch.ps1), and the zones' first ones, retired or not, are their zone's.
    if ($Fabric.PSObject.Properties['Launcher'] -and $Fabric.Launcher) {
        foreach ($uplink in @($Fabric.Launcher.Uplinks.Keys)) { $byUplink[$uplink] = $Fabric.Launcher.Uplinks[$uplink] }
    }
    $records = foreach ($line in [IO.File]::ReadAllLines($Log)) {
        $parts = $line -split ' '
        if ($parts.Count -lt 4) { continue }
        $start = [double]$parts[0]
        if ($start -lt $Since) { continue }
        $ok = $parts[2] -eq 'ok'
        $via = if ($ok) { if ($byUplink.ContainsKey($parts[3])) { $byUplink[$parts[3]] } else { $parts[3] } } else { $null }
        [pscustomobject]@{ Start = $start; End = [double]$parts[1]; Ok = $ok; Via = $via; Detail = $parts[3] }
    }
    @($records) | Sort-Object Start
}

function Wait-FailoverEgress {
    <#
    Waits for the zone's first successful probe request that started at or after -Since (and, with -Via, went
    through that zone's NAT); returns it, or $null after the timeout.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone, [Parameter(Mandatory)] [double] $Since,
        [string] $Via, [double] $TimeoutSeconds = 20)
    $Zone = Get-FailoverZone $Fabric $Zone
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $first = Get-FailoverProbeResult $Fabric $Zone -Since $Since | Where-Object { $_.Ok -and (-not $Via -or $_.Via -eq $Via) } | Select-Object -First 1
        if ($first) { return $first }
        if ($Zone.Probe -and -not (Test-NetNsProcess $Zone.Probe)) { throw "the probe of $($Zone.Name) exited: $(Get-Content -Raw -LiteralPath $Zone.Probe.StdErr)" }
        if ([DateTime]::UtcNow -ge $deadline) { return $null }
        Start-Sleep -Milliseconds 50
    }
}

function Invoke-FailoverIptables {
    param([object] $Fabric, [string] $Namespace, [string[]] $ArgumentList, [switch] $AllowFailure)
    Invoke-NetNsNative -Namespace $Namespace -FilePath iptables -ArgumentList (@('-w', '5') + $ArgumentList) -AllowFailure:$AllowFailure
}

function Set-FailoverSysctl {
    param([string] $Namespace, [string] $Path, [string] $Value)
    $null = Invoke-NetNsNative -Namespace $Namespace -FilePath sh -ArgumentList '-c', "echo $Value > /proc/sys/$Path"
}

function Stop-FailoverNatProcess {
    <# Kills (SIGKILL) every process inside the zone's NAT namespace: the monitor, the IMDS stand-in, anything they ran. #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone)
    $Zone = Get-FailoverZone $Fabric $Zone
    $ip = Find-NetNsTool ip
    for ($attempt = 0; $attempt -lt 50; $attempt++) {
        $pids = @((Invoke-NetNsNative -FilePath $ip -ArgumentList 'netns', 'pids', $Zone.NatNs -AllowFailure).StdOut -split '\s+' | Where-Object { $_ -match '^\d+$' })
        if ($pids.Count -eq 0) { return }
        $null = Invoke-NetNsNative -FilePath kill -ArgumentList (@('-KILL') + $pids) -AllowFailure
        Start-Sleep -Milliseconds 50
    }
    throw "processes in $($Zone.NatNs) survived SIGKILL"
}

function Add-FailoverFault {
    <#
    Injects one fault (see Get-FailoverFaultKind) at the zone's NAT, for real, and returns a record of it
    (Kind, Zone, Injected: the time it was in effect). Remove-FailoverFault undoes it in place; Restore-FailoverNat
    replaces the NAT (which also clears any fault).
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Zone,
        [Parameter(Mandatory)] [ValidateScript({ $script:FaultKinds.Contains($_) })] [string] $Kind)
    $Zone = Get-FailoverZone $Fabric $Zone
    $ns = $Zone.NatNs
    switch ($Kind) {
        'MonitorKilled' { Stop-FailoverMonitor $Fabric $Zone -Kill }
        'NatDead' {
            Stop-FailoverNatProcess $Fabric $Zone
            $null = Invoke-NetNsIp $ns link set fab0 down
            $null = Invoke-NetNsIp $ns link set wan0 down
        }
        'IpForwardOff' { Set-FailoverSysctl $ns net/ipv4/ip_forward 0 }
        'MasqueradeDeleted' {
            $rules = (Invoke-FailoverIptables $Fabric $ns @('-t', 'nat', '-S', 'POSTROUTING')).StdOut -split "`n" |
                Where-Object { $_ -match '^-A POSTROUTING .*--comment "?hanat"?(\s|$)' }
            if (@($rules).Count -eq 0) { throw "no hanat MASQUERADE rule in $ns to delete" }
            foreach ($rule in $rules) {
                # -S prints the rule as -A's arguments: split them as a shell would (the comment may be quoted).
                $words = [regex]::Matches($rule.Substring(3), '"[^"]*"|\S+') | ForEach-Object { $_.Value.Trim('"') }
                $null = Invoke-FailoverIptables $Fabric $ns (@('-t', 'nat', '-D') + $words)
            }
        }
        'ForwardDrop' { $null = Invoke-FailoverIptables $Fabric $ns @('-P', 'FORWARD', 'DROP') }
        'UplinkDown' { $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer down }
        'UplinkBlackhole' {
            if ($Fabric.ElasticIps) { Set-FailoverInternetGatewayBlock $Fabric $Zone; break }
            $null = Invoke-FailoverIptables $Fabric $Fabric.Inet @('-I', 'INPUT', '-s', $Zone.UplinkIp, '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
        }
        # No comment on the rule: the data-plane check takes only a bare DROP for "drops everything".
        'ForwardDropRule' { $null = Invoke-FailoverIptables $Fabric $ns @('-A', 'FORWARD', '-j', 'DROP') }
        'HeartbeatsBlocked' {
            foreach ($chain in @(@('INPUT', '--dport'), @('OUTPUT', '--dport'))) {
                $null = Invoke-FailoverIptables $Fabric $ns @('-I', $chain[0], '-p', 'udp', $chain[1], $script:HeartbeatPort,
                    '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
            }
        }
    }
    $record = [pscustomobject]@{ Kind = $Kind; Zone = $Zone.Letter; InstanceId = $Zone.InstanceId; Injected = Get-FailoverNow }
    Write-FailoverLog $Fabric "fault $Kind injected at $($Zone.Name) ($($Zone.InstanceId))"
    $record
}

function Remove-FailoverFault {
    <#
    Undoes a fault in place, without replacing the NAT (a killed monitor is started again; a dead NAT gets its
    links and IMDS back and its monitor restarted). Restore-FailoverNat is what a replacement does instead.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Fault)
    $Zone = Get-FailoverZone $Fabric $Fault.Zone
    $ns = $Zone.NatNs
    switch ($Fault.Kind) {
        'MonitorKilled' { $null = Start-FailoverMonitor $Fabric $Zone }
        'NatDead' {
            $null = Invoke-NetNsIp $ns link set fab0 up
            $null = Invoke-NetNsIp $ns link set wan0 up
            foreach ($line in Get-FailoverUplinkScript $Fabric $Zone $Zone.PrivateIp) {
                if ($line -match '^ip route') { $null = Invoke-NetNsNative -Namespace $ns -FilePath sh -ArgumentList '-c', $line }
            }
            Start-FailoverImds $Fabric $Zone
            $null = Start-FailoverMonitor $Fabric $Zone
        }
        'IpForwardOff' { Set-FailoverSysctl $ns net/ipv4/ip_forward 1 }
        'MasqueradeDeleted' {
            $null = Invoke-FailoverIptables $Fabric $ns @('-t', 'nat', '-A', 'POSTROUTING', '-s', $Fabric.Cidr, '-o', 'wan0',
                '-m', 'comment', '--comment', 'hanat', '-j', 'MASQUERADE')
        }
        'ForwardDrop' { $null = Invoke-FailoverIptables $Fabric $ns @('-P', 'FORWARD', 'ACCEPT') }
        'UplinkDown' {
            $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer up
            # The link is back, but a neighbour entry that failed while it was down holds packets until ARP's next
            # retry, up to a second later: longer than a brief fault may last. Both ends forget them, so the path is
            # whole again at once, as the undo promises (the test of brief faults depends on it).
            $null = Invoke-NetNsIp $ns neigh flush dev wan0
            $null = Invoke-NetNsIp $Zone.UplinkPeerNs neigh flush dev $Zone.UplinkPeer
        }
        'UplinkBlackhole' { Clear-FailoverInetBlock $Fabric $Zone }
        'ForwardDropRule' { $null = Invoke-FailoverIptables $Fabric $ns @('-D', 'FORWARD', '-j', 'DROP') -AllowFailure }
        'HeartbeatsBlocked' { Clear-FailoverFaultRule $Fabric $ns }
    }
    Write-FailoverLog $Fabric "fault $($Fault.Kind) undone at $($Zone.Name)"
}

function Clear-FailoverFaultRule {
    # Deletes every rule the harness added (comment hanat-e2e-fault) in the namespace's filter table.
    param([object] $Fabric, [string] $Namespace)
    foreach ($chain in 'INPUT', 'OUTPUT', 'FORWARD') {
        while ($true) {
            $rules = @((Invoke-FailoverIptables $Fabric $Namespace @('-S', $chain)).StdOut -split "`n" | Where-Object { $_ -match [regex]::Escape($script:FaultComment) })
            if ($rules.Count -eq 0) { break }
            $null = Invoke-FailoverIptables $Fabric $Namespace @('-D', $chain, '1') -AllowFailure
            # -D CHAIN 1 removes the first rule: the harness always inserts its own at the top.
        }
    }
}

function Clear-FailoverInetBlock {
    param([object] $Fabric, [object] $Zone)
    if ($Fabric.ElasticIps) { Set-FailoverInternetGatewayBlock $Fabric $Zone -Clear; return }
    while ($true) {
        $rules = @((Invoke-FailoverIptables $Fabric $Fabric.Inet @('-S', 'INPUT')).StdOut -split "`n" |
            Where-Object { $_ -match [regex]::Escape($script:FaultComment) -and $_ -match "-s $([regex]::Escape($Zone.UplinkIp))/32" })
        if ($rules.Count -eq 0) { break }
        $null = Invoke-FailoverIptables $Fabric $Fabric.Inet @('-D', 'INPUT', '-s', $Zone.UplinkIp, '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
    }
}

function Set-FailoverHeartbeatLoss {
    <#
    Drops a share of the heartbeats every NAT receives (iptables statistic match on UDP 4747 in INPUT: this
    kernel has no netem), or with -Percent 0 removes that loss again.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [double] $Percent)
    foreach ($zone in $Fabric.Zones) {
        Clear-FailoverFaultRule $Fabric $zone.NatNs
        if ($Percent -gt 0) {
            $null = Invoke-FailoverIptables $Fabric $zone.NatNs @('-I', 'INPUT', '-p', 'udp', '--dport', $script:HeartbeatPort, '-m', 'statistic',
                '--mode', 'random', '--probability', ([string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0:0.####}', $Percent / 100)),
                '-m', 'comment', '--comment', $script:FaultComment, '-j', 'DROP')
        }
    }
    Write-FailoverLog $Fabric "heartbeat loss set to $Percent% at every NAT"
}

function Get-FailoverHeartbeatDrop {
    <# How many heartbeat packets the loss rule has dropped, per zone letter. #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $counts = [ordered]@{}
    foreach ($zone in $Fabric.Zones) {
        $listing = (Invoke-FailoverIptables $Fabric $zone.NatNs @('-L', 'INPUT', '-v', '-n', '-x')).StdOut -split "`n" |
            Where-Object { $_ -match [regex]::Escape($script:FaultComment) -and $_ -match 'statistic' }
        $counts[$zone.Letter] = [int](@($listing | ForEach-Object { ($_.Trim() -split '\s+')[0] }) | Measure-Object -Sum).Sum
    }
    $counts
}

function Reset-FailoverHost {
    <#
    Makes the zone's NAT namespace a freshly booted machine: no process, links up, no address on fab0 but the
    given one, empty iptables with ACCEPT policies, ip_forward=0, the uplink reachable from the internet again.
    One shell per namespace, so that a reset costs two process starts, not twenty.
    #>
    param([object] $Fabric, [object] $Zone, [string] $PrivateIp)
    Stop-FailoverNatProcess $Fabric $Zone
    $Zone.Monitor = $null
    $Zone.Imds = $null
    $script = (@(
        'set -e'
        'for t in filter nat mangle raw; do iptables -w 5 -t $t -F; iptables -w 5 -t $t -X; done'
        'for c in INPUT FORWARD OUTPUT; do iptables -w 5 -P $c ACCEPT; done'
        'echo 0 > /proc/sys/net/ipv4/ip_forward'
        'ip addr flush dev fab0'
        "ip addr add $PrivateIp/16 dev fab0"
        'ip link set fab0 up'
        'ip link set wan0 up'
    ) + @(Get-FailoverUplinkScript $Fabric $Zone $PrivateIp)) -join "`n"
    $null = Invoke-NetNsNative -Namespace $Zone.NatNs -FilePath sh -ArgumentList '-c', $script
    $null = Invoke-NetNsIp $Zone.UplinkPeerNs link set $Zone.UplinkPeer up
    Clear-FailoverInetBlock $Fabric $Zone
}

function New-FailoverReplacement {
    <#
    What the Auto Scaling group does with an Unhealthy NAT (moto replaces nothing): terminate it, detach it
    from the group, launch a replacement in the same zone's public subnet with the given private IP and the NAT
    tags, attach it. Query calls with curl; returns instanceId, networkInterfaceId, privateIp.
    #>
    param([object] $Fabric, [object] $Zone, [string] $PrivateIp)
    $group = $Fabric.Vpc.group
    $members = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DescribeAutoScalingGroups'; 'AutoScalingGroupNames.member.1' = $group })
    if ($members.SelectNodes("//*[local-name()='Instances']/*[local-name()='member']/*[local-name()='InstanceId'][text()='$($Zone.InstanceId)']").Count) {
        $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'DetachInstances'; AutoScalingGroupName = $group
                'InstanceIds.member.1' = $Zone.InstanceId; ShouldDecrementDesiredCapacity = 'true' })
    }
    $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'TerminateInstances'; 'InstanceId.1' = $Zone.InstanceId })
    $run = [ordered]@{ Action = 'RunInstances'; ImageId = 'ami-12c6146b'; MinCount = 1; MaxCount = 1; InstanceType = 't3.nano'
        SubnetId = $Zone.PublicSubnetId; PrivateIpAddress = $PrivateIp; 'TagSpecification.1.ResourceType' = 'instance' }
    $tags = [ordered]@{ Name = "hanat-$($Fabric.Vpc.vpcName)-nat-$($Zone.Letter)"; 'hanat:managed' = 'true'; 'hanat:vpc-name' = $Fabric.Vpc.vpcName
        'hanat:zone' = $Zone.Name; 'hanat:component' = 'nat-instance' }
    # After Add-FailoverMigration, a replacement carries what the deployment's launch template gives its instances.
    if ($Fabric.PSObject.Properties['MigrationTags'] -and $Fabric.MigrationTags) {
        foreach ($tag in $Fabric.MigrationTags.PSObject.Properties) { $tags[$tag.Name] = $tag.Value }
    }
    $n = 0
    foreach ($key in $tags.Keys) { $n++; $run["TagSpecification.1.Tag.$n.Key"] = $key; $run["TagSpecification.1.Tag.$n.Value"] = $tags[$key] }
    $reply = Invoke-FailoverMotoQuery $Fabric ec2 $run
    $instance = $reply.SelectSingleNode("//*[local-name()='instancesSet']/*[local-name()='item']")
    $new = [pscustomobject]@{
        instanceId         = $instance.SelectSingleNode("*[local-name()='instanceId']").InnerText
        privateIp          = $instance.SelectSingleNode("*[local-name()='privateIpAddress']").InnerText
        networkInterfaceId = $instance.SelectSingleNode(".//*[local-name()='networkInterfaceSet']/*[local-name()='item']/*[local-name()='networkInterfaceId']").InnerText
    }
    $null = Invoke-FailoverMotoQuery $Fabric autoscaling ([ordered]@{ Action = 'AttachInstances'; AutoScalingGroupName = $group; 'InstanceIds.member.1' = $new.instanceId })
    $new
}

function Start-FailoverBoot {
    <#
    What the AMI's units do when NATs boot, on hosts that are ready (a fresh namespace with the instance's address):
    the IMDS stand-in with each one's identity, the boot takeovers (all at once, as a group's instances boot), then,
    unless -NoMonitor, each monitor. Returns Booted (the time the takeovers started) and Takeovers (per NAT, with
    Zone). -Nat: zones of the fabric, or NATs the launcher hosts.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Nat, [switch] $NoMonitor)
    foreach ($n in $Nat) { Start-FailoverImds $Fabric $n }
    $booted = Get-FailoverNow
    $takeovers = @(Invoke-FailoverTakeover $Fabric $Nat)
    if (-not $NoMonitor) {
        foreach ($n in $Nat) { $null = Start-FailoverMonitor $Fabric $n }
    }
    [pscustomobject]@{ Booted = $booted; Takeovers = $takeovers }
}

function Restore-FailoverNat {
    <#
    The zones' NATs come back the way replacements boot: what the Auto Scaling group does with an Unhealthy
    instance (moto replaces nothing, so the harness does: terminate, detach, launch a new instance in the zone
    with the next private IP, attach), a freshly booted host, the IMDS stand-in with the new identity, then the
    boot takeover and the monitor. Several zones boot at once. With -InPlace the same instance reboots instead
    (same id and IP). Returns per zone: Zone, Booted (the time the boot takeovers started), Takeover (its
    result), OldInstanceId, InstanceId.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object[]] $Zone, [switch] $InPlace, [switch] $NoMonitor)
    $zones = @($Zone | ForEach-Object { Get-FailoverZone $Fabric $_ })
    $old = @{}
    foreach ($z in $zones) {
        $old[$z.Letter] = $z.InstanceId
        if ($InPlace) {
            Reset-FailoverHost $Fabric $z $z.PrivateIp
        } else {
            $z.Generation++
            $ip = "10.99.$(10 + $z.Index).$(10 + $z.Generation)"
            Reset-FailoverHost $Fabric $z $ip
            $new = New-FailoverReplacement $Fabric $z $ip
            if ($new.privateIp -ne $ip) { throw "moto gave the replacement $($new.privateIp), not $ip" }
            $z.InstanceId = $new.instanceId
            $z.NetworkInterfaceId = $new.networkInterfaceId
            $z.PrivateIp = $ip
            $z.Instances.Add($new.instanceId)
        }
    }
    $boot = Start-FailoverBoot $Fabric $zones -NoMonitor:$NoMonitor
    $booted = $boot.Booted
    $takeovers = $boot.Takeovers
    foreach ($z in $zones) {
        Write-FailoverLog $Fabric "NAT of $($z.Name) restored: $($old[$z.Letter]) -> $($z.InstanceId) at $($z.PrivateIp)"
        [pscustomobject]@{ Zone = $z.Letter; Booted = $booted; Takeover = ($takeovers | Where-Object Zone -EQ $z.Letter)
            OldInstanceId = $old[$z.Letter]; InstanceId = $z.InstanceId }
    }
}

function Repair-FailoverFabric {
    <#
    Puts every zone that is not on its own NAT back on it, through the EC2 API (ReplaceRoute), and waits for
    the router; returns what it repaired ("zone: target -> own NAT"). For test isolation after a failed run:
    whatever left a zone elsewhere has already been reported by the run that did it.
    #>
    param([Parameter(Mandatory)] [object] $Fabric)
    $targets = Get-FailoverRouteTarget $Fabric
    foreach ($zone in $Fabric.Zones) {
        if ($targets[$zone.Letter] -eq $zone.InstanceId) { continue }
        $null = Invoke-FailoverMotoQuery $Fabric ec2 ([ordered]@{ Action = 'ReplaceRoute'; RouteTableId = $zone.RouteTableId
                DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $zone.InstanceId })
        Write-FailoverLog $Fabric "repaired: $($zone.Name) routed to $($targets[$zone.Letter]), set back to $($zone.InstanceId)"
        "$($zone.Letter): $($targets[$zone.Letter]) -> $($zone.InstanceId)"
    }
    foreach ($zone in $Fabric.Zones) { Wait-FailoverRoute $Fabric $zone -Via $zone -TimeoutSeconds 10 }
}

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
        # any other failure means egress was lost.
        $switches = @(Get-FailoverRouterEvent $Fabric -Since ($record.Injected - 5) | Where-Object Namespace -EQ $z.PrivNs | ForEach-Object Time)
        $failed = @(Get-FailoverProbeResult $Fabric $z -Since $record.Injected | Where-Object { -not $_.Ok })
        $record.FailedRequests = $failed.Count
        $record.FailedOutsideSwitch = @($failed | Where-Object { $f = $_; -not @($switches | Where-Object { $_ -ge $f.Start - 0.01 -and $_ -le $f.End }) }).Count
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
    foreach ($z in $probes) { $null = Invoke-NetNsNative -FilePath kill -ArgumentList '-TERM', '--', "-$($z.Probe.Id)" -AllowFailure }
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

# The NAT gateways of -NatGateways, and the migration of -Existing: their own files, the same module scope.
. (Join-Path $PSScriptRoot 'FailoverNatGateway.ps1')
. (Join-Path $PSScriptRoot 'FailoverMigration.ps1')
. (Join-Path $PSScriptRoot 'FailoverHandover.ps1')
. (Join-Path $PSScriptRoot 'FailoverInternetGateway.ps1')
# The launcher: instances launched in moto (Update-HaNatVpc's) booted as EC2 would, and terminated as AWS does.
. (Join-Path $PSScriptRoot 'FailoverLaunch.ps1')
# EC2 itself failing: the fault proxy between the monitors and moto, and the EC2 fault kinds.
. (Join-Path $PSScriptRoot 'FailoverEc2Faults.ps1')

Export-ModuleMember -Function Get-FailoverFaultKind, Get-FailoverNow, Get-FailoverSkipReason, Get-FailoverZone, New-FailoverFabric,
    Remove-FailoverFabric, Get-FailoverLeftover, Start-FailoverImds, Invoke-FailoverTakeover, Start-FailoverMonitor, Stop-FailoverMonitor,
    Get-FailoverMonitorEvent, Get-FailoverRouterEvent, Get-FailoverRoute, Wait-FailoverRoute, Get-FailoverState,
    Get-FailoverRouteTarget, Invoke-FailoverMotoQuery, Start-FailoverProbe, Stop-FailoverProbe, Get-FailoverProbeResult, Wait-FailoverEgress, Add-FailoverFault,
    Remove-FailoverFault, Set-FailoverHeartbeatLoss, Test-FailoverMonitorReady, Get-FailoverHeartbeatDrop, Restore-FailoverNat, Wait-FailoverSteady, Measure-Failover, Repair-FailoverFabric, New-FailoverReplacement,
    Write-FailoverLog, Stop-FailoverNatProcess, Add-FailoverNatGateway, Remove-FailoverNatGateway, Set-FailoverRouteTarget, Enable-FailoverNatForwarding,
    Invoke-FailoverHaNat, Wait-FailoverZoneTarget, Add-FailoverMigration, Remove-FailoverMigration, Get-FailoverMigrationCount,
    Set-FailoverImdsPath, Get-FailoverImdsOverridesPath, Get-FailoverMonitorExit, Wait-FailoverMonitorExit, Start-FailoverMotoRecording,
    Get-FailoverMotoRecording,
    Get-FailoverInternetGatewayEvent, Get-FailoverElasticIpState, Get-FailoverSecondaryIp, Get-FailoverZoneAddressHost,
    Start-FailoverBoot, Start-FailoverLauncher, Stop-FailoverLauncher, Sync-FailoverLauncher, Add-FailoverLaunchFault, Get-FailoverLaunched, Get-FailoverLaunchShutdown, Wait-FailoverLaunched,
    Invoke-FailoverRolloutStandIn, New-FailoverLaunchTemplateVersion, New-FailoverNatImage, Get-FailoverLaunchTemplateName,
    Get-FailoverEc2FaultKind, Start-FailoverFaultProxy, Set-FailoverEc2Fault, Get-FailoverFaultProxyLog, Measure-FailoverEc2Fault
