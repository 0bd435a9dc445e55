<#
.SYNOPSIS
    A Pester suite for your own VPC: every private subnet must have a healthy way out through a HaNat NAT.

.DESCRIPTION
    Copy it next to your infrastructure tests and point it at a VPC, by id or by HaNat name (Pester 5):

        $suite = New-PesterContainer -Path ./routing.Tests.ps1 -Data @{ Vpc = 'prod'; Region = 'eu-west-1' }
        Invoke-Pester -Container $suite -Output Detailed

    or, in CI, with environment variables (AWS_REGION and AWS_PROFILE are read as AWS.Tools reads them):

        HANAT_VPC=vpc-0123456789abcdef0 AWS_REGION=eu-west-1 pwsh -c 'Invoke-Pester ./routing.Tests.ps1'

    One test per private subnet (tag network=private), grouped by zone; a failure names the subnet, says what is
    wrong and what usually fixes it. Healthy and CrossZone (a failover NAT in another zone serves it) pass.
    It only reads (Test-HaNatRouting makes describe calls): the Operator policy or ReadOnlyAccess is enough.

.PARAMETER Vpc
    A VPC id (vpc-...) or the name of a HaNat VPC. Default: $env:HANAT_VPC.

.PARAMETER EndpointUrl
    Sends every AWS call to this URL: an emulator such as moto, for trying the suite out.
#>
param(
    [string] $Vpc = $env:HANAT_VPC,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl,
    [string] $PrivateSubnetTag = 'network=private'
)

BeforeDiscovery {
    # The subnets are found now, before the tests run, so that each gets a test of its own.
    if (-not $Vpc) { throw 'Which VPC? Pass -Data @{ Vpc = ''vpc-...'' } (or a HaNat VPC''s name), or set HANAT_VPC.' }
    Import-Module HaNat
    $aws = @{}
    if ($Region) { $aws.Region = $Region }
    if ($ProfileName) { $aws.ProfileName = $ProfileName }
    if ($EndpointUrl) { $aws.EndpointUrl = $EndpointUrl }

    $vpcId = if ($Vpc -match '^vpc-[0-9a-f]+$') { $Vpc } else { (Get-HaNatVpc -Name $Vpc @aws -ErrorAction Stop).VpcId }
    $audits = @(Test-HaNatRouting -VpcId $vpcId -PrivateSubnetTag $PrivateSubnetTag @aws -ErrorAction Stop -WarningAction SilentlyContinue)

    # What usually puts a failing status right, where Test-HaNatRouting's Detail does not say it already.
    $fixes = @{
        NoRoute       = 'Is the zone''s NAT running? It adds this route when it boots.'
        NatNotRunning = 'The Auto Scaling group replaces a dead NAT; until then, Invoke-HaNatTakeover -InstanceId <a running NAT> -AvailabilityZone <this zone> serves the zone.'
        Blackhole     = 'Invoke-HaNatTakeover on the zone''s NAT replaces the route.'
        ForeignTarget = 'If that is not meant to be, Invoke-HaNatTakeover -Force on the zone''s NAT takes the route back.'
    }
    $zones = @($audits | Group-Object AvailabilityZone | ForEach-Object {
            @{
                Zone    = $_.Name
                Subnets = @($_.Group | ForEach-Object {
                        @{
                            SubnetId = $_.SubnetId; Zone = $_.AvailabilityZone; RouteTableId = $_.RouteTableId; Target = $_.Target
                            Status = "$($_.Status)"; Healthy = $_.Healthy; Detail = $_.Detail; Fix = $fixes["$($_.Status)"]
                        }
                    })
            }
        })
}

Describe "Egress of $Vpc" -ForEach @{ VpcId = $vpcId; SubnetCount = $audits.Count; Tag = $PrivateSubnetTag } {
    It 'has private subnets (tag <Tag>)' {
        $SubnetCount | Should -BeGreaterThan 0 -Because "$VpcId must have subnets tagged $Tag for HaNat to serve (or pass -Data @{ PrivateSubnetTag = 'key=value' })"
    }

    Context '<Zone>' -ForEach $zones {
        It '<SubnetId> has a healthy way out' -ForEach $Subnets {
            $Healthy | Should -BeTrue -Because "$SubnetId ($Zone, route table $RouteTableId) is $($Status): $Detail $Fix"
        }
    }
}
