# Every view in out/HaNat/HaNat.Format.ps1xml fits a 120-column terminal without cutting a value: each view is found
# in the file (so a new view without a sample here fails), and rendered with Out-String -Width 120 from realistic
# objects: what the cmdlets return against moto, and built objects for what moto cannot produce (17-digit ids of
# every kind a route can target, 15-character zone names, a blackhole previous target, a broken NAT's details).

BeforeDiscovery {
    $formatFile = Join-Path $PSScriptRoot '../../out/HaNat/HaNat.Format.ps1xml'
    $views = @(([xml](Get-Content -Raw -LiteralPath $formatFile)).Configuration.ViewDefinitions.View | ForEach-Object {
            @{ Name = $_.Name; TypeName = $_.ViewSelectedBy.TypeName; IsTable = $null -ne $_.TableControl }
        })
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $formatXml = [xml](Get-Content -Raw -LiteralPath "$PSScriptRoot/../../out/HaNat/HaNat.Format.ps1xml")
    $width = 120
    $ellipsis = [string][char]0x2026

    # --- Real output, against moto.
    Reset-Moto
    $null = New-TestHaNatImage -Architecture arm64
    $images = @(Get-HaNatImage @aws)
    $hanatVpc = New-HaNatVpc -Name formats -CidrBlock '10.90' @aws -WarningAction SilentlyContinue

    $vpc = New-TestVpc -Zone us-east-1a -PrivateSubnetsPerZone 2 -PrivateTable Own
    $nat = New-TestInstance $vpc.Zones['us-east-1a'].PublicSubnetId
    $takeovers = @(Invoke-HaNatTakeover -InstanceId $nat @aws -WarningAction SilentlyContinue)
    # Healthy, a route to a gateway (ForeignTarget), and no route at all (NoRoute).
    $igw = New-TestInternetGateway $vpc.VpcId
    Invoke-Ec2 ReplaceRoute ([Amazon.EC2.Model.ReplaceRouteRequest]@{ RouteTableId = $vpc.Zones['us-east-1a'].RouteTableIds[0]; DestinationCidrBlock = '0.0.0.0/0'; GatewayId = $igw }) | Out-Null
    $audits = @(Test-HaNatRouting -VpcId $vpc.VpcId @aws) + @(Test-HaNatRouting -VpcId $hanatVpc.VpcId @aws)

    $alpha = New-TestPeeringVpc -CidrBlock '10.1.0.0/16' -Name alpha
    $beta = New-TestPeeringVpc -CidrBlock '10.2.0.0/16' -Name beta -SecondaryCidrBlock '192.168.100.0/24'
    $peerings = @(Connect-HaNatVpc -VpcId $alpha.VpcId -PeerVpcId $beta.VpcId @aws)

    # --- Built: the longest values each column can realistically hold.
    $ids = @{
        Vpc = 'vpc-0123456789abcdef0'; Subnet = 'subnet-0123456789abcdef0'; Table = 'rtb-0123456789abcdef0'
        Instance = 'i-0123456789abcdef0'; Endpoint = 'vpce-0123456789abcdef0'; NatGateway = 'nat-0123456789abcdef0'
        Peering = 'pcx-0123456789abcdef0'; TransitGateway = 'tgw-0123456789abcdef0'
    }
    $zone = 'ap-southeast-2a'
    $builtTakeovers = @(
        [HaNat.Model.TakeoverResult]::new($ids.Subnet, $ids.Table, $zone, 'Replaced', "$($ids.Instance) (blackhole)", $ids.Instance, $ids.Instance, $ids.Vpc)
        [HaNat.Model.TakeoverResult]::new($ids.Subnet, $ids.Table, $zone, 'ReplacedForeign', $ids.Endpoint, $ids.Instance, $ids.Instance, $ids.Vpc)
        [HaNat.Model.TakeoverResult]::new($ids.Subnet, $ids.Table, $zone, 'LeftForeign', $ids.NatGateway, $ids.NatGateway, $ids.Instance, $ids.Vpc)
        [HaNat.Model.TakeoverResult]::new($ids.Subnet, $ids.Table, $zone, 'NewRouteTable', "$($ids.Endpoint) (blackhole)", $ids.Instance, $ids.Instance, $ids.Vpc)
    )
    $builtAudits = foreach ($status in [enum]::GetNames([HaNat.Model.RouteStatus])) {
        [HaNat.Model.RouteAudit]::new($ids.Vpc, $ids.Subnet, $zone, $ids.Table, $ids.Endpoint, $status, "0.0.0.0/0 -> $($ids.Endpoint) (VpcEndpoint) is not a NAT instance.")
    }
    $builtPeerings = foreach ($action in [enum]::GetNames([HaNat.Model.PeeringRouteAction])) {
        [HaNat.Model.PeeringResult]::new($ids.Vpc, $ids.Table, '192.168.100.0/24', $action, $ids.Peering, $ids.TransitGateway, $ids.Vpc)
    }
    $zones = foreach ($letter in 'a', 'b', 'c') {
        [HaNat.Model.HaNatVpcZone]::new("ap-southeast-2$letter", $ids.Subnet, $ids.Subnet, $ids.Table, 'eipalloc-0123456789abcdef0', '203.113.154.201')
    }
    $builtVpc = [HaNat.Model.HaNatVpc]::new('prod-apse2-blue', $ids.Vpc, '192.168.128.0/17', 'ap-southeast-2', [HaNat.Model.HaNatVpcZone[]] $zones, 'igw-0123456789abcdef0',
        $ids.Table, 'sg-0123456789abcdef0', 'prod-apse2-blue-nat-asg', 'lt-0123456789abcdef0', 'prod-apse2-blue-nat-lt',
        'prod-apse2-blue-nat-ap-southeast-2', 'prod-apse2-blue-nat-ap-southeast-2', '/hanat/prod-apse2-blue/heartbeat-key', [string[]] @('launch template'))

    # Get-HaNatVpc -Status: every reason, the longest ids, a failover's and a handover's source with the longest states,
    # each kind of Since (days, hours, minutes ago, no metrics, unknown) and the longest health words.
    $now = [datetime]::UtcNow
    $builtStatus = @(
        , @('Own', $ids.Instance, $zone, $null, $null, $now.AddDays(-12).AddHours(-23), 'Healthy', $true)
        , @('Failover', $ids.Instance, $zone, $ids.Instance, 'shutting-down', $now.AddHours(-23).AddMinutes(-59).AddSeconds(-30), 'Self-check failing', $false)
        , @('Handover', $ids.Instance, $zone, $ids.Instance, 'Terminating:Proceed', $now.AddMinutes(-42).AddSeconds(-30), 'Unhealthy (ASG)', $true)
        , @('Failover', $ids.Instance, $zone, $ids.Instance, 'Unhealthy (ASG)', $null, 'Terminating:Proceed', $null)
        , @('NatGateway', $ids.NatGateway, $null, $null, $null, $null, 'available', $null)
        , @('OtherTarget', $ids.Endpoint, $null, $null, $null, $null, '-', $null)
        , @('NoRoute', $null, $null, $null, $null, $null, '-', $null)
    ) | ForEach-Object {
        [HaNat.Model.HaNatZoneStatus]::new('prod-apse2-blue', $ids.Vpc, $zone, $_[0], $_[1], $_[2], $_[3], $_[4], $_[5], '203.113.154.201', $_[6], $_[7],
            'running', 'Terminating:Proceed', 'Unhealthy', ($_[0] -ne 'Failover' -or $null -ne $_[5]), [string[]] @($ids.Table), 'detail')
    }

    # The longest image name the Packer template makes: a pre-release version, x86_64, its build time. Every state
    # EC2 gives an image, and the longest ones: 'deregistered' (12) and 'disabled'.
    $builtImages = foreach ($state in 'available', 'pending', 'deregistered', 'disabled', 'failed') {
        [Amazon.EC2.Model.Image]@{
            ImageId = 'ami-0123456789abcdef0'; Name = 'hanat-nat-10.12.3-preview.12-x86_64-20261207-235959'; Architecture = 'x86_64'
            State = $state; CreationDate = '2026-12-07T23:59:59.000Z'
        }
    }

    # A working NAT's self-check and a broken one's, judged by HaNat from host facts as a NAT would read them.
    $route = "Iface`tDestination`tGateway `tFlags`tRefCnt`tUse`tMetric`tMask`t`tMTU`tWindow`tIRTT`n" +
        "ens5`t00000000`t0100140A`t0003`t0`t0`t0`t00000000`t0`t0`t0`n"
    $save = "*nat`n:POSTROUTING ACCEPT [0:0]`n-A POSTROUTING -s 10.20.0.0/16 -o ens5 -m comment --comment hanat -j MASQUERADE`nCOMMIT`n" +
        "*filter`n:FORWARD ACCEPT [0:0]`nCOMMIT`n"
    function New-Facts([string[]] $Cidr) {
        $facts = New-HaNatInternalObject HaNat.DataPlane.DataPlaneFacts @(, [string[]] $Cidr)
        $facts.ExpectedMac = '0e:8f:5d:2a:13:b7'
        $facts.IpForward = "1`n"
        $facts.RouteTable = $route
        $interfaces = [Activator]::CreateInstance([System.Collections.Generic.Dictionary`2].MakeGenericType([string], (Get-HaNatInternalType HaNat.HostNat.InterfaceFacts)))
        $interfaces['ens5'] = New-HaNatInternalObject HaNat.HostNat.InterfaceFacts 'ens5', '0e:8f:5d:2a:13:b7', 'up', 0x1003, $true
        $facts.Interfaces = $interfaces
        $addresses = [Array]::CreateInstance((Get-HaNatInternalType HaNat.HostNat.InterfaceAddress), 1)
        $addresses[0] = New-HaNatInternalObject HaNat.HostNat.InterfaceAddress 'ens5', '10.20.12.154', 20, 'global'
        $facts.Addresses = $addresses
        $facts.IptablesSave = $save
        $facts.ConntrackCount = "1843`n"
        $facts.ConntrackMax = "262144`n"
        $facts.Probe = New-HaNatInternalObject HaNat.DataPlane.ProbeOutcome 'https://checkip.amazonaws.com', $true, 'HTTP 200', 48
        $facts
    }
    $broken = New-Facts '10.20.0.0/16', '100.64.0.0/16'
    $broken.ExpectedMac = '0e:8f:5d:2a:13:c4'
    $broken.IpForward = "0`n"
    $broken.IptablesSave = $save -replace ':FORWARD ACCEPT', ':FORWARD DROP'
    $broken.ConntrackCount = "259001`n"
    $broken.Probe = New-HaNatInternalObject HaNat.DataPlane.ProbeOutcome 'https://checkip.amazonaws.com', $false, 'The operation has timed out after 5000 ms (no answer from 52.20.175.109:443)', 5001
    $judge = Get-HaNatInternalType HaNat.DataPlane.DataPlaneJudge
    $checks = @($judge::Judge((New-Facts '10.20.0.0/16'))) + @($judge::Judge($broken))

    # Realistic objects of each type a view is for.
    $samples = @{
        'HaNat.Model.TakeoverResult' = $takeovers + $builtTakeovers
        'HaNat.Model.RouteAudit'     = $audits + $builtAudits
        'HaNat.Model.PeeringResult'  = $peerings + $builtPeerings
        'HaNat.Model.DataPlaneCheck' = $checks
        'HaNat.Model.HaNatVpc'       = @($hanatVpc, (Get-HaNatVpc -Name formats @aws), $builtVpc)
        'HaNat.Model.HaNatVpcZone'   = @($hanatVpc.Zones) + $zones
        'HaNat.Model.HaNatZoneStatus' = @(Get-HaNatVpc -Name formats -Status @aws -WarningAction SilentlyContinue) + $builtStatus
        'Amazon.EC2.Model.Image'     = $images + $builtImages
    }

    # The text a column shows for one object: its property, or its script block's result.
    function Get-CellText($View, $Object) {
        foreach ($item in $View.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem) {
            $value = if ($item.PSObject.Properties['ScriptBlock']) {
                $Object | ForEach-Object ([scriptblock]::Create($item.ScriptBlock))
            } else { $Object.($item.PropertyName) }
            "$value"
        }
    }

    function Get-View([string] $Name) { $formatXml.Configuration.ViewDefinitions.View | Where-Object Name -EQ $Name }
}

Describe 'HaNat.Format.ps1xml' {
    It 'has a realistic sample here for each view''s type, and a view for each sample' {
        $viewTypes = @($formatXml.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName) | Sort-Object -Unique
        @($samples.Keys | Sort-Object) | Should -Be $viewTypes
    }

    It 'shows Get-HaNatImage''s images as a table by default, not EC2''s thirty-odd properties each' {
        $images.Count | Should -BeGreaterThan 0
        $lines = @((Get-HaNatImage @aws | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^ImageId\s+Created\s+Architecture\s+State\s+Name$'
        $lines[2] | Should -Match "^$([regex]::Escape($images[0].ImageId))\s+\d{4}-\d\d-\d\d \d\d:\d\d\s" -Because 'the creation time shows to the minute' 
        ($lines -join "`n") | Should -Not -Match 'BlockDeviceMappings'
    }

    Context 'the <Name> view' -ForEach $views {
        BeforeAll {
            $view = Get-View $Name
            $objects = @($samples[$TypeName])
        }

        It 'is a table (the only kind this test knows how to measure)' {
            $IsTable | Should -BeTrue -Because 'a list or custom view needs its own width check here'
        }

        It 'has realistic objects to render' {
            $objects.Count | Should -BeGreaterThan 0 -Because "add realistic $TypeName objects to `$samples in Formats.Tests.ps1"
            $objects | ForEach-Object { $_.GetType().FullName | Should -Be $TypeName }
        }

        It 'adds up to 120 columns at most, each label within its width' {
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $widths = foreach ($header in $headers) {
                $label = [string]$header.Label
                if ($header.PSObject.Properties['Width']) {
                    $label.Length | Should -BeLessOrEqual ([int]$header.Width) -Because "the label '$label' must fit its column"
                    [int]$header.Width
                } else {
                    $label.Length
                }
            }
            ($widths | Measure-Object -Sum).Sum + $headers.Count - 1 | Should -BeLessOrEqual $width
        }

        It 'renders every object within 120 columns with no value cut' {
            $wraps = $null -ne $view.TableControl.TableRowEntries.TableRowEntry.PSObject.Properties['Wrap']
            $labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label)
            foreach ($object in $objects) {
                $lines = @(($object | Format-Table -View $Name | Out-String -Width $width) -split "`r?`n")
                foreach ($line in $lines) {
                    $line.Length | Should -BeLessOrEqual $width -Because "no line may be wider than the terminal: '$line'"
                    $line | Should -Not -Match $ellipsis -Because "a value was cut: '$line'"
                }
                # The header: the line above the dashes holds every label whole.
                $dashes = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^[- ]+$' -and $l -match '-' })
                $dashes | Should -BeGreaterThan 0
                foreach ($label in $labels) { $lines[$dashes - 1] | Should -Match "(^| )$([regex]::Escape($label))( |$)" }
                # The row (several lines when the view wraps): each column's value whole.
                $row = $lines[($dashes + 1)..($lines.Count - 1)] | Where-Object { $_.Trim() }
                $text = if ($wraps) { ($row -join '') -replace '\s', '' } else { @($row)[0] }
                @($row).Count | Should -BeGreaterThan 0
                if (-not $wraps) { @($row).Count | Should -Be 1 -Because 'a view that does not wrap shows one line per object' }
                foreach ($cell in Get-CellText $view $object) {
                    $expected = if ($wraps) { $cell -replace '\s', '' } else { $cell }
                    $text.Contains($expected) | Should -BeTrue -Because "'$cell' must show whole in: $($row -join ' / ')"
                }
            }
        }
    }
}
