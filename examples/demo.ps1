<#
.SYNOPSIS
    HaNat in one minute, against an AWS emulator: a VPC whose private subnets have no way out, a NAT instance
    that takes them over, and the routing audit before and after.

.DESCRIPTION
    ./demo.sh runs this against a moto_server it starts. By hand:
        dotnet pwsh -File examples/demo.ps1 -EndpointUrl http://127.0.0.1:5000
    The fixture is built with the AWS SDK for .NET that HaNat loads (AWSSDK.EC2 v4, whose collections are
    null until set). Off an EC2 instance, set AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1 so that
    HaNat's "am I on an instance?" probe is refused at once instead of waiting for its timeout.
    Exits 0 when every private subnet is healthy after the takeover.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $EndpointUrl,
    [string] $Region = 'us-east-1',
    [string] $Zone = 'us-east-1a'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$module = Join-Path $PSScriptRoot '..' 'out' 'HaNat'
Import-Module (Join-Path $module 'HaNat.psd1')
# The fixture below speaks to the emulator with the AWS SDK for .NET that ships inside the module. Importing HaNat
# does not load its EC2 assembly (only a cmdlet that calls EC2 does), so load it here.
Add-Type -Path (Join-Path $module 'AWSSDK.EC2.dll')
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

# Every HaNat cmdlet that calls AWS takes the AWS.Tools parameters; an emulator takes any keys.
$aws = @{ EndpointUrl = $EndpointUrl; Region = $Region; AccessKey = 'demo'; SecretKey = 'demo' }

$config = [Amazon.EC2.AmazonEC2Config]::new()
$config.ServiceURL = $EndpointUrl
$config.AuthenticationRegion = $Region
$ec2 = [Amazon.EC2.AmazonEC2Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('demo', 'demo'), $config)

function Invoke-Ec2([string] $Operation, $Request) {
    $ec2."${Operation}Async"($Request, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function New-TagSpecification([string] $ResourceType, [hashtable] $Tags) {
    $spec = [Amazon.EC2.Model.TagSpecification]::new()
    $spec.ResourceType = $ResourceType
    $spec.Tags = [System.Collections.Generic.List[Amazon.EC2.Model.Tag]]::new()
    foreach ($key in $Tags.Keys) { $spec.Tags.Add([Amazon.EC2.Model.Tag]::new($key, $Tags[$key])) }
    $list = [System.Collections.Generic.List[Amazon.EC2.Model.TagSpecification]]::new()
    $list.Add($spec)
    , $list
}

function New-Subnet([string] $VpcId, [string] $Cidr, [hashtable] $Tags) {
    $request = [Amazon.EC2.Model.CreateSubnetRequest]::new()
    $request.VpcId = $VpcId
    $request.CidrBlock = $Cidr
    $request.AvailabilityZone = $Zone
    $request.TagSpecifications = New-TagSpecification subnet $Tags
    (Invoke-Ec2 CreateSubnet $request).Subnet.SubnetId
}

function New-RouteTable([string] $VpcId, [string] $SubnetId, [string] $Name) {
    $request = [Amazon.EC2.Model.CreateRouteTableRequest]::new()
    $request.VpcId = $VpcId
    $request.TagSpecifications = New-TagSpecification route-table @{ Name = $Name }
    $tableId = (Invoke-Ec2 CreateRouteTable $request).RouteTable.RouteTableId
    $association = [Amazon.EC2.Model.AssociateRouteTableRequest]::new()
    $association.RouteTableId = $tableId
    $association.SubnetId = $SubnetId
    $null = Invoke-Ec2 AssociateRouteTable $association
    $tableId
}

# A table as wide as its content, whatever the width of the terminal (or of none, in a log).
function Show-Table([object[]] $Property) {
    $input | Format-Table -Property $Property -AutoSize | Out-String -Width 250 -Stream |
        ForEach-Object { $_.TrimEnd() } | Out-Host
}

function Show-Audit([string] $VpcId, [string] $Title) {
    Write-Host "`n== $Title" -ForegroundColor Cyan
    Test-HaNatRouting -VpcId $VpcId @aws | Show-Table SubnetId, AvailabilityZone, RouteTableId, Target, Status, Detail
}

try {
    Write-Host "== A VPC in $Region, on the emulator at $EndpointUrl" -ForegroundColor Cyan

    $vpcRequest = [Amazon.EC2.Model.CreateVpcRequest]::new()
    $vpcRequest.CidrBlock = '10.0.0.0/16'
    $vpcRequest.TagSpecifications = New-TagSpecification vpc @{ Name = 'hanat-demo' }
    $vpcId = (Invoke-Ec2 CreateVpc $vpcRequest).Vpc.VpcId

    # The public side: a subnet whose default route goes to an internet gateway.
    $igwId = (Invoke-Ec2 CreateInternetGateway ([Amazon.EC2.Model.CreateInternetGatewayRequest]::new())).InternetGateway.InternetGatewayId
    $attach = [Amazon.EC2.Model.AttachInternetGatewayRequest]::new()
    $attach.InternetGatewayId = $igwId
    $attach.VpcId = $vpcId
    $null = Invoke-Ec2 AttachInternetGateway $attach
    $publicSubnet = New-Subnet $vpcId '10.0.0.0/24' @{ Name = 'hanat-demo-public' }
    $publicTable = New-RouteTable $vpcId $publicSubnet 'hanat-demo-public'
    $toInternet = [Amazon.EC2.Model.CreateRouteRequest]::new()
    $toInternet.RouteTableId = $publicTable
    $toInternet.DestinationCidrBlock = '0.0.0.0/0'
    $toInternet.GatewayId = $igwId
    $null = Invoke-Ec2 CreateRoute $toInternet

    # The private side, tagged network=private: one subnet with a table of its own and no default route,
    # one left on the VPC's main table (HaNat never changes the main table: it gives the subnet its own).
    $privateA = New-Subnet $vpcId '10.0.1.0/24' @{ Name = 'hanat-demo-private-1'; network = 'private' }
    $null = New-RouteTable $vpcId $privateA 'hanat-demo-private-1'
    $privateB = New-Subnet $vpcId '10.0.2.0/24' @{ Name = 'hanat-demo-private-2'; network = 'private' }

    # The zone's Elastic IP, which follows the zone's NAT.
    $eipRequest = [Amazon.EC2.Model.AllocateAddressRequest]::new()
    $eipRequest.Domain = [Amazon.EC2.DomainType]::Vpc
    $eipRequest.TagSpecifications = New-TagSpecification elastic-ip @{ 'hanat:vpc-id' = $vpcId; 'hanat:zone' = $Zone }
    $eip = Invoke-Ec2 AllocateAddress $eipRequest

    # The NAT instance, in the public subnet, from an image the emulator knows.
    $images = [Amazon.EC2.Model.DescribeImagesRequest]::new()
    $images.Owners = [System.Collections.Generic.List[string]]::new([string[]] @('amazon'))
    $imageId = @((Invoke-Ec2 DescribeImages $images).Images)[0].ImageId
    if (-not $imageId) { throw "The emulator at $EndpointUrl lists no image owned by amazon." }
    $run = [Amazon.EC2.Model.RunInstancesRequest]::new()
    $run.ImageId = $imageId
    $run.InstanceType = [Amazon.EC2.InstanceType]::T3Micro
    $run.MinCount = 1
    $run.MaxCount = 1
    $run.SubnetId = $publicSubnet
    $run.TagSpecifications = New-TagSpecification instance @{ Name = 'hanat-demo-nat'; 'hanat:managed' = 'true' }
    $natId = (Invoke-Ec2 RunInstances $run).Reservation.Instances[0].InstanceId

    [pscustomobject]@{
        VpcId          = $vpcId
        PublicSubnet   = $publicSubnet
        PrivateSubnets = "$privateA, $privateB"
        ElasticIp      = $eip.PublicIp
        NatInstance    = $natId
    } | Format-List | Out-Host

    Show-Audit $vpcId 'Test-HaNatRouting, before: the private subnets have no way out'

    Write-Host "`n== Invoke-HaNatTakeover -InstanceId ${natId}: the instance becomes the zone's NAT" -ForegroundColor Cyan
    Invoke-HaNatTakeover -InstanceId $natId @aws | Show-Table SubnetId, RouteTableId, Action, PreviousTarget, Target

    $addresses = [Amazon.EC2.Model.DescribeAddressesRequest]::new()
    $addresses.AllocationIds = [System.Collections.Generic.List[string]]::new([string[]] @($eip.AllocationId))
    $address = @((Invoke-Ec2 DescribeAddresses $addresses).Addresses)[0]
    Write-Host "Elastic IP $($address.PublicIp) is now on $($address.InstanceId)"

    Show-Audit $vpcId 'Test-HaNatRouting, after'

    Write-Host "`n== Invoke-HaNatTakeover again: nothing left to write" -ForegroundColor Cyan
    Invoke-HaNatTakeover -InstanceId $natId @aws | Show-Table SubnetId, RouteTableId, Action, Target

    $healthy = Test-HaNatRouting -VpcId $vpcId -Quiet @aws
    Write-Host "Test-HaNatRouting -Quiet: $healthy"
    if (-not $healthy) { exit 1 }
}
finally {
    $ec2.Dispose()
}
