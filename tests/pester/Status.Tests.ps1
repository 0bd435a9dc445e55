# Get-HaNatVpc -Status against moto: a HaNat VPC built by New-HaNatVpc, one NAT per zone (Set-TestNatPerZone fills
# moto's gaps: its group puts every NAT in one zone, and no image boots to take its zone's tables), then a failover as
# the monitor makes it: the zone's NAT terminated, its tables moved to the other zone's NAT. The NATs' metrics are
# put here with PutMetricData (boto3) as a NAT publishes them (HaNat.Metrics.HaNatMetrics: namespace HaNat, dimensions
# VpcName and AvailabilityZone): this file checks what the status reads, not the publisher.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Write-TestMetric {
        <# PutMetricData of one datum, as a NAT of $Vpc publishes it, stamped $At (UTC). #>
        param([string] $Vpc, [string] $Zone, [string] $Name, [double] $Value, [datetime] $At)
        $python = @'
import sys, boto3, datetime
endpoint, region, vpc, zone, name, value, at = sys.argv[1:8]
client = boto3.client("cloudwatch", endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
client.put_metric_data(Namespace="HaNat", MetricData=[{
    "MetricName": name, "Value": float(value), "Unit": "None",
    "Timestamp": datetime.datetime.fromisoformat(at).replace(tzinfo=datetime.timezone.utc),
    "Dimensions": [{"Name": "VpcName", "Value": vpc}, {"Name": "AvailabilityZone", "Value": zone}]}])
'@
        python3 -c $python (Get-TestEndpoint) $aws.Region $Vpc $Zone $Name $Value $At.ToString('yyyy-MM-ddTHH:mm:ss')
        if ($LASTEXITCODE -ne 0) { throw "PutMetricData $Name failed" }
    }

    Reset-Moto
    $null = New-TestHaNatImage -Architecture arm64
    $vpc = New-HaNatVpc -Name live -CidrBlock '10.61' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue
    $zoneA, $zoneB = $vpc.Zones
    $nats = Set-TestNatPerZone live
    # Each NAT's boot takeover associates its zone's Elastic IP with it; no image boots in moto.
    foreach ($zone in $vpc.Zones) {
        Invoke-Ec2 AssociateAddress ([Amazon.EC2.Model.AssociateAddressRequest]@{ AllocationId = $zone.ElasticIpAllocationId; InstanceId = $nats[$zone.AvailabilityZone] }) | Out-Null
    }
}

Describe 'Get-HaNatVpc -Status' {
    Context 'with no metrics at all' {
        It 'answers from EC2 and Auto Scaling: each zone on its own NAT, leaving from its Elastic IP, and warns that Since is unknown' {
            $status = @(Get-HaNatVpc -Name live -Status @aws -WarningVariable warnings -WarningAction SilentlyContinue)

            $status.Count | Should -Be 2
            $status | ForEach-Object { $_.GetType().FullName | Should -Be 'HaNat.Model.HaNatZoneStatus' }
            $status.AvailabilityZone | Should -Be @($zoneA.AvailabilityZone, $zoneB.AvailabilityZone)
            $status.Why | ForEach-Object { "$_" | Should -Be 'Own' }
            $status.ServedBy | Should -Be @($nats[$zoneA.AvailabilityZone], $nats[$zoneB.AvailabilityZone])
            $status.ServedByZone | Should -Be @($zoneA.AvailabilityZone, $zoneB.AvailabilityZone)
            $status.EgressAddress | Should -Be @($zoneA.PublicIp, $zoneB.PublicIp)
            $status.RouteTableIds | Should -Be @($zoneA.PrivateRouteTableId, $zoneB.PrivateRouteTableId)
            $status | ForEach-Object {
                $_.Since | Should -BeNullOrEmpty
                $_.HasMetrics | Should -BeFalse
                $_.InstanceState | Should -Be 'running'
                $_.Health | Should -Be 'InService'
            }
            "$warnings" | Should -Match "No metrics from the NATs of 'live'"
            ($status[0] | Out-String -Width 120) | Should -Match 'no metrics'
        }

        It 'binds by name from the pipeline, and a missing name is HaNatVpcNotFound' {
            @('live' | Get-HaNatVpc -Status @aws -WarningAction SilentlyContinue).Count | Should -Be 2
            { Get-HaNatVpc -Name nosuch -Status @aws -ErrorAction Stop } | Should -Throw -ErrorId 'HaNatVpcNotFound,HaNat.Commands.GetHaNatVpcCommand'
        }

        It 'reads every VPC at once, and only reads: the same calls for two VPCs as for one' {
            New-HaNatVpc -Name other -CidrBlock '10.62' -ZoneCount 2 -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
            Start-MotoRecording
            $both = @(Get-HaNatVpc -Status @aws -WarningAction SilentlyContinue)
            $all = @(Get-MotoAction)
            Start-MotoRecording
            Get-HaNatVpc -Name live -Status @aws -WarningAction SilentlyContinue | Out-Null
            $one = @(Get-MotoAction)

            $both.Count | Should -Be 4
            @($both.VpcName | Select-Object -Unique) | Should -Be @('live', 'other')
            $all.Count | Should -Be $one.Count
            $all | Where-Object IsWrite | Should -BeNullOrEmpty
            # Get-HaNatVpc's reads, the VPCs' NATs in every state, and one GetMetricData for every zone of both.
            ($all.Action | Sort-Object) | Should -Be @('DescribeAddresses', 'DescribeAutoScalingGroups', 'DescribeInstances', 'DescribeInternetGateways',
                'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs', 'DescribeVpcs', 'GetMetricData', 'GetParameters')
            Remove-HaNatVpc -Name other -Confirm:$false @aws -WarningAction SilentlyContinue | Out-Null
        }

        It 'answers from EC2 with a warning when CloudWatch refuses GetMetricData' {
            $proxy = Start-FaultProxy -Fail GetMetricData -Code AccessDenied -Status 403
            try {
                $status = @(Get-HaNatVpc -Name live -Status -EndpointUrl $proxy.Url -Region $aws.Region -WarningVariable warnings -WarningAction SilentlyContinue)
            }
            finally { Stop-FaultProxy $proxy }
            $status.Count | Should -Be 2
            $status.Why | ForEach-Object { "$_" | Should -Be 'Own' }
            "$warnings" | Should -Match 'GetMetricData failed \(AccessDenied'
            "$warnings" | Should -Match 'cloudwatch:GetMetricData'
        }
    }

    Context 'after a failover of one zone, with the NATs'' metrics' {
        BeforeAll {
            $a, $b = $zoneA.AvailabilityZone, $zoneB.AvailabilityZone
            $failed = $nats[$b]
            # The monitor's failover: zone b's NAT is dead, its table now goes to zone a's NAT.
            Stop-TestInstance $failed -Terminate
            Set-TestRoute $zoneB.PrivateRouteTableId $nats[$a]
            $published = [datetime]::UtcNow.AddSeconds(-20)
            Write-TestMetric live $b ZoneServedSeconds 300 $published
            Write-TestMetric live $b ZoneServedByPeer 1 $published
            Write-TestMetric live $b ZoneTakenByHandover 0 $published
            Write-TestMetric live $a ZoneServedSeconds 7200 $published
            Write-TestMetric live $a ZoneServedByPeer 0 $published
            Write-TestMetric live $a Healthy 1 $published
            $status = @(Get-HaNatVpc -Name live -Status @aws -WarningVariable warnings -WarningAction SilentlyContinue)
            $zoneStatusA, $zoneStatusB = $status
        }

        It 'says zone b is served by zone a''s NAT after a Failover from its terminated NAT' {
            "$($zoneStatusB.Why)" | Should -Be 'Failover'
            $zoneStatusB.ServedBy | Should -Be $nats[$a]
            $zoneStatusB.ServedByZone | Should -Be $a
            $zoneStatusB.From | Should -Be $failed
            $zoneStatusB.FromState | Should -Be 'terminated'
            $zoneStatusB.Detail | Should -Match "after a failover from $failed \(terminated\)"
            "$($zoneStatusA.Why)" | Should -Be 'Own'
        }

        It 'takes Since from ZoneServedSeconds, and the health from the serving NAT''s Healthy metric' {
            $warnings | Should -BeNullOrEmpty
            $zoneStatusB.HasMetrics | Should -BeTrue
            $zoneStatusB.Since | Should -Not -BeNullOrEmpty
            # To the minute: a datum says only the minute it was published in (the query asks on whole minutes).
            [math]::Abs(($zoneStatusB.Since - $published.AddSeconds(-300)).TotalSeconds) | Should -BeLessOrEqual 60
            [math]::Abs(($zoneStatusA.Since - $published.AddSeconds(-7200)).TotalSeconds) | Should -BeLessOrEqual 60
            $zoneStatusB.NatHealthy | Should -BeTrue
            $zoneStatusB.Health | Should -Be 'Healthy'
            $zoneStatusB.LifecycleState | Should -Be 'InService'
        }

        It 'reads well at 120 columns: every line fits, the columns and the failover whole' {
            $text = Get-HaNatVpc -Name live -Status @aws -WarningAction SilentlyContinue | Out-String -Width 120
            $lines = @($text -split "`r?`n")
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 -Because "'$_'" }
            $header = $lines | Where-Object { $_ -match '^Zone\s' } | Select-Object -First 1
            $header | Should -Match '^Zone\s+ServedBy\s+Since\s+EgressIp\s+Health\s+Why$'
            $text | Should -Match 'VpcName: live'
            $rowB = $lines | Where-Object { $_.StartsWith($b) } | Select-Object -First 1
            $rowB | Should -Match "^$b\s+$($nats[$a])\s+\d+m ago\s+$([regex]::Escape($zoneA.PublicIp))\s+Healthy\s+Failover from $failed"
            $text | Should -Match '\(terminated\)'
        }

        It 'says Handover once the NAT that serves the zone publishes ZoneTakenByHandover' {
            Write-TestMetric live $b ZoneTakenByHandover 1 ([datetime]::UtcNow)
            $after = @(Get-HaNatVpc -Name live -Status @aws -WarningAction SilentlyContinue)[1]
            "$($after.Why)" | Should -Be 'Handover'
            $after.From | Should -Be $failed
        }
    }
}
