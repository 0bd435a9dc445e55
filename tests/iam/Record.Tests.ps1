# The input of the IAM check (tests/iam/*.test.mjs): HaNat's three policies as Get-HaNatIamPolicy renders them, and
# every request HaNat's cmdlets send, recorded by moto as users run them, with the tags each resource carries.
# scripts/run-iam.sh runs this file first (it needs moto), then the node check over what it wrote.
#
# Output, in $env:HANAT_IAM_DIR (default TestResults/iam):
#   policies/<Kind>-<shape>.json   shape: account (-Region us-east-1 -AccountId 123456789012) or any (the default *)
#   calls.json                     [{ scenario, caller, requests: [{service, region, action, params}], before, after }]
# before/after are the state around the scenario's HaNat calls (tags of every EC2 resource per region, route table
# and address associations, IAM paths, Auto Scaling groups' tags): the check reads the tags a resource carries at the
# moment of a call from them. moto evaluates no IAM at all, so these calls all succeed here; the check judges them.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/../pester/TestHelpers.psm1" -Force
    $script:OutDir = if ($env:HANAT_IAM_DIR) { $env:HANAT_IAM_DIR } else { Join-Path $PSScriptRoot '..' '..' 'TestResults' 'iam' }
    New-Item -ItemType Directory -Force -Path (Join-Path $script:OutDir 'policies') | Out-Null
    $script:Scenarios = [System.Collections.Generic.List[object]]::new()
    $script:Regions = @('us-east-1', 'us-west-2')

    function Read-Recording {
        <# Stops moto's recorder: one object per AWS request, with its service, region, action and parameters. #>
        $endpoint = Get-TestEndpoint
        Invoke-RestMethod -Method Post -Uri "$endpoint/moto-api/recorder/stop-recording" | Out-Null
        $raw = (Invoke-WebRequest -Uri "$endpoint/moto-api/recorder/download-recording").Content
        if ($raw -is [byte[]]) { $raw = [System.Text.Encoding]::UTF8.GetString($raw) }
        foreach ($line in ($raw -split "`n")) {
            if (-not $line.Trim()) { continue }
            $entry = $line | ConvertFrom-Json
            $headers = $entry.headers.PSObject.Properties
            $auth = if ($headers['Authorization']) { [string]$headers['Authorization'].Value } else { '' }
            if ($auth -notmatch 'Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/') { continue }   # moto-api calls, unsigned
            # What a new NAT's boot takeover does during an Update-HaNatVpc (Start-TestBootTakeover stands in for it in
            # moto) is the NAT's, under NatInstance, not the operator's.
            if ($auth -match 'Credential=hanat-test-boot-takeover/') { continue }
            $region, $service = $Matches[1], $Matches[2]
            $body = [string]$entry.body
            if ($entry.body_encoded) { $body = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body)) }
            $params = [ordered]@{}
            $target = if ($headers['X-Amz-Target']) { [string]$headers['X-Amz-Target'].Value } else { '' }
            if ($target) {
                $action = ($target -split '\.')[-1]
                if ($body) { $json = $body | ConvertFrom-Json -AsHashtable; foreach ($k in $json.Keys) { $params[$k] = $json[$k] } }
            }
            else {
                foreach ($pair in ($body -split '&')) {
                    if (-not $pair) { continue }
                    $kv = $pair -split '=', 2
                    $params[[uri]::UnescapeDataString($kv[0].Replace('+', ' '))] = if ($kv.Count -gt 1) { [uri]::UnescapeDataString($kv[1].Replace('+', ' ')) } else { '' }
                }
                $action = $params['Action']
            }
            if (-not $action) { continue }
            [ordered]@{ service = $service; region = $region; action = $action; params = $params }
        }
    }

    function Get-AwsState {
        <# What the check needs to know of the account at one moment, read straight from moto. #>
        $state = [ordered]@{ tags = [ordered]@{}; vpcOf = @{}; routeTableAssociations = @{}; addressAssociations = @{}; launchTemplates = @{}; roles = @{}; instanceProfiles = @{}; groups = @{} }
        foreach ($region in $script:Regions) {
            $tags = @{}
            foreach ($tag in (Invoke-Ec2In $region DescribeTags ([Amazon.EC2.Model.DescribeTagsRequest]::new())).Tags) {
                if (-not $tags[$tag.ResourceId]) { $tags[$tag.ResourceId] = @{} }
                $tags[$tag.ResourceId][$tag.Key] = $tag.Value
            }
            # moto's DescribeTags leaves peering connections out: read their tags where they are described.
            foreach ($pcx in @((Invoke-Ec2In $region DescribeVpcPeeringConnections ([Amazon.EC2.Model.DescribeVpcPeeringConnectionsRequest]::new())).VpcPeeringConnections | Where-Object { $_ })) {
                $tags[$pcx.VpcPeeringConnectionId] = @{}
                foreach ($tag in @($pcx.Tags | Where-Object { $_ })) { $tags[$pcx.VpcPeeringConnectionId][$tag.Key] = $tag.Value }
            }
            $state.tags[$region] = $tags
            # The VPC of each route table, subnet and instance: EC2 supplies it to conditions as ec2:Vpc.
            foreach ($subnet in @((Invoke-Ec2In $region DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]::new())).Subnets | Where-Object { $_ })) { $state.vpcOf[$subnet.SubnetId] = $subnet.VpcId }
            foreach ($reservation in @((Invoke-Ec2In $region DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]::new())).Reservations | Where-Object { $_ })) {
                foreach ($instance in $reservation.Instances) { $state.vpcOf[$instance.InstanceId] = $instance.VpcId }
            }
            # ...and of each network interface (a secondary IP of a NAT's own interface, the monitor's zone address).
            foreach ($nic in @((Invoke-Ec2In $region DescribeNetworkInterfaces ([Amazon.EC2.Model.DescribeNetworkInterfacesRequest]::new())).NetworkInterfaces | Where-Object { $_ })) { $state.vpcOf[$nic.NetworkInterfaceId] = $nic.VpcId }
            foreach ($table in @((Invoke-Ec2In $region DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]::new())).RouteTables | Where-Object { $_ })) {
                $state.vpcOf[$table.RouteTableId] = $table.VpcId
                foreach ($association in @($table.Associations | Where-Object { $_ })) {
                    $state.routeTableAssociations[$association.RouteTableAssociationId] = @{ routeTableId = $table.RouteTableId; subnetId = $association.SubnetId }
                }
            }
            foreach ($address in @((Invoke-Ec2In $region DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]::new())).Addresses | Where-Object { $_ })) {
                if ($address.AssociationId) { $state.addressAssociations[$address.AssociationId] = @{ allocationId = $address.AllocationId; instanceId = $address.InstanceId } }
            }
            foreach ($template in @((Invoke-Ec2In $region DescribeLaunchTemplates ([Amazon.EC2.Model.DescribeLaunchTemplatesRequest]::new())).LaunchTemplates | Where-Object { $_ })) {
                $state.launchTemplates[$template.LaunchTemplateName] = $template.LaunchTemplateId
            }
        }
        foreach ($role in (Invoke-MotoQuery iam ListRoles).Xml.GetElementsByTagName('member')) {
            if ($role.RoleName) { $state.roles[$role.RoleName] = $role.Path }
        }
        foreach ($profile in (Invoke-MotoQuery iam ListInstanceProfiles).Xml.GetElementsByTagName('InstanceProfileName')) {
            $state.instanceProfiles[$profile.InnerText] = $profile.ParentNode.Path
        }
        foreach ($group in (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups).Xml.GetElementsByTagName('AutoScalingGroupName')) {
            if ($group.ParentNode.LocalName -ne 'member') { continue }
            $tags = @{}
            foreach ($tag in $group.ParentNode.Tags.member) { $tags[$tag.Key] = $tag.Value }
            $state.groups[$group.InnerText] = @{ arn = $group.ParentNode.AutoScalingGroupARN; tags = $tags }
        }
        $state
    }

    function Invoke-Recorded {
        <# Runs one scenario of HaNat calls with the recorder on and keeps what it sent, for the caller's policy. #>
        param(
            [Parameter(Mandatory)][string] $Scenario, [Parameter(Mandatory)][string[]] $Caller, [Parameter(Mandatory)][scriptblock] $Script,
            # A NAT's calls: the VPC its role's credentials were delivered in (aws:Ec2InstanceSourceVpc).
            [string] $SourceVpc,
            # The policies rendered with -PrivateSubnetTag for this scenario ("policies/<Kind>-<shape>-<Variant>.json").
            [string] $PolicyVariant
        )
        $before = Get-AwsState
        Start-MotoRecording
        try { $output = & $Script }
        finally { $requests = @(Read-Recording) }
        $script:Scenarios.Add([ordered]@{ scenario = $Scenario; caller = $Caller; sourceVpc = $SourceVpc; policyVariant = $PolicyVariant; requests = $requests; before = $before; after = (Get-AwsState) })
        $requests.Count | Should -BeGreaterThan 0 -Because "$Scenario must send something to be checked"
        $output
    }
}

AfterAll {
    if ($script:Scenarios.Count -gt 0) {
        $script:Scenarios | ConvertTo-Json -Depth 12 -AsArray | Set-Content -Path (Join-Path $script:OutDir 'calls.json')
    }
}

Describe 'The policies HaNat renders' {
    It 'writes <_> with a real region and account, and with the default *' -ForEach 'NatInstance', 'Operator', 'PackerBuilder' {
        $folder = Join-Path $script:OutDir 'policies'
        Get-HaNatIamPolicy -For $_ -Region us-east-1 -AccountId 123456789012 | Set-Content (Join-Path $folder "$_-account.json")
        Get-HaNatIamPolicy -For $_ | Set-Content (Join-Path $folder "$_-any.json")
        if ($_ -ne 'PackerBuilder') {
            # For a deployment whose private subnets carry a tag of their own (-PrivateSubnetTag tier=private).
            Get-HaNatIamPolicy -For $_ -Region us-east-1 -AccountId 123456789012 -PrivateSubnetTag 'tier=private' | Set-Content (Join-Path $folder "$_-account-tier.json")
            Get-HaNatIamPolicy -For $_ -PrivateSubnetTag 'tier=private' | Set-Content (Join-Path $folder "$_-any-tier.json")
        }
        if ($_ -eq 'NatInstance') {
            # For a deployment in a VPC HaNat did not build (Add-HaNatVpc): its subnets and tables carry hanat:served-by=<name>.
            Get-HaNatIamPolicy -For $_ -Region us-east-1 -AccountId 123456789012 -PrivateSubnetTag 'hanat:served-by=iamserved' | Set-Content (Join-Path $folder "$_-account-served.json")
            Get-HaNatIamPolicy -For $_ -PrivateSubnetTag 'hanat:served-by=iamserved' | Set-Content (Join-Path $folder "$_-any-served.json")
        }
        (Get-Content -Raw (Join-Path $folder "$_-account.json") | ConvertFrom-Json).Statement.Count | Should -BeGreaterThan 1
    }
}

Describe 'The calls HaNat makes, recorded in moto' {
    BeforeAll {
        Reset-Moto
        $script:Aws = Get-TestAwsParameters
        $script:Image = New-TestHaNatImage -Architecture arm64
    }

    It 'records New-HaNatVpc, Get-HaNatVpc (and -Status), Get-HaNatImage and Test-HaNatRouting' {
        $vpc = Invoke-Recorded 'New-HaNatVpc' Operator { New-HaNatVpc -Name iamcheck -CidrBlock '10.40' -ZoneCount 2 -ImageId $script:Image @script:Aws -WarningAction SilentlyContinue }
        $script:Vpc = $vpc
        Invoke-Recorded 'Get-HaNatVpc (and -Status), Get-HaNatImage, Test-HaNatRouting' Operator {
            Get-HaNatVpc -Name iamcheck @script:Aws | Out-Null
            Get-HaNatImage @script:Aws -WarningAction SilentlyContinue | Out-Null
            Get-HaNatVpc -Name iamcheck @script:Aws | Test-HaNatRouting @script:Aws -WarningAction SilentlyContinue | Out-Null
            Get-HaNatVpc -Name iamcheck -Status @script:Aws -WarningAction SilentlyContinue | Out-Null
        } | Out-Null
        $vpc.VpcId | Should -Match '^vpc-'
        # Get-HaNatVpc -Status reads the NATs' metrics: the check must judge that call against the Operator policy.
        @(($script:Scenarios | Where-Object { $_.scenario -eq 'Get-HaNatVpc (and -Status), Get-HaNatImage, Test-HaNatRouting' }).requests |
            Where-Object { $_.service -eq 'monitoring' } | ForEach-Object { $_.action }) | Should -Be @('GetMetricData')
    }

    It 'records New-HaNatVpc -Spot: the group made with a mixed instances policy' {
        $spot = Invoke-Recorded 'New-HaNatVpc -Spot' Operator { New-HaNatVpc -Name iamspot -CidrBlock '10.42' -ZoneCount 2 -ImageId $script:Image -Spot @script:Aws -WarningAction SilentlyContinue }
        $spot.IsSpot | Should -BeTrue
        $create = @(($script:Scenarios | Where-Object { $_.scenario -eq 'New-HaNatVpc -Spot' }).requests | Where-Object { $_.action -eq 'CreateAutoScalingGroup' })
        $create.Count | Should -Be 1
        $create[0].params.'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId' | Should -Be $spot.LaunchTemplateId
    }

    It 'records the takeover''s paths: create, replace, and a new table for a subnet on the main table' {
        $instances = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $script:Vpc.VpcId; 'instance-state-name' = 'running' }) })).Reservations.Instances
        # moto's Auto Scaling launches both NATs in the first zone: the second one stands in for zone b's NAT.
        $zoneA, $zoneB = @($instances | Sort-Object InstanceId)[0, 1]
        $zoneA.Placement.AvailabilityZone | Should -Be 'us-east-1a'
        # Private subnets someone added to zone a later, tagged only as private: one left on the main table, one with
        # a route table of its own (not HaNat's, no default route yet), and one tagged with a tag of its own.
        $private = @{ network = 'private'; Name = 'added-later' }
        $onMain = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $script:Vpc.VpcId; CidrBlock = '10.40.200.0/24'; AvailabilityZone = 'us-east-1a'; TagSpecifications = (New-Ec2Tags 'subnet' $private) })).Subnet.SubnetId
        $ownTable = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $script:Vpc.VpcId; CidrBlock = '10.40.201.0/24'; AvailabilityZone = 'us-east-1a'; TagSpecifications = (New-Ec2Tags 'subnet' $private) })).Subnet.SubnetId
        $table = (Invoke-Ec2 CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{ VpcId = $script:Vpc.VpcId; TagSpecifications = (New-Ec2Tags 'route-table' @{ Name = 'someone-elses' }) })).RouteTable.RouteTableId
        Invoke-Ec2 AssociateRouteTable ([Amazon.EC2.Model.AssociateRouteTableRequest]@{ RouteTableId = $table; SubnetId = $ownTable }) | Out-Null
        $tier = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $script:Vpc.VpcId; CidrBlock = '10.40.202.0/24'; AvailabilityZone = 'us-east-1a'; TagSpecifications = (New-Ec2Tags 'subnet' @{ tier = 'private' }) })).Subnet.SubnetId
        $script:AddedSubnets = @($onMain, $ownTable, $tier)

        # The NAT of zone a at boot: creates its zone's routes, and gives the subnet on the main table a table.
        Invoke-Recorded 'takeover at boot (create, new table)' NatInstance, Operator -SourceVpc $script:Vpc.VpcId { Invoke-HaNatTakeover -InstanceId $zoneA.InstanceId -VpcId $script:Vpc.VpcId @script:Aws -WarningAction SilentlyContinue } | Out-Null
        # The NAT of zone b takes zone a over (the monitor's failover), replacing routes to zone a's NAT.
        Invoke-Recorded 'failover takeover (replace)' NatInstance, Operator -SourceVpc $script:Vpc.VpcId { Invoke-HaNatTakeover -InstanceId $zoneB.InstanceId -VpcId $script:Vpc.VpcId -AvailabilityZone us-east-1a @script:Aws -WarningAction SilentlyContinue } | Out-Null
        # A deployment that marks its private subnets tier=private, with the policies rendered for that tag.
        Invoke-Recorded 'takeover with -PrivateSubnetTag tier=private' NatInstance, Operator -SourceVpc $script:Vpc.VpcId -PolicyVariant tier {
            Invoke-HaNatTakeover -InstanceId $zoneA.InstanceId -VpcId $script:Vpc.VpcId -PrivateSubnetTag 'tier=private' @script:Aws -WarningAction SilentlyContinue
        } | Out-Null
        $subnet = $tier
        $subnet | Should -Match '^subnet-'
        $script:ZoneANat = $zoneA
    }

    It 'records a leaving NAT completing its group''s termination lifecycle hook' {
        # The monitor runs only in the namespace suites, which the recorder does not see: its hook completion
        # (TerminationHooks, what the handover calls once the routes left) is called here as the monitor calls it,
        # with a session of the NAT's, through the module's internal types. moto keeps hooks but has no
        # CompleteLifecycleAction (it answers 500, retried and then thrown): the request is recorded all the same,
        # which is all the check needs.
        $group = ((Invoke-MotoQuery autoscaling DescribeAutoScalingInstances @{ 'InstanceIds.member.1' = $script:ZoneANat.InstanceId }).Xml.GetElementsByTagName('AutoScalingGroupName') | Select-Object -First 1).InnerText
        $group | Should -Not -BeNullOrEmpty
        (Invoke-MotoQuery autoscaling PutLifecycleHook @{ AutoScalingGroupName = $group; LifecycleHookName = 'drain'
                LifecycleTransition = 'autoscaling:EC2_INSTANCE_TERMINATING'; HeartbeatTimeout = '300'; DefaultResult = 'CONTINUE' }).StatusCode | Should -Be 200
        $credentials = New-HaNatInternalObject HaNat.Aws.ResolvedCredentials @([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), 'test')
        $session = New-HaNatInternalObject HaNat.Aws.AwsSession @($credentials, 'us-east-1', (Get-TestEndpoint), (New-HaNatInternalObject HaNat.Aws.AwsCallLog), [Threading.CancellationToken]::None)
        $hooks = Get-HaNatInternalType HaNat.Monitor.TerminationHooks
        $instance = $script:ZoneANat.InstanceId
        $null = Invoke-Recorded 'Start-HaNatMonitor handover (complete the termination lifecycle hook)' NatInstance -SourceVpc $script:Vpc.VpcId {
            $client = $session.CreateAutoScalingClient()
            try { $hooks::CompleteAsync($client, $instance, [Threading.CancellationToken]::None).GetAwaiter().GetResult() | Out-Null } catch { }
            finally { $client.Dispose() }
        }
        $recorded = @($script:Scenarios[-1].requests)
        @($recorded | Where-Object { $_.action -eq 'DescribeLifecycleHooks' }).Count | Should -BeGreaterThan 0
        $complete = @($recorded | Where-Object { $_.action -eq 'CompleteLifecycleAction' })
        $complete.Count | Should -BeGreaterThan 0
        $complete[0].params['AutoScalingGroupName'] | Should -Be $group
        $complete[0].params['InstanceId'] | Should -Be $instance
        $complete[0].params['LifecycleActionResult'] | Should -Be 'CONTINUE'
    }

    It 'records the monitor''s metrics: one PutMetricData in the HaNat namespace' {
        # The monitor runs only in the namespace suites, which the recorder does not see: its publishing call
        # (MetricsPublisher: the datums MetricDatumBuilder makes of a period, sent as one PutMetricData) is made here as
        # the monitor makes it, with a session of the NAT's, through the module's internal types.
        $credentials = New-HaNatInternalObject HaNat.Aws.ResolvedCredentials @([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), 'test')
        $session = New-HaNatInternalObject HaNat.Aws.AwsSession @($credentials, 'us-east-1', (Get-TestEndpoint), (New-HaNatInternalObject HaNat.Aws.AwsCallLog), [Threading.CancellationToken]::None)
        $recorder = New-HaNatInternalObject HaNat.Metrics.MonitorMetricsRecorder @('us-east-1a')
        $recorder.Observe(1.0, $true, 1, [string[]]@('us-east-1a'))
        $period = $recorder.Cut(60.0)
        $data = (Get-HaNatInternalType HaNat.Metrics.MetricDatumBuilder)::Build('iamvpc', 'us-east-1a', $period, (New-HaNatInternalObject HaNat.Metrics.HostPeriod), [DateTime]::UtcNow)
        $request = New-HaNatInternalObject HaNat.Aws.CloudWatch.Model.PutMetricDataRequest
        $request.Namespace = 'HaNat'
        $request.MetricData = $data
        $calls = Get-HaNatInternalType HaNat.Aws.CloudWatch.Model.CloudWatchCalls
        $null = Invoke-Recorded 'Start-HaNatMonitor metrics (one PutMetricData a period)' NatInstance -SourceVpc $script:Vpc.VpcId {
            $client = $session.CreateCloudWatchClient($null)
            try { $calls::PutMetricDataAsync($client, $request, [Threading.CancellationToken]::None).GetAwaiter().GetResult() | Out-Null }
            finally { $client.Dispose() }
        }
        $put = @($script:Scenarios[-1].requests | Where-Object { $_.action -eq 'PutMetricData' })
        $put.Count | Should -Be 1
        $put[0].service | Should -Be 'monitoring'
        $put[0].params['Namespace'] | Should -Be 'HaNat'
        $put[0].params['MetricData.member.1.Dimensions.member.1.Name'] | Should -Be 'VpcName'
    }

    It 'records the monitor''s zone address: the failed zone''s Elastic IP on a secondary IP of the survivor, and let go at failback' {
        # The monitor runs only in the namespace suites, which the recorder does not see: these are the EC2 calls of its
        # address step (src/HaNat/Monitor/ZoneAddressEc2.cs), one for one, as zone b's NAT makes them on its own interface.
        $instances = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'vpc-id' = $script:Vpc.VpcId; 'instance-state-name' = 'running' }) })).Reservations.Instances
        $survivor = @($instances | Sort-Object InstanceId)[1]
        $eni = $survivor.NetworkInterfaces[0].NetworkInterfaceId
        # moto gap: the launch template's network-interface tags do not reach the interfaces moto's group launches; AWS
        # tags them (LaunchTemplateLayout.TaggedResourceTypes), so the interface gets them here.
        $templateTags = @{ 'hanat:managed' = 'true'; 'hanat:vpc-name' = 'iamcheck' }
        Invoke-Ec2 CreateTags ([Amazon.EC2.Model.CreateTagsRequest]@{ Resources = @($eni); Tags = @($templateTags.GetEnumerator() | ForEach-Object { [Amazon.EC2.Model.Tag]::new($_.Key, $_.Value) }) }) | Out-Null
        $zoneAddress = @((Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-id' = $script:Vpc.VpcId; 'tag:hanat:zone' = 'us-east-1a' }) })).Addresses)[0]
        $zoneAddress | Should -Not -BeNullOrEmpty
        $taken = Invoke-Recorded 'monitor: zone address taken over and let go' NatInstance -SourceVpc $script:Vpc.VpcId {
            $own = (Invoke-Ec2 DescribeNetworkInterfaces ([Amazon.EC2.Model.DescribeNetworkInterfacesRequest]@{ Filters = (New-Ec2Filter @{ 'attachment.instance-id' = $survivor.InstanceId }) })).NetworkInterfaces | Where-Object NetworkInterfaceId -EQ $eni
            Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-id' = $script:Vpc.VpcId; domain = 'vpc' }) }) | Out-Null
            $before = @($own.PrivateIpAddresses.PrivateIpAddress)
            $assigned = Invoke-Ec2 AssignPrivateIpAddresses ([Amazon.EC2.Model.AssignPrivateIpAddressesRequest]@{ NetworkInterfaceId = $eni; SecondaryPrivateIpAddressCount = 1 })
            $ip = @($assigned.AssignedPrivateIpAddresses.PrivateIpAddress | Where-Object { $_ -notin $before })[0]
            Invoke-Ec2 AssociateAddress ([Amazon.EC2.Model.AssociateAddressRequest]@{ AllocationId = $zoneAddress.AllocationId; NetworkInterfaceId = $eni; PrivateIpAddress = $ip; AllowReassociation = $true }) | Out-Null
            # Failback: the zone's own NAT took the address back; the survivor lets go of the secondary IP.
            Invoke-Ec2 UnassignPrivateIpAddresses ([Amazon.EC2.Model.UnassignPrivateIpAddressesRequest]@{ NetworkInterfaceId = $eni; PrivateIpAddresses = @($ip) }) | Out-Null
            $ip
        }
        $taken | Should -Match '^\d+\.\d+\.\d+\.\d+$'
        ($script:Scenarios[$script:Scenarios.Count - 1].requests | ForEach-Object { $_.action }) | Should -Contain 'UnassignPrivateIpAddresses'
    }

    It 'records the takeover of a table served in a VPC HaNat did not build: from its NAT gateway, and back to it' {
        # The shape Add-HaNatVpc leaves: a subnet tagged hanat:served-by=iamserved, on a table of the user's that it
        # tagged as served, whose default route goes to the zone's NAT gateway.
        $vpcId = $script:Vpc.VpcId
        $served = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $vpcId; CidrBlock = '10.40.210.0/24'; AvailabilityZone = 'us-east-1a'; TagSpecifications = (New-Ec2Tags 'subnet' @{ 'hanat:served-by' = 'iamserved' }) })).Subnet.SubnetId
        $gatewaySubnet = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $vpcId; CidrBlock = '10.40.211.0/24'; AvailabilityZone = 'us-east-1a' })).Subnet.SubnetId
        $gateway = New-TestNatGateway $gatewaySubnet
        $table = (Invoke-Ec2 CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{ VpcId = $vpcId; TagSpecifications = (New-Ec2Tags 'route-table' @{
                            'hanat:served-by' = 'iamserved'; 'hanat:zone' = 'us-east-1a'; 'hanat:restore-default' = $gateway }) })).RouteTable.RouteTableId
        Invoke-Ec2 AssociateRouteTable ([Amazon.EC2.Model.AssociateRouteTableRequest]@{ RouteTableId = $table; SubnetId = $served }) | Out-Null
        Set-TestDefaultRoute $table -NatGatewayId $gateway
        # A NAT of zone b (moto's group put both of the VPC's NATs in zone a), to fail zone a over to.
        $zoneBSubnet = (Invoke-Ec2 CreateSubnet ([Amazon.EC2.Model.CreateSubnetRequest]@{ VpcId = $vpcId; CidrBlock = '10.40.212.0/24'; AvailabilityZone = 'us-east-1b' })).Subnet.SubnetId
        $peer = New-TestInstance $zoneBSubnet

        # Zone a's NAT takes the table from the gateway (make-before-break passed: -InstanceId, the operator's word).
        Invoke-Recorded 'served takeover (from a NAT gateway)' NatInstance -SourceVpc $vpcId -PolicyVariant served {
            Invoke-HaNatTakeover -InstanceId $script:ZoneANat.InstanceId -VpcId $vpcId -PrivateSubnetTag 'hanat:served-by=iamserved' @script:Aws -WarningAction SilentlyContinue
        } | Out-Null
        (Get-TestDefaultRoute $table).InstanceId | Should -Be $script:ZoneANat.InstanceId
        # Zone a's NAT fails: zone b's NAT sends the table back to the zone's NAT gateway.
        Invoke-Recorded 'served failover (back to the NAT gateway)' NatInstance -SourceVpc $vpcId -PolicyVariant served {
            Invoke-HaNatTakeover -InstanceId $peer -VpcId $vpcId -AvailabilityZone us-east-1a -PrivateSubnetTag 'hanat:served-by=iamserved' @script:Aws -WarningAction SilentlyContinue
        } | Out-Null
        (Get-TestDefaultRoute $table).NatGatewayId | Should -Be $gateway
    }

    It 'records Remove-HaNatVpc' {
        # A VPC of its own, taken over once, so that the removal meets what a takeover leaves. It runs before the
        # peering scenario: moto ignores DescribeVpcPeeringConnections' filters, and so would show Remove-HaNatVpc
        # the other VPC's (deleted) connections.
        New-TestKeyPair -Name iamops
        Invoke-Recorded 'New-HaNatVpc -KeyName' Operator { New-HaNatVpc -Name iamgone -CidrBlock '10.41' -ZoneCount 1 -ImageId $script:Image -KeyName iamops @script:Aws -WarningAction SilentlyContinue } | Out-Null
        $nat = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'iamgone'; 'instance-state-name' = 'running' }) })).Reservations[0].Instances[0]
        Invoke-HaNatTakeover -InstanceId $nat.InstanceId -VpcId $nat.VpcId @script:Aws -WarningAction SilentlyContinue | Out-Null

        Invoke-Recorded 'Remove-HaNatVpc' Operator { Remove-HaNatVpc -Name iamgone @script:Aws -Confirm:$false -WarningAction SilentlyContinue } | Out-Null
        (Get-HaNatFootprint -Name iamgone).Vpc | Should -Be 0
        (Get-HaNatFootprint -Name iamgone).Alarm | Should -Be 0
        # The alarms' calls are among what the check judges: made (checked free first, tagged), read back, deleted.
        $alarmCalls = @($script:Scenarios | Where-Object { $_.scenario -in 'New-HaNatVpc -KeyName', 'Remove-HaNatVpc' } |
            ForEach-Object { $_.requests } | Where-Object { $_.service -eq 'monitoring' } | ForEach-Object { $_.action }) | Sort-Object -Unique
        $alarmCalls | Should -Be @('DeleteAlarms', 'DescribeAlarms', 'ListTagsForResource', 'PutMetricAlarm')
    }

    It 'records Connect-HaNatVpc and Disconnect-HaNatVpc, in one region and across regions' {
        $same = New-TestPeeringVpc -CidrBlock '10.90.0.0/16' -Name iampeer
        $far = New-TestPeeringVpc -CidrBlock '10.91.0.0/16' -Name iamfar -Region us-west-2
        Invoke-Recorded 'Connect-HaNatVpc (same region)' Operator { Connect-HaNatVpc -VpcId $script:Vpc.VpcId -PeerVpcId $same.VpcId @script:Aws } | Out-Null
        Invoke-Recorded 'Connect-HaNatVpc (cross-region)' Operator { Connect-HaNatVpc -VpcId $script:Vpc.VpcId -PeerVpcId $far.VpcId -PeerRegion us-west-2 @script:Aws } | Out-Null
        Invoke-Recorded 'Disconnect-HaNatVpc (same region)' Operator { Disconnect-HaNatVpc -VpcId $script:Vpc.VpcId -PeerVpcId $same.VpcId @script:Aws -Confirm:$false } | Out-Null
        Invoke-Recorded 'Disconnect-HaNatVpc (cross-region)' Operator { Disconnect-HaNatVpc -VpcId $script:Vpc.VpcId -PeerVpcId $far.VpcId -PeerRegion us-west-2 @script:Aws -Confirm:$false -WarningAction SilentlyContinue } | Out-Null
        # From the accepter's side too: its copy of a cross-region peering carries no tags, so the delete must go to
        # the requester's region, where HaNat tagged it. One scenario, so that the check knows which copy is which.
        $farAws = @{} + $script:Aws
        $farAws.Region = 'us-west-2'
        Invoke-Recorded 'Connect-HaNatVpc, then Disconnect-HaNatVpc from the accepter (cross-region)' Operator {
            Connect-HaNatVpc -VpcId $script:Vpc.VpcId -PeerVpcId $far.VpcId -PeerRegion us-west-2 @script:Aws | Out-Null
            Disconnect-HaNatVpc -VpcId $far.VpcId -PeerVpcId $script:Vpc.VpcId -PeerRegion us-east-1 @farAws -Confirm:$false -WarningAction SilentlyContinue
        } | Out-Null
        @(Get-TestPeeringConnection -VpcId $script:Vpc.VpcId -PeerVpcId $same.VpcId).Count | Should -BeGreaterThan 0
    }
}

Describe 'Add-HaNatVpc in VPCs HaNat did not build, recorded in moto' {
    BeforeAll {
        # A moto of its own: the fixtures' peering connections would otherwise be in the way of the scenarios above
        # (moto ignores DescribeVpcPeeringConnections' filters).
        Reset-Moto
        $script:Aws = Get-TestAwsParameters
        $script:Image = New-TestHaNatImage -Architecture arm64

        function Get-RecordedWrite([string] $Scenario) {
            <# The write actions of a recorded scenario (everything but Describe*/Get*/List*). #>
            @(($script:Scenarios | Where-Object { $_.scenario -eq $Scenario }).requests | Where-Object { $_.action -notmatch '^(Describe|Get|List)' } | ForEach-Object { $_.action })
        }
    }

    It 'records Add-HaNatVpc -WhatIf (no write), Add-HaNatVpc, and a takeover of the added VPC from an operator''s session' {
        $tf = New-TestTerraformVpc -Name iamtf -Zone us-east-1a, us-east-1b
        $script:AddedVpc = $tf
        $before = Get-VpcState $tf.vpcId
        Invoke-Recorded 'Add-HaNatVpc -WhatIf' Operator {
            Add-HaNatVpc -VpcId $tf.vpcId -Name iamadded -ImageId $script:Image @script:Aws -WhatIf -WarningAction SilentlyContinue
        } | Out-Null
        Get-RecordedWrite 'Add-HaNatVpc -WhatIf' | Should -BeNullOrEmpty
        Compare-VpcState $before (Get-VpcState $tf.vpcId) | Should -BeNullOrEmpty

        $added = Invoke-Recorded 'Add-HaNatVpc' Operator {
            Add-HaNatVpc -VpcId $tf.vpcId -Name iamadded -ImageId $script:Image @script:Aws -Confirm:$false -WarningAction SilentlyContinue
        }
        $added.IsAdded | Should -BeTrue
        Get-RecordedWrite 'Add-HaNatVpc' | Should -Contain 'CreateTags'
        $app = $tf.zones.'us-east-1a'.privateRouteTables.app
        (Get-TestRouteTable $app.routeTableId).Tags | Where-Object Key -EQ 'hanat:served-by' | ForEach-Object Value | Should -Be 'iamadded'

        # The operator takes zone a's tables from its NAT gateway by hand (Invoke-HaNatTakeover from a session, with
        # the Operator policy): it reads the NAT gateways, and writes the default route of tables it did not make.
        $nat = @((Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'iamadded'; 'instance-state-name' = 'running' }) })).Reservations.Instances |
                Where-Object { $_.Placement.AvailabilityZone -eq 'us-east-1a' } | Sort-Object InstanceId)[0]
        Invoke-Recorded 'takeover of an added VPC from an operator''s session' Operator {
            Invoke-HaNatTakeover -InstanceId $nat.InstanceId -VpcId $tf.vpcId -PrivateSubnetTag 'hanat:served-by=iamadded' @script:Aws -WarningAction SilentlyContinue
        } | Out-Null
        (Get-TestDefaultRoute $app.routeTableId).InstanceId | Should -Be $nat.InstanceId
        ($script:Scenarios[$script:Scenarios.Count - 1].requests | ForEach-Object { $_.action }) | Should -Contain 'DescribeNatGateways'
    }

    It 'records an add that fails late and rolls back, then the add: a subnet on a main table routed to a NAT gateway gets a HaNat table' {
        # Private subnets tagged tier=app, not network=private: the Operator policy's PrivateSubnet (rendered
        # for network=private) does not cover the subnet on the main table; hanat:served-by must.
        $tf = New-TestTerraformVpc -Name iammain -Zone us-east-1a -PrivateTag 'tier=app'
        $script:MainTableVpc = $tf
        # The fixture's main table has its local routes only; with a default route to the zone's NAT gateway, the
        # subnet on it is one to serve, and Add-HaNatVpc gives it a table of its own (the main table's routes copied).
        Set-TestDefaultRoute $tf.mainRouteTableId -NatGatewayId $tf.zones.'us-east-1a'.natGatewayId
        $before = Get-VpcState $tf.vpcId

        # The Auto Scaling group, the last write, fails: the rollback takes off the tags, undoes the association and
        # deletes the table and the rest of the deployment.
        $proxy = Start-FaultProxy -Fail CreateAutoScalingGroup
        try {
            $err = Invoke-Recorded 'Add-HaNatVpc, rolled back' Operator {
                try { Add-HaNatVpc -VpcId $tf.vpcId -Name iammain -ImageId $script:Image -EndpointUrl $proxy.Url -Region us-east-1 -Confirm:$false -WarningAction SilentlyContinue } catch { $_ }
            }
        }
        finally { Stop-FaultProxy $proxy }
        $err.FullyQualifiedErrorId | Should -Be 'AwsAutoScalingCreateAutoScalingGroupFailed,HaNat.Commands.AddHaNatVpcCommand'
        $rollback = Get-RecordedWrite 'Add-HaNatVpc, rolled back'
        foreach ($undo in 'DeleteTags', 'DisassociateRouteTable', 'DeleteRouteTable') { $rollback | Should -Contain $undo }
        Compare-VpcState $before (Get-VpcState $tf.vpcId) | Should -BeNullOrEmpty

        $added = Invoke-Recorded 'Add-HaNatVpc (a table for a subnet on the main table)' Operator {
            Add-HaNatVpc -VpcId $tf.vpcId -Name iammain -ImageId $script:Image @script:Aws -Confirm:$false -WarningAction SilentlyContinue
        }
        $added.IsAdded | Should -BeTrue
        $onMain = $tf.mainTableSubnet.subnetId
        $table = (Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = (New-Ec2Filter @{ 'association.subnet-id' = $onMain }) })).RouteTables[0]
        $table.RouteTableId | Should -Not -Be $tf.mainRouteTableId
        ($table.Tags | Where-Object Key -EQ 'hanat:managed').Value | Should -Be 'true'
        ($table.Routes | Where-Object DestinationCidrBlock -EQ '0.0.0.0/0').NatGatewayId | Should -Be $tf.zones.'us-east-1a'.natGatewayId
    }

    It 'records Add-HaNatVpc -DeleteNatGateway: the gateway marked and deleted, its address adopted by the zone''s NAT, HaNat''s released' {
        # iammain's one zone: its NAT (moto's group launched it in the zone's public subnet) takes the zone as its boot
        # takeover would, finding what it serves from its own hanat:served-by tag (no -PrivateSubnetTag).
        $tf = $script:MainTableVpc
        $nat = @((Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = (New-Ec2Filter @{ 'tag:hanat:vpc-name' = 'iammain'; 'instance-state-name' = 'running' }) })).Reservations.Instances | Sort-Object InstanceId)[0]
        Invoke-HaNatTakeover -InstanceId $nat.InstanceId -VpcId $tf.vpcId @script:Aws -WarningAction SilentlyContinue | Out-Null
        # The main table (HaNat never changes it) still routes to the gateway, which keeps it; the user takes that
        # route out once the subnet on it has a table of its own.
        Invoke-Ec2 DeleteRoute ([Amazon.EC2.Model.DeleteRouteRequest]@{ RouteTableId = $tf.mainRouteTableId; DestinationCidrBlock = '0.0.0.0/0' }) | Out-Null
        Invoke-Recorded 'Add-HaNatVpc -DeleteNatGateway' Operator -SourceVpc $tf.vpcId {
            Add-HaNatVpc -VpcId $tf.vpcId -Name iammain -DeleteNatGateway @script:Aws -Confirm:$false -WarningAction SilentlyContinue
        } | Out-Null
        $writes = Get-RecordedWrite 'Add-HaNatVpc -DeleteNatGateway'
        foreach ($write in 'CreateTags', 'DeleteNatGateway', 'AssociateAddress', 'ReleaseAddress') { $writes | Should -Contain $write }
        $gatewayAddress = (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ AllocationIds = [System.Collections.Generic.List[string]]@($tf.zones.'us-east-1a'.allocationId) })).Addresses[0]
        $gatewayAddress.InstanceId | Should -Be $nat.InstanceId
    }

    It 'records Remove-HaNatVpc on the added VPCs: the served tables'' default routes put back, HaNat''s table and tags gone' {
        # iamadded: zone a's tables were taken by its NAT above, so the removal sends them back to their NAT gateway;
        # zone b's NAT gateway is deleted first, so its tables lose the default route that went to it (DeleteRoute).
        $zoneA, $zoneB = $script:AddedVpc.zones.'us-east-1a', $script:AddedVpc.zones.'us-east-1b'
        Invoke-Ec2 DeleteNatGateway ([Amazon.EC2.Model.DeleteNatGatewayRequest]@{ NatGatewayId = $zoneB.natGatewayId }) | Out-Null
        Invoke-Recorded 'Remove-HaNatVpc (added VPC: routes back to a NAT gateway, or gone with it)' Operator {
            Remove-HaNatVpc -Name iamadded @script:Aws -Confirm:$false -WarningAction SilentlyContinue
        } | Out-Null
        (Get-TestDefaultRoute $zoneA.privateRouteTables.app.routeTableId).NatGatewayId | Should -Be $zoneA.natGatewayId
        Get-TestDefaultRoute $zoneB.privateRouteTables.app.routeTableId | Should -BeNullOrEmpty
        @((Get-TestRouteTable $zoneA.privateRouteTables.app.routeTableId).Tags | Where-Object Key -Like 'hanat:*') | Should -BeNullOrEmpty
        $writes = Get-RecordedWrite 'Remove-HaNatVpc (added VPC: routes back to a NAT gateway, or gone with it)'
        foreach ($write in 'ReplaceRoute', 'DeleteRoute', 'DeleteTags') { $writes | Should -Contain $write }

        # iammain: the subnet on the main table goes back to it, and HaNat's table is deleted.
        Invoke-Recorded 'Remove-HaNatVpc (added VPC: a table HaNat made for a subnet on the main table)' Operator {
            Remove-HaNatVpc -Name iammain @script:Aws -Confirm:$false -WarningAction SilentlyContinue
        } | Out-Null
        $onMain = $script:MainTableVpc.mainTableSubnet.subnetId
        @((Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = (New-Ec2Filter @{ 'association.subnet-id' = $onMain }) })).RouteTables | Where-Object { $_ }).Count |
            Should -Be 0 -Because 'the subnet is back on the main table (no association of its own)'
        $writes = Get-RecordedWrite 'Remove-HaNatVpc (added VPC: a table HaNat made for a subnet on the main table)'
        foreach ($write in 'DeleteTags', 'DisassociateRouteTable', 'DeleteRouteTable') { $writes | Should -Contain $write }
    }
}

Describe 'Update-HaNatVpc, recorded in moto' {
    BeforeAll {
        Reset-Moto
        $script:Aws = Get-TestAwsParameters
        $script:Image = New-TestHaNatImage -Architecture arm64

        function Get-RecordedWrite([string] $Scenario) {
            <# The write actions of a recorded scenario (everything but Describe*/Get*/List*). #>
            @(($script:Scenarios | Where-Object { $_.scenario -eq $Scenario }).requests | Where-Object { $_.action -notmatch '^(Describe|Get|List)' } | ForEach-Object { $_.action })
        }
    }

    It 'records Update-HaNatVpc: -WhatIf, a rollout across both zones, a second run, and a new NAT that does not take its zone' {
        New-HaNatVpc -Name iamupdate -CidrBlock '10.48' -ZoneCount 2 -ImageId $script:Image @script:Aws -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $nats = Set-TestNatPerZone iamupdate
        # The newest image wins, and EC2 (moto too) dates an image to the second: one made in the same second as the
        # VPC's image ties with it and loses half the time on its random name, leaving Update-HaNatVpc nothing to do
        # (and -Spot below no new version to launch). A new second first.
        Start-Sleep -Milliseconds 1100
        $null = New-TestHaNatImage -Architecture arm64
        Invoke-Recorded 'Update-HaNatVpc -WhatIf' Operator { Update-HaNatVpc -Name iamupdate -WhatIf @script:Aws } | Out-Null
        (Get-RecordedWrite 'Update-HaNatVpc -WhatIf') | Should -BeNullOrEmpty

        $takeover = Start-TestBootTakeover iamupdate @($nats.Values)
        try {
            $results = Invoke-Recorded 'Update-HaNatVpc' Operator {
                Update-HaNatVpc -Name iamupdate -Confirm:$false @script:Aws -ErrorVariable script:updateErrors -InformationVariable script:updateSaid
            }
        }
        finally { $null = Stop-TestBootTakeover $takeover }
        # Said in full when it fails: what stopped the rollout, or why it found nothing to do.
        @($script:updateErrors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        @($results).Count | Should -Be 2 -Because "Update-HaNatVpc replaces both zones' NATs (it said: $($script:updateSaid -join ' '))"
        $writes = Get-RecordedWrite 'Update-HaNatVpc'
        foreach ($write in 'CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'UpdateAutoScalingGroup', 'RunInstances', 'AttachInstances', 'TerminateInstanceInAutoScalingGroup') {
            $writes | Should -Contain $write
        }
        $writes | Should -Not -Contain 'ReplaceRoute' -Because 'the NATs take their zones, not the operator'

        Invoke-Recorded 'Update-HaNatVpc, a second run' Operator { Update-HaNatVpc -Name iamupdate -Confirm:$false @script:Aws } | Out-Null
        (Get-RecordedWrite 'Update-HaNatVpc, a second run') | Should -BeNullOrEmpty

        # No boot takeover now: the new NAT never takes its zone, and the rollout stops and takes it back out.
        $err = Invoke-Recorded 'Update-HaNatVpc, stopped' Operator {
            Get-CommandError { Update-HaNatVpc -Name iamupdate -InstanceType t4g.micro -ZoneTimeoutSeconds 10 -Confirm:$false @script:Aws -ErrorAction Stop }
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'RolloutStopped,*'
        (Get-RecordedWrite 'Update-HaNatVpc, stopped') | Should -Contain 'TerminateInstanceInAutoScalingGroup'
    }

    It 'records Update-HaNatVpc on a deployment an older HaNat made: the NATs'' role''s policy, then the missing alarms' {
        New-HaNatVpc -Name iamolder -CidrBlock '10.47' -ZoneCount 2 -ImageId $script:Image @script:Aws -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $null = Set-TestNatPerZone iamolder
        Set-TestOlderDeployment iamolder
        Invoke-Recorded 'Update-HaNatVpc, an older deployment' Operator {
            Update-HaNatVpc -Name iamolder -ImageId $script:Image -Force @script:Aws -ErrorVariable script:olderErrors
        } | Out-Null
        @($script:olderErrors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        (Get-RecordedWrite 'Update-HaNatVpc, an older deployment') | Should -Be (@('PutRolePolicy', 'TagRole') + @('PutMetricAlarm') * 8)
        # Older again (outside the recording: the test's own calls are not HaNat's to judge).
        Set-TestOlderDeployment iamolder
        Invoke-Recorded 'Update-HaNatVpc -NoAlarms, an older deployment' Operator {
            Update-HaNatVpc -Name iamolder -ImageId $script:Image -NoAlarms -Force @script:Aws
        } | Out-Null
        (Get-RecordedWrite 'Update-HaNatVpc -NoAlarms, an older deployment') | Should -Contain 'TagRole'
    }

    It 'records Update-HaNatVpc -Spot (the group switched, spot NATs launched) and -OnDemand' {
        New-HaNatVpc -Name iamspotup -CidrBlock '10.49' -ZoneCount 2 -ImageId $script:Image @script:Aws -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $nats = Set-TestNatPerZone iamspotup
        $takeover = Start-TestBootTakeover iamspotup @($nats.Values)
        try {
            $toSpot = Invoke-Recorded 'Update-HaNatVpc -Spot' Operator {
                Update-HaNatVpc -Name iamspotup -Spot -Confirm:$false @script:Aws -ErrorVariable script:spotErrors
            }
        }
        finally { $null = Stop-TestBootTakeover $takeover }
        @($script:spotErrors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        @($toSpot).Count | Should -BeGreaterThan 0
        $run = @(($script:Scenarios | Where-Object { $_.scenario -eq 'Update-HaNatVpc -Spot' }).requests | Where-Object { $_.action -eq 'RunInstances' })
        @($run | Where-Object { $_.params['InstanceMarketOptions.MarketType'] -eq 'spot' }).Count | Should -Be 1 -Because 'two zones: one NAT stays on-demand, one is spot'

        $members = @((Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = 'iamspotup-nat-asg' }).Xml.GetElementsByTagName('InstanceId') | ForEach-Object InnerText)
        $takeover = Start-TestBootTakeover iamspotup $members
        # With -InstanceType, so that the scenario makes the version it launches: the mapper learns a template's image
        # from the scenario's own CreateLaunchTemplateVersion (moto's recording holds no responses to read it from).
        try { $toOnDemand = Invoke-Recorded 'Update-HaNatVpc -OnDemand' Operator { Update-HaNatVpc -Name iamspotup -OnDemand -InstanceType t4g.micro -Confirm:$false @script:Aws } }
        finally { $null = Stop-TestBootTakeover $takeover }
        @($toOnDemand).Count | Should -BeGreaterThan 0
        (Get-RecordedWrite 'Update-HaNatVpc -OnDemand') | Should -Contain 'UpdateAutoScalingGroup'
    }
}
