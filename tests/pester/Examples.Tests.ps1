# The scripts in examples/, run as a user runs them (a fresh pwsh that finds HaNat with Import-Module HaNat) against
# moto, and judged by what they leave in moto: routes, Elastic IPs, source/dest check, VPCs, peering connections,
# and moto's recorder for -WhatIf and second runs. The user data's path through IMDS and the host set-up, which needs
# root and a network namespace, is in Examples.Netns.Tests.ps1.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    # Its process runner (no namespace needed) and how to start this same pwsh again.
    Import-Module "$PSScriptRoot/../netns/NetNs.psm1" -Force
    $aws = Get-TestAwsParameters
    $endpoint = Get-TestEndpoint
    $examples = (Resolve-Path "$PSScriptRoot/../../examples").Path
    $moduleRoot = (Resolve-Path "$PSScriptRoot/../../out").Path
    $work = Join-Path ([IO.Path]::GetTempPath()) "hanat-examples-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $null = New-Item -ItemType Directory -Path $work

    # Runs examples/$Name in a new pwsh (this same one) with out/ on PSModulePath, as an installed module would be.
    # -Environment adds variables for that process ($null removes one). Returns ExitCode and Output (stdout, stderr).
    function Invoke-Example([string] $Name, [string[]] $ArgumentList = @(), [hashtable] $Environment = @{}) {
        $pwsh = Get-NetNsPwshCommand
        $variables = @{ PSModulePath = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath; NO_COLOR = '1' } + $Environment
        $run = Invoke-NetNsNative -FilePath $pwsh.FilePath -Environment $variables -TimeoutSeconds 180 -AllowFailure `
            -ArgumentList ($pwsh.ArgumentList + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $examples $Name)) + $ArgumentList)
        [pscustomobject]@{ ExitCode = $run.ExitCode; Output = $run.StdOut + $run.StdErr }
    }

    # The running NAT instances of a HaNat VPC, by the tag its Auto Scaling group propagates, lowest id first.
    function Get-NatInstance([string] $Name) {
        $filter = New-Ec2Filter @{ 'tag:hanat:vpc-name' = $Name; 'instance-state-name' = 'running' }
        @((Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $filter })).Reservations |
                Where-Object { $_ } | ForEach-Object { $_.Instances } | Sort-Object InstanceId)
    }

    # Routes to a peering connection in the tables of a VPC, as "rtb cidr pcx" lines, sorted.
    function Get-PeeringRouteLine([string] $VpcId) {
        @(foreach ($table in Get-TestVpcRouteTables $VpcId) {
                $table.Routes | Where-Object VpcPeeringConnectionId | ForEach-Object { "$($table.RouteTableId) $($_.DestinationCidrBlock) $($_.VpcPeeringConnectionId)" }
            }) | Sort-Object
    }

    # The route tables of a VPC that HaNat made (tag hanat:managed=true): public and private.
    function Get-HaNatRouteTableId([string] $VpcId) {
        @(Get-TestVpcRouteTables $VpcId | Where-Object { $_.Tags -and ($_.Tags | Where-Object Key -EQ 'hanat:managed').Value -eq 'true' } |
                ForEach-Object RouteTableId) | Sort-Object
    }

    # One moto for the file (a reset costs seconds): each Describe uses VPC names and ranges of its own.
    Reset-Moto
    $armImage = New-TestHaNatImage -Architecture arm64
    $null = New-TestHaNatImage -Architecture x86_64
}

AfterAll {
    Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
}

Describe 'examples/demo.ps1, the demo of the README''s first command' {
    It 'runs in a fresh pwsh against moto: the private subnets go from no way out to Healthy, and a second takeover writes nothing' {
        # demo.sh runs it so: the built module by path, an IMDS endpoint that refuses, fake keys.
        $run = Invoke-Example 'demo.ps1' @('-EndpointUrl', $endpoint) @{ AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:1' }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'NoRoute'
        $run.Output | Should -Match 'Healthy'
        $run.Output | Should -Match 'Unchanged'
        $run.Output | Should -Match 'Test-HaNatRouting -Quiet: True'
        $run.Output | Should -Match 'Elastic IP \S+ is now on i-'
    }
}

Describe 'examples/user-data.ps1, run with -InstanceId off an instance' {
    BeforeAll {
        $vpc = New-HaNatVpc -Name edge -CidrBlock '10.50' -ZoneCount 2 @aws -WarningAction SilentlyContinue
        $nat = (Get-NatInstance edge)[0]
        $zone = $vpc.Zones | Where-Object AvailabilityZone -EQ $nat.Placement.AvailabilityZone
        $otherZone = $vpc.Zones | Where-Object AvailabilityZone -NE $nat.Placement.AvailabilityZone
        $log = Join-Path $work 'user-data.log'
        # No -EndpointUrl in user data: HaNat honors AWS_ENDPOINT_URL, as the SDKs do.
        $userDataEnvironment = @{ AWS_ENDPOINT_URL = $endpoint }
    }

    It 'makes the instance its zone''s NAT: source/dest check off, the zone''s Elastic IP, the private default route' {
        (Get-TestDefaultRoute $zone.PrivateRouteTableId) | Should -BeNullOrEmpty -Because 'a new HaNat VPC has no private default route yet'

        $run = Invoke-Example user-data.ps1 -ArgumentList '-InstanceId', $nat.InstanceId, '-LogPath', $log -Environment $userDataEnvironment

        $run.ExitCode | Should -Be 0 -Because $run.Output
        (Get-TestDefaultRoute $zone.PrivateRouteTableId).InstanceId | Should -Be $nat.InstanceId
        (Get-TestInstance $nat.InstanceId).SourceDestCheck | Should -BeFalse
        (Get-TestAddress $zone.ElasticIpAllocationId).InstanceId | Should -Be $nat.InstanceId
        Get-TestDefaultRoute $otherZone.PrivateRouteTableId | Should -BeNullOrEmpty -Because 'a takeover serves its own zone only'
    }

    It 'logs each AWS call and the result per private subnet, to the file and to standard output' {
        $logged = Get-Content -Raw -LiteralPath $log
        $logged | Should -Match "taking over the zone of $($nat.InstanceId)"
        $logged | Should -Match "EC2 ModifyInstanceAttribute $($nat.InstanceId) SourceDestCheck=false"
        $logged | Should -Match "EC2 CreateRoute $($zone.PrivateRouteTableId) 0\.0\.0\.0/0 -> $($nat.InstanceId)"
        $logged | Should -Match "$($zone.PrivateSubnetId) \($($zone.AvailabilityZone)\): Created, 0\.0\.0\.0/0 -> $($nat.InstanceId) in $($zone.PrivateRouteTableId)"
        $logged | Should -Match '(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ done$'
    }

    It 'writes nothing on a second run and logs the subnet as Unchanged' {
        Start-MotoRecording
        $run = Invoke-Example user-data.ps1 -ArgumentList '-InstanceId', $nat.InstanceId, '-LogPath', $log -Environment $userDataEnvironment
        $recorded = @(Get-MotoAction)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $recorded.Action | Should -Contain 'DescribeRouteTables' -Because 'the recorder must have seen the run for its silence to mean anything'
        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $run.Output | Should -Match "$($zone.PrivateSubnetId) \($($zone.AvailabilityZone)\): Unchanged"
    }

    It 'exits 1 and logs the ErrorId when the takeover is refused, and writes nothing' {
        Start-MotoRecording
        $run = Invoke-Example user-data.ps1 -ArgumentList '-InstanceId', 'i-0123456789abcdef0', '-LogPath', $log -Environment $userDataEnvironment
        $recorded = @(Get-MotoAction)

        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'FAILED \(InstanceNotFound\): Instance i-0123456789abcdef0 was not found'
        (Get-Content -Raw -LiteralPath $log) | Should -Match 'FAILED \(InstanceNotFound\)'
        $recorded.Action | Should -Contain 'DescribeInstances'
        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
    }

    It 'asks IMDS who it is without -InstanceId, and exits 1 with NotOnInstance where IMDS does not answer' {
        # test.sh points IMDS at a loopback port that refuses at once.
        $run = Invoke-Example user-data.ps1 -ArgumentList '-LogPath', $log -Environment $userDataEnvironment

        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'FAILED \(NotOnInstance\): The instance metadata service at http://127\.0\.0\.1:\d+ did not answer'
    }
}

Describe 'examples/new-vpc.ps1' {
    BeforeAll {
        New-TestKeyPair ops
        $common = @('-Name', 'shop', '-CidrBlock', '10.40', '-ZoneCount', '2', '-KeyName', 'ops', '-SshCidr', '203.0.113.0/24',
            '-EndpointUrl', $endpoint, '-Region', 'us-east-1')
    }

    It 'with -WhatIf, looks the image up, prints one line per write, and writes nothing' {
        Start-MotoRecording
        $run = Invoke-Example new-vpc.ps1 -ArgumentList ($common + '-WhatIf')
        $recorded = @(Get-MotoAction)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $recorded.Action | Should -Contain 'DescribeImages' -Because 'Get-HaNatImage picks the image'
        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $run.Output | Should -Match "NAT image: $armImage"
        $run.Output | Should -Match 'What if: Performing the operation "Create VPC" on target "shop-vpc \(10\.40\.0\.0/16\)"'
        $run.Output | Should -Match "What if: Performing the operation ""Create launch template"" on target ""shop-nat-lt \($armImage, t4g\.nano"
        $run.Output | Should -Match 'What if: Performing the operation "Create Auto Scaling group" on target "shop-nat-asg \(min = max = desired = 2'
        (Get-HaNatFootprint shop).Values | Sort-Object -Unique | Should -Be 0
    }

    It 'builds the VPC with the arm64 HaNat image: subnets per zone, the key pair, SSH from one range, one NAT per zone' {
        $run = Invoke-Example new-vpc.ps1 -ArgumentList $common

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $vpc = Get-HaNatVpc -Name shop @aws
        $vpc.IsComplete | Should -BeTrue
        $vpc.CidrBlock | Should -Be '10.40.0.0/16'
        $vpc.AvailabilityZones | Should -Be @('us-east-1a', 'us-east-1b')
        $footprint = Get-HaNatFootprint shop
        $footprint.Subnet | Should -Be 4
        $footprint.RouteTable | Should -Be 3
        $footprint.ElasticIp | Should -Be 2
        $footprint.AutoScalingGroup | Should -Be 1
        $footprint.Instance | Should -Be 2

        $private = Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $vpc.VpcId; 'tag:network' = 'private' }) })
        @($private.Subnets.SubnetId | Sort-Object) | Should -Be @($vpc.Zones.PrivateSubnetId | Sort-Object)

        $versions = Invoke-Ec2 DescribeLaunchTemplateVersions ([Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $vpc.LaunchTemplateId })
        $versions.LaunchTemplateVersions[0].LaunchTemplateData.ImageId | Should -Be $armImage
        $versions.LaunchTemplateVersions[0].LaunchTemplateData.KeyName | Should -Be 'ops'
        $group = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ GroupIds = [System.Collections.Generic.List[string]]@($vpc.SecurityGroupId) })).SecurityGroups[0]
        $ssh = @($group.IpPermissions | Where-Object { $_.FromPort -eq 22 })
        $ssh.Ipv4Ranges.CidrIp | Should -Be '203.0.113.0/24'
    }

    It 'shows the VPC, its zones, and NoRoute for each private subnet until the NATs have booted' {
        $run = Invoke-Example new-vpc.ps1 -ArgumentList @('-Name', 'shop2', '-CidrBlock', '10.41', '-ZoneCount', '2', '-EndpointUrl', $endpoint, '-Region', 'us-east-1')

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $vpc = Get-HaNatVpc -Name shop2 @aws
        $run.Output | Should -Match "shop2\s+$($vpc.VpcId)\s+10\.41\.0\.0/16"
        foreach ($zone in $vpc.Zones) {
            $run.Output | Should -Match "$($zone.AvailabilityZone)\s+$($zone.PublicSubnetId)\s+$($zone.PrivateSubnetId)"
            $run.Output | Should -Match "$($zone.PrivateSubnetId)\s+$($zone.AvailabilityZone)\s+\S+\s+NoRoute\s+False"
        }
    }

    It 'fails with the cmdlet''s error, and builds nothing, when the name is taken' {
        $run = Invoke-Example new-vpc.ps1 -ArgumentList $common

        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match "A HaNat VPC named 'shop' already exists"
        @(Get-HaNatVpc @aws | Where-Object Name -EQ 'shop').Count | Should -Be 1
    }
}

Describe 'examples/peer-vpcs.ps1' {
    BeforeAll {
        $app = New-HaNatVpc -Name app -CidrBlock '10.60' -ZoneCount 2 @aws -WarningAction SilentlyContinue
        $peerArguments = @('-Name', 'app', '-PeerName', 'data', '-PeerCidrBlock', '10.70', '-EndpointUrl', $endpoint, '-Region', 'us-east-1')
    }

    It 'with -WhatIf, prints the plan of the VPC to build, and writes nothing' {
        Start-MotoRecording
        $run = Invoke-Example peer-vpcs.ps1 -ArgumentList ($peerArguments + '-WhatIf')
        $recorded = @(Get-MotoAction)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $run.Output | Should -Match 'What if: Performing the operation "Create VPC" on target "data-vpc \(10\.70\.0\.0/16\)"'
        $run.Output | Should -Match 'Connect-HaNatVpc follows once both VPCs exist'
    }

    It 'builds the missing VPC, peers the two, and routes each one''s range to the other from every HaNat route table' {
        $run = Invoke-Example peer-vpcs.ps1 -ArgumentList $peerArguments

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $data = Get-HaNatVpc -Name data @aws
        $data.CidrBlock | Should -Be '10.70.0.0/16'
        $connection = @(Get-TestPeeringConnection $app.VpcId $data.VpcId)
        $connection.Count | Should -Be 1
        $connection[0].Status.Code.Value | Should -Be 'active'
        $pcx = $connection[0].VpcPeeringConnectionId

        # app: public + 2 private tables; data: public + 3 private tables (New-HaNatVpc's default of 3 zones).
        Get-PeeringRouteLine $app.VpcId | Should -Be @(Get-HaNatRouteTableId $app.VpcId | ForEach-Object { "$_ 10.70.0.0/16 $pcx" })
        Get-PeeringRouteLine $data.VpcId | Should -Be @(Get-HaNatRouteTableId $data.VpcId | ForEach-Object { "$_ 10.60.0.0/16 $pcx" })
        @(Get-HaNatRouteTableId $app.VpcId).Count | Should -Be 3
        @(Get-HaNatRouteTableId $data.VpcId).Count | Should -Be 4
        $run.Output | Should -Match "$($app.Zones[0].PrivateRouteTableId)\s+10\.70\.0\.0/16\s+Created\s+$pcx"
    }

    It 'writes nothing when run again' {
        Start-MotoRecording
        $run = Invoke-Example peer-vpcs.ps1 -ArgumentList $peerArguments
        $recorded = @(Get-MotoAction)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $recorded.Action | Should -Contain 'DescribeVpcPeeringConnections'
        @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Unchanged'
        $run.Output | Should -Not -Match 'Created'
    }

    It 'exits 1 and names the route when a route to the peer goes somewhere else' {
        $table = $app.Zones[0].PrivateRouteTableId
        Invoke-Ec2 DeleteRoute ([Amazon.EC2.Model.DeleteRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '10.70.0.0/16' }) | Out-Null
        Add-TestRoute $table '10.70.0.0/16' -GatewayId $app.InternetGatewayId

        $run = Invoke-Example peer-vpcs.ps1 -ArgumentList $peerArguments

        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match "1 route\(s\) to the peer go elsewhere and were left alone: $table 10\.70\.0\.0/16 -> $($app.InternetGatewayId)"
        (Get-TestRoute $table | Where-Object DestinationCidrBlock -EQ '10.70.0.0/16').GatewayId | Should -Be $app.InternetGatewayId
    }
}

Describe 'examples/routing.Tests.ps1, run with Invoke-Pester' {
    BeforeAll {
        $pester = Join-Path (Get-Module Pester).ModuleBase 'Pester.psd1'
        $suite = Join-Path $examples 'routing.Tests.ps1'

        # Runs the suite in a new pwsh with the container data given; returns the result as JSON-shaped objects:
        # Result, and per test its Path (Describe, Context, It names), Result and Message; container errors apart.
        function Invoke-RoutingSuite([hashtable] $Data = @{}, [hashtable] $Environment = @{}) {
            $dataFile = Join-Path $work "data-$([guid]::NewGuid().ToString('N')).json"
            $Data | ConvertTo-Json | Set-Content -LiteralPath $dataFile
            $runner = Join-Path $work 'run-suite.ps1'
            Set-Content -LiteralPath $runner -Value @'
param([string] $Pester, [string] $Suite, [string] $DataFile)
Import-Module $Pester
$data = Get-Content -Raw -LiteralPath $DataFile | ConvertFrom-Json -AsHashtable
$result = Invoke-Pester -Container (New-PesterContainer -Path $Suite -Data $data) -PassThru -Output None
[ordered]@{
    Result          = "$($result.Result)"
    ContainerErrors = @($result.Containers | ForEach-Object { $_.ErrorRecord } | ForEach-Object { "$_" })
    Tests           = @($result.Tests | ForEach-Object {
        [ordered]@{ Path = $_.ExpandedPath; Result = "$($_.Result)"; Message = "$($_.ErrorRecord | Select-Object -First 1)" }
    })
} | ConvertTo-Json -Depth 5
'@
            $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
            foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $runner, '-Pester', $pester, '-Suite', $suite, '-DataFile', $dataFile) { $start.ArgumentList.Add($argument) }
            $start.Environment['PSModulePath'] = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
            $null = $start.Environment.Remove('HANAT_VPC')
            foreach ($key in $Environment.Keys) { $start.Environment[$key] = [string]$Environment[$key] }
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($start)
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw 'the routing suite did not finish within 180 s' }
            $process.WaitForExit()
            $text = $stdout.GetAwaiter().GetResult()
            try { $text | ConvertFrom-Json } catch { throw "the routing suite printed no result (exit $($process.ExitCode)): $text $($stderr.GetAwaiter().GetResult())" }
        }

        # A HaNat VPC of two zones whose NATs have taken their zones over, as they do at boot. moto starts every
        # instance of a group in its first subnet, so each NAT is told its zone.
        $web = New-HaNatVpc -Name web -CidrBlock '10.80' -ZoneCount 2 @aws -WarningAction SilentlyContinue
        $nats = Get-NatInstance web
        for ($i = 0; $i -lt $web.Zones.Count; $i++) {
            $null = Invoke-HaNatTakeover -InstanceId $nats[$i].InstanceId -AvailabilityZone $web.Zones[$i].AvailabilityZone @aws
        }
        $suiteAws = @{ EndpointUrl = $endpoint; Region = 'us-east-1' }
    }

    It 'passes for a healthy VPC given by name, with one test per private subnet, grouped by zone' {
        $result = Invoke-RoutingSuite -Data (@{ Vpc = 'web' } + $suiteAws)

        $result.ContainerErrors | Should -BeNullOrEmpty
        $result.Result | Should -Be 'Passed'
        $result.Tests.Count | Should -Be 3
        $result.Tests.Path | Should -Contain 'Egress of web.has private subnets (tag network=private)'
        foreach ($zone in $web.Zones) {
            $result.Tests.Path | Should -Contain "Egress of web.$($zone.AvailabilityZone).$($zone.PrivateSubnetId) has a healthy way out"
        }
    }

    It 'fails the test of the subnet that lost its default route, naming it and saying why, for a VPC id in HANAT_VPC' {
        $broken = $web.Zones[1]
        Invoke-Ec2 DeleteRoute ([Amazon.EC2.Model.DeleteRouteRequest]@{ RouteTableId = $broken.PrivateRouteTableId; DestinationCidrBlock = '0.0.0.0/0' }) | Out-Null

        $result = Invoke-RoutingSuite -Data $suiteAws -Environment @{ HANAT_VPC = $web.VpcId }

        $result.Result | Should -Be 'Failed'
        $failed = @($result.Tests | Where-Object Result -EQ 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].Path | Should -Be "Egress of $($web.VpcId).$($broken.AvailabilityZone).$($broken.PrivateSubnetId) has a healthy way out"
        $failed[0].Message | Should -Match "$($broken.PrivateSubnetId) \($($broken.AvailabilityZone), route table $($broken.PrivateRouteTableId)\) is NoRoute"
        $failed[0].Message | Should -Match 'Is the zone''s NAT running\?'
        @($result.Tests | Where-Object Result -EQ 'Passed').Count | Should -Be 2
    }

    It 'refuses to run without a VPC, saying how to give one' {
        $result = Invoke-RoutingSuite -Data $suiteAws

        $result.Result | Should -Be 'Failed'
        $result.ContainerErrors -join "`n" | Should -Match 'Which VPC\? Pass -Data @\{ Vpc = ''vpc-\.\.\.'' \}.*or set HANAT_VPC'
    }
}
