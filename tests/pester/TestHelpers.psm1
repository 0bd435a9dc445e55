# Shared helpers for the Pester suites: fixtures built in moto with the AWS SDK that HaNat itself loads,
# moto's reset and request recorder, and small readers of what EC2 now holds.
# The suites run against the moto whose URL is in $env:HANAT_TEST_ENDPOINT (test.sh starts it).

Set-StrictMode -Version Latest

$script:Region = 'us-east-1'

function Get-TestEndpoint {
    if (-not $env:HANAT_TEST_ENDPOINT) { throw 'HANAT_TEST_ENDPOINT is not set: run the suites through ./test.sh, which starts moto.' }
    $env:HANAT_TEST_ENDPOINT
}

function Get-TestAwsParameters {
    # Splat into HaNat cmdlets: @(Get-TestAwsParameters)
    @{ EndpointUrl = (Get-TestEndpoint); Region = $script:Region }
}

function Invoke-FreshPwsh {
    <# Runs a script in a new pwsh process, the same pwsh as this one (an apphost, or pwsh.dll under dotnet). #>
    param([Parameter(Mandatory)][string] $Script)
    $file = Join-Path ([IO.Path]::GetTempPath()) "hanat-fresh-$([guid]::NewGuid()).ps1"
    Set-Content -Path $file -Value $Script
    try {
        $process = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] } else { @() }
        & $process @prefix -NoProfile -NonInteractive -File $file
    }
    finally { Remove-Item $file }
}

function New-TestSdkClient {
    <# An AWS SDK client of the given types, pointed at moto with fake keys. #>
    param([Parameter(Mandatory)][type] $ClientType, [Parameter(Mandatory)][type] $ConfigType)
    $config = $ConfigType::new()
    $config.ServiceURL = Get-TestEndpoint
    $config.AuthenticationRegion = $script:Region
    $ClientType::new([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), $config)
}

function Invoke-TestSdkCall {
    <# Calls one async SDK operation on a fresh client and disposes of the client. #>
    param([Parameter(Mandatory)] $Client, [Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)] $Request)
    try { $Client."${Operation}Async"($Request, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult() }
    finally { $Client.Dispose() }
}

function New-TestEc2Client { New-TestSdkClient ([Amazon.EC2.AmazonEC2Client]) ([Amazon.EC2.AmazonEC2Config]) }

function Invoke-Ec2 {
    param([Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)] $Request)
    Invoke-TestSdkCall (New-TestEc2Client) $Operation $Request
}

function New-Ec2Tags {
    param([string] $ResourceType, [hashtable] $Tags)
    $spec = [Amazon.EC2.Model.TagSpecification]::new()
    $spec.ResourceType = $ResourceType
    $spec.Tags = [System.Collections.Generic.List[Amazon.EC2.Model.Tag]]::new()
    foreach ($key in $Tags.Keys) { $spec.Tags.Add([Amazon.EC2.Model.Tag]::new($key, $Tags[$key])) }
    $list = [System.Collections.Generic.List[Amazon.EC2.Model.TagSpecification]]::new()
    $list.Add($spec)
    , $list
}

function Reset-Moto {
    Invoke-RestMethod -Method Post -Uri "$(Get-TestEndpoint)/moto-api/reset" | Out-Null
}

function Start-MotoRecording {
    $endpoint = Get-TestEndpoint
    Invoke-RestMethod -Method Post -Uri "$endpoint/moto-api/recorder/reset-recording" | Out-Null
    Invoke-RestMethod -Method Post -Uri "$endpoint/moto-api/recorder/start-recording" | Out-Null
}

function Get-MotoRecording {
    <# Stops the recorder and returns one object per request: Action, Parameters (hashtable), Service. #>
    $endpoint = Get-TestEndpoint
    Invoke-RestMethod -Method Post -Uri "$endpoint/moto-api/recorder/stop-recording" | Out-Null
    $raw = (Invoke-WebRequest -Uri "$endpoint/moto-api/recorder/download-recording").Content
    if ($raw -is [byte[]]) { $raw = [System.Text.Encoding]::UTF8.GetString($raw) }
    foreach ($line in ($raw -split "`n")) {
        if (-not $line.Trim()) { continue }
        $entry = $line | ConvertFrom-Json
        $body = [string]$entry.body
        if ($entry.body_encoded) { $body = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body)) }
        $parameters = @{}
        foreach ($pair in ($body -split '&')) {
            if (-not $pair) { continue }
            $kv = $pair -split '=', 2
            $parameters[[uri]::UnescapeDataString($kv[0])] = if ($kv.Count -gt 1) { [uri]::UnescapeDataString($kv[1].Replace('+', ' ')) } else { '' }
        }
        $auth = [string]$entry.headers.Authorization
        [pscustomobject]@{
            Action     = $parameters['Action']
            Parameters = $parameters
            Service    = if ($auth -match 'Credential=[^/]+/[^/]+/[^/]+/([^/]+)/') { $Matches[1] } else { '' }
            Method     = $entry.method
        }
    }
}

function Get-WriteAction {
    <# The actions in a recording that change something (everything but Describe*/Get*/List*). #>
    param([Parameter(ValueFromPipeline)] $Request)
    process {
        if ($Request.Action -and $Request.Action -notmatch '^(Describe|Get|List)') { $Request.Action }
    }
}

function New-TestVpc {
    <#
      Builds a VPC with, per zone, a public subnet and private subnets (tag network=private).
      -PrivateTable: Own (one table per private subnet), Shared (one per zone), Main (none: on the main table).
      The shape is built by tests/tools/vpc_fixture.py (zones), the one builder of test VPCs, which the namespace
      suites and the benchmarks use too; this maps its JSON to the objects the suites read.
    #>
    param(
        [string] $CidrPrefix = '10.0',
        [string[]] $Zone = @('us-east-1a'),
        [int] $PrivateSubnetsPerZone = 1,
        [ValidateSet('Own', 'Shared', 'Main')][string] $PrivateTable = 'Shared',
        [string] $PrivateTag = 'network=private'
    )
    $arguments = @((Join-Path $PSScriptRoot '../tools/vpc_fixture.py'), 'zones', '--endpoint', (Get-TestEndpoint), '--region', $script:Region,
        '--cidr-prefix', $CidrPrefix, '--private-subnets-per-zone', $PrivateSubnetsPerZone, '--private-table', $PrivateTable, '--private-tag', $PrivateTag)
    foreach ($az in $Zone) { $arguments += @('--zone', $az) }
    $json = & python3 @arguments
    if ($LASTEXITCODE -ne 0) { throw "tests/tools/vpc_fixture.py zones failed (exit $LASTEXITCODE)" }
    $made = $json | ConvertFrom-Json
    $zones = [ordered]@{}
    foreach ($property in $made.zones.PSObject.Properties) {
        $zones[$property.Name] = [pscustomobject]@{
            PublicSubnetId   = $property.Value.publicSubnetId
            PrivateSubnetIds = @($property.Value.privateSubnetIds)
            RouteTableIds    = @($property.Value.routeTableIds)
        }
    }
    [pscustomobject]@{
        VpcId            = $made.vpcId
        MainRouteTableId = $made.mainRouteTableId
        Zones            = $zones
    }
}

function New-TestInstance {
    <#
      An instance tagged hanat:managed=true, as HaNat's launch template tags every NAT it launches (the takeover
      refuses an instance without it). -Application: a plain instance, as a user's own application runs.
    #>
    param([Parameter(Mandatory)][string] $SubnetId, [switch] $Application)
    $request = [Amazon.EC2.Model.RunInstancesRequest]@{ ImageId = 'ami-12345678'; InstanceType = 't3.micro'; MinCount = 1; MaxCount = 1; SubnetId = $SubnetId }
    if (-not $Application) { $request.TagSpecifications = New-Ec2Tags 'instance' @{ 'hanat:managed' = 'true' } }
    (Invoke-Ec2 RunInstances $request).Reservation.Instances[0].InstanceId
}

function Get-TestInstance {
    param([Parameter(Mandatory)][string] $InstanceId)
    $request = [Amazon.EC2.Model.DescribeInstancesRequest]@{ InstanceIds = [System.Collections.Generic.List[string]]@($InstanceId) }
    (Invoke-Ec2 DescribeInstances $request).Reservations[0].Instances[0]
}

function Get-TestRouteTable {
    param([Parameter(Mandatory)][string] $RouteTableId)
    $request = [Amazon.EC2.Model.DescribeRouteTablesRequest]@{ RouteTableIds = [System.Collections.Generic.List[string]]@($RouteTableId) }
    (Invoke-Ec2 DescribeRouteTables $request).RouteTables[0]
}

function Get-TestDefaultRoute {
    param([Parameter(Mandatory)][string] $RouteTableId)
    (Get-TestRouteTable $RouteTableId).Routes | Where-Object DestinationCidrBlock -EQ '0.0.0.0/0'
}

function Set-TestDefaultRoute {
    <# Creates 0.0.0.0/0 in a table to an instance, gateway or NAT gateway. #>
    param([Parameter(Mandatory)][string] $RouteTableId, [string] $InstanceId, [string] $GatewayId, [string] $NatGatewayId)
    $request = [Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $RouteTableId; DestinationCidrBlock = '0.0.0.0/0' }
    if ($InstanceId) { $request.InstanceId = $InstanceId }
    if ($GatewayId) { $request.GatewayId = $GatewayId }
    if ($NatGatewayId) { $request.NatGatewayId = $NatGatewayId }
    Invoke-Ec2 CreateRoute $request | Out-Null
}

function New-TestInternetGateway {
    param([Parameter(Mandatory)][string] $VpcId)
    $igw = (Invoke-Ec2 CreateInternetGateway ([Amazon.EC2.Model.CreateInternetGatewayRequest]::new())).InternetGateway.InternetGatewayId
    Invoke-Ec2 AttachInternetGateway ([Amazon.EC2.Model.AttachInternetGatewayRequest]@{ InternetGatewayId = $igw; VpcId = $VpcId }) | Out-Null
    $igw
}

function New-TestNatGateway {
    param([Parameter(Mandatory)][string] $SubnetId)
    $allocation = (Invoke-Ec2 AllocateAddress ([Amazon.EC2.Model.AllocateAddressRequest]@{ Domain = 'vpc' })).AllocationId
    (Invoke-Ec2 CreateNatGateway ([Amazon.EC2.Model.CreateNatGatewayRequest]@{ SubnetId = $SubnetId; AllocationId = $allocation })).NatGateway.NatGatewayId
}

function New-TestZoneAddress {
    <# An Elastic IP tagged the way New-HaNatVpc tags a zone's stable egress address. #>
    param([Parameter(Mandatory)][string] $VpcId, [Parameter(Mandatory)][string] $Zone)
    $request = [Amazon.EC2.Model.AllocateAddressRequest]@{ Domain = 'vpc'; TagSpecifications = (New-Ec2Tags 'elastic-ip' @{ 'hanat:vpc-id' = $VpcId; 'hanat:zone' = $Zone; 'hanat:managed' = 'true' }) }
    $allocation = Invoke-Ec2 AllocateAddress $request
    [pscustomobject]@{ AllocationId = $allocation.AllocationId; PublicIp = $allocation.PublicIp }
}

function Get-TestAddress {
    param([Parameter(Mandatory)][string] $AllocationId)
    $request = [Amazon.EC2.Model.DescribeAddressesRequest]@{ AllocationIds = [System.Collections.Generic.List[string]]@($AllocationId) }
    (Invoke-Ec2 DescribeAddresses $request).Addresses[0]
}

function Set-TestSourceDestCheck {
    param([Parameter(Mandatory)][string] $InstanceId, [bool] $Enabled)
    Invoke-Ec2 ModifyInstanceAttribute ([Amazon.EC2.Model.ModifyInstanceAttributeRequest]@{ InstanceId = $InstanceId; SourceDestCheck = $Enabled }) | Out-Null
}

function Stop-TestInstance {
    param([Parameter(Mandatory)][string] $InstanceId, [switch] $Terminate)
    $ids = [System.Collections.Generic.List[string]]@($InstanceId)
    if ($Terminate) { Invoke-Ec2 TerminateInstances ([Amazon.EC2.Model.TerminateInstancesRequest]@{ InstanceIds = $ids }) | Out-Null }
    else { Invoke-Ec2 StopInstances ([Amazon.EC2.Model.StopInstancesRequest]@{ InstanceIds = $ids }) | Out-Null }
}

# --- Peering (Connect-/Disconnect-HaNatVpc): VPCs in any region, all their route tables, peering connections.

function Invoke-Ec2In {
    <# Invoke-Ec2 in another region: moto keeps one backend per region, picked by the signature's region. #>
    param([Parameter(Mandatory)][string] $Region, [Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)] $Request)
    $config = [Amazon.EC2.AmazonEC2Config]::new()
    $config.ServiceURL = Get-TestEndpoint
    $config.AuthenticationRegion = $Region
    $client = [Amazon.EC2.AmazonEC2Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), $config)
    try { $client."${Operation}Async"($Request, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult() }
    finally { $client.Dispose() }
}

function New-TestPeeringVpc {
    <#
      A VPC shaped like a HaNat one, as peering sees it: tagged hanat:managed=true and hanat:vpc-name (unless
      -NotHaNat), a public and two private route tables tagged hanat:managed=true, and one route table that is
      not HaNat's (ForeignRouteTableId), which peering must never touch.
    #>
    param(
        [Parameter(Mandatory)][string] $CidrBlock,
        [string] $Name = "vpc-$($CidrBlock -replace '[./]', '-')",
        [string[]] $SecondaryCidrBlock = @(),
        [switch] $NotHaNat,
        [string] $Region = $script:Region
    )
    $vpcTags = @{ Name = $Name }
    if (-not $NotHaNat) { $vpcTags['hanat:managed'] = 'true'; $vpcTags['hanat:vpc-name'] = $Name }
    $vpc = (Invoke-Ec2In $Region CreateVpc ([Amazon.EC2.Model.CreateVpcRequest]@{ CidrBlock = $CidrBlock; TagSpecifications = (New-Ec2Tags 'vpc' $vpcTags) })).Vpc
    foreach ($block in $SecondaryCidrBlock) {
        Invoke-Ec2In $Region AssociateVpcCidrBlock ([Amazon.EC2.Model.AssociateVpcCidrBlockRequest]@{ VpcId = $vpc.VpcId; CidrBlock = $block }) | Out-Null
    }
    $main = (Get-TestVpcRouteTables $vpc.VpcId -Region $Region | Where-Object { $_.Associations | Where-Object Main }).RouteTableId
    $hanat = foreach ($component in 'public', 'private-a', 'private-b') {
        $tags = @{ Name = "$Name-$component"; 'hanat:managed' = 'true'; 'hanat:vpc-name' = $Name; 'hanat:component' = "$component-route-table" }
        (Invoke-Ec2In $Region CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{ VpcId = $vpc.VpcId; TagSpecifications = (New-Ec2Tags 'route-table' $tags) })).RouteTable.RouteTableId
    }
    $foreign = (Invoke-Ec2In $Region CreateRouteTable ([Amazon.EC2.Model.CreateRouteTableRequest]@{
        VpcId = $vpc.VpcId; TagSpecifications = (New-Ec2Tags 'route-table' @{ Name = "$Name-someone-elses" })
    })).RouteTable.RouteTableId
    [pscustomobject]@{
        VpcId               = $vpc.VpcId
        Name                = $Name
        Region              = $Region
        CidrBlocks          = @($CidrBlock) + $SecondaryCidrBlock
        HaNatRouteTableIds  = @($hanat)
        ForeignRouteTableId = $foreign
        MainRouteTableId    = $main
    }
}

function Get-TestVpcRouteTables {
    param([Parameter(Mandatory)][string] $VpcId, [string] $Region = $script:Region)
    $filter = [Amazon.EC2.Model.Filter]::new('vpc-id', [System.Collections.Generic.List[string]]@($VpcId))
    (Invoke-Ec2In $Region DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = [System.Collections.Generic.List[Amazon.EC2.Model.Filter]]@($filter) })).RouteTables
}

function Get-TestRoute {
    <# The IPv4 routes of one table, in any region: DestinationCidrBlock, VpcPeeringConnectionId, GatewayId... #>
    param([Parameter(Mandatory)][string] $RouteTableId, [string] $Region = $script:Region)
    $request = [Amazon.EC2.Model.DescribeRouteTablesRequest]@{ RouteTableIds = [System.Collections.Generic.List[string]]@($RouteTableId) }
    @((Invoke-Ec2In $Region DescribeRouteTables $request).RouteTables[0].Routes | Where-Object DestinationCidrBlock)
}

function Get-TestPeeringConnection {
    <# The peering connections that join two VPCs, either direction, any state (moto ignores the filters, so filter here). #>
    param([Parameter(Mandatory)][string] $VpcId, [Parameter(Mandatory)][string] $PeerVpcId, [string] $Region = $script:Region)
    $all = (Invoke-Ec2In $Region DescribeVpcPeeringConnections ([Amazon.EC2.Model.DescribeVpcPeeringConnectionsRequest]::new())).VpcPeeringConnections
    if (-not $all) { return }
    @($all | Where-Object {
        ($_.RequesterVpcInfo.VpcId -eq $VpcId -and $_.AccepterVpcInfo.VpcId -eq $PeerVpcId) -or
        ($_.RequesterVpcInfo.VpcId -eq $PeerVpcId -and $_.AccepterVpcInfo.VpcId -eq $VpcId)
    })
}

function New-TestPeeringConnection {
    <# A peering connection made outside HaNat (untagged), left pending unless -Accept. Returns its id. #>
    param([Parameter(Mandatory)][string] $VpcId, [Parameter(Mandatory)][string] $PeerVpcId, [switch] $Accept)
    $id = (Invoke-Ec2 CreateVpcPeeringConnection ([Amazon.EC2.Model.CreateVpcPeeringConnectionRequest]@{ VpcId = $VpcId; PeerVpcId = $PeerVpcId })).VpcPeeringConnection.VpcPeeringConnectionId
    if ($Accept) { Invoke-Ec2 AcceptVpcPeeringConnection ([Amazon.EC2.Model.AcceptVpcPeeringConnectionRequest]@{ VpcPeeringConnectionId = $id }) | Out-Null }
    $id
}

function Add-TestRoute {
    <# Adds a route to a gateway or a peering connection, the way someone other than HaNat would. #>
    param([Parameter(Mandatory)][string] $RouteTableId, [Parameter(Mandatory)][string] $DestinationCidrBlock,
        [string] $GatewayId, [string] $VpcPeeringConnectionId, [string] $Region = $script:Region)
    $request = [Amazon.EC2.Model.CreateRouteRequest]@{ RouteTableId = $RouteTableId; DestinationCidrBlock = $DestinationCidrBlock }
    if ($GatewayId) { $request.GatewayId = $GatewayId }
    if ($VpcPeeringConnectionId) { $request.VpcPeeringConnectionId = $VpcPeeringConnectionId }
    Invoke-Ec2In $Region CreateRoute $request | Out-Null
}

# HaNat loads AWSSDK.EC2 at its first EC2 call, no longer at Import-Module, and the fixtures above use its types
# before that: load the copy HaNat ships, the same file, so that HaNat later finds it loaded rather than a second one.
$ec2Sdk = Join-Path $PSScriptRoot '..' '..' 'out' 'HaNat' 'AWSSDK.EC2.dll'
if (-not ('Amazon.EC2.AmazonEC2Client' -as [type]) -and (Test-Path $ec2Sdk)) { Add-Type -Path $ec2Sdk }

Export-ModuleMember -Function *

# --- HaNat VPC lifecycle (New-/Get-/Remove-HaNatVpc, Get-HaNatImage) -------------------------------------------

function Invoke-MotoQuery {
    <#
      One Query-protocol call (IAM, Auto Scaling, CloudWatch) straight to moto, returned as XML. moto routes a request by the
      service in its Authorization header's credential scope and does not check the signature.
    #>
    param(
        [Parameter(Mandatory)][ValidateSet('iam', 'autoscaling', 'monitoring')][string] $Service,
        [Parameter(Mandatory)][string] $Action,
        [hashtable] $Parameters = @{}
    )
    $version = @{ iam = '2010-05-08'; autoscaling = '2011-01-01'; monitoring = '2010-08-01' }[$Service]
    $fields = [ordered]@{ Action = $Action; Version = $version }
    foreach ($key in $Parameters.Keys) { $fields[$key] = $Parameters[$key] }
    $body = ($fields.Keys | ForEach-Object { [uri]::EscapeDataString($_) + '=' + [uri]::EscapeDataString([string]$fields[$_]) }) -join '&'
    $headers = @{ Authorization = "AWS4-HMAC-SHA256 Credential=testing/20240101/$script:Region/$Service/aws4_request, SignedHeaders=host, Signature=0" }
    $response = Invoke-WebRequest -Method Post -Uri (Get-TestEndpoint) -Body $body -ContentType 'application/x-www-form-urlencoded' -Headers $headers -SkipHttpErrorCheck
    [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content }
}

function New-TestSsmClient {
    New-TestSdkClient ([Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient]) ([Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig])
}

function Invoke-Ssm {
    param([Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)] $Request)
    Invoke-TestSdkCall (New-TestSsmClient) $Operation $Request
}

function New-Ec2Filter {
    <# One EC2 filter list: New-Ec2Filter @{ 'vpc-id' = $id; 'tag:hanat:managed' = 'true' } #>
    param([Parameter(Mandatory)][hashtable] $Filters)
    $list = [System.Collections.Generic.List[Amazon.EC2.Model.Filter]]::new()
    foreach ($key in $Filters.Keys) { $list.Add([Amazon.EC2.Model.Filter]::new($key, [System.Collections.Generic.List[string]]@($Filters[$key]))) }
    , $list
}

# moto's public image of each architecture that New-TestHaNatImage copies (found once per import).
$script:SourceImages = @{}

function New-TestHaNatImage {
    <#
      An AMI as HaNat's Packer template leaves it: owned by this account, tagged hanat:image=nat (unless -Untagged),
      of the given architecture. moto's RegisterImage ignores the architecture, so the image is made from an instance
      of one of moto's public images of that architecture.
    #>
    param([ValidateSet('arm64', 'x86_64')][string] $Architecture = 'arm64', [string] $Name = "hanat-nat-$Architecture-$([guid]::NewGuid().ToString('N').Substring(0, 8))", [switch] $Untagged)
    # Listing moto's public images of an architecture takes seconds; the answer is the same for the whole run.
    if (-not $script:SourceImages[$Architecture]) {
        $public = (Invoke-Ec2 DescribeImages ([Amazon.EC2.Model.DescribeImagesRequest]@{ Filters = (New-Ec2Filter @{ architecture = $Architecture }) })).Images
        $script:SourceImages[$Architecture] = ($public | Select-Object -First 1).ImageId
    }
    $source = [pscustomobject]@{ ImageId = $script:SourceImages[$Architecture] }
    $type = if ($Architecture -eq 'arm64') { 't4g.nano' } else { 't3.nano' }
    $instance = (Invoke-Ec2 RunInstances ([Amazon.EC2.Model.RunInstancesRequest]@{ ImageId = $source.ImageId; InstanceType = $type; MinCount = 1; MaxCount = 1 })).Reservation.Instances[0].InstanceId
    $request = [Amazon.EC2.Model.CreateImageRequest]@{ InstanceId = $instance; Name = $Name }
    if (-not $Untagged) { $request.TagSpecifications = (New-Ec2Tags 'image' @{ 'hanat:image' = 'nat' }) }
    $imageId = (Invoke-Ec2 CreateImage $request).ImageId
    Stop-TestInstance $instance -Terminate
    $imageId
}

function New-TestKeyPair {
    param([Parameter(Mandatory)][string] $Name)
    Invoke-Ec2 CreateKeyPair ([Amazon.EC2.Model.CreateKeyPairRequest]@{ KeyName = $Name }) | Out-Null
}

function Get-MotoAction {
    <#
      Stops the recorder and returns one object per request, for every protocol: Service, Action (the form's Action,
      or the X-Amz-Target of JSON services such as SSM, which Get-MotoRecording does not read), and IsWrite (anything
      but Describe*/Get*/List*).
    #>
    $endpoint = Get-TestEndpoint
    Invoke-RestMethod -Method Post -Uri "$endpoint/moto-api/recorder/stop-recording" | Out-Null
    $raw = (Invoke-WebRequest -Uri "$endpoint/moto-api/recorder/download-recording").Content
    if ($raw -is [byte[]]) { $raw = [System.Text.Encoding]::UTF8.GetString($raw) }
    foreach ($line in ($raw -split "`n")) {
        if (-not $line.Trim()) { continue }
        $entry = $line | ConvertFrom-Json
        $header = { param($Name) $property = $entry.headers.PSObject.Properties[$Name]; if ($property) { [string]$property.Value } else { '' } }
        $target = & $header 'X-Amz-Target'
        $action = if ($target) { ($target -split '\.')[-1] } else {
            $body = [string]$entry.body
            if ($entry.body_encoded) { $body = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body)) }
            if ($body -match '(^|&)Action=([^&]+)') { [uri]::UnescapeDataString($Matches[2]) } else { '' }
        }
        if (-not $action) { continue }
        $auth = & $header 'Authorization'
        [pscustomobject]@{
            Service = if ($auth -match 'Credential=[^/]+/[^/]+/[^/]+/([^/]+)/') { $Matches[1] } else { '' }
            Action  = $action
            IsWrite = $action -notmatch '^(Describe|Get|List)'
        }
    }
}

function Measure-Item {
    <# How many items a list from the SDK holds: AWSSDK v4 leaves an empty list null, and @($null).Count is 1. #>
    param($Items)
    @($Items | Where-Object { $null -ne $_ }).Count
}

function Get-HaNatFootprint {
    <#
      What exists of the HaNat VPC named $Name, counted by type: every EC2 resource tagged hanat:vpc-name=$Name, the
      launch template, Auto Scaling group, IAM role and instance profile and SSM parameter by the names HaNat gives
      them, the instances not terminated, and the CloudWatch alarms named hanat-$Name-. A removed or rolled-back VPC counts 0 everywhere.
    #>
    param([Parameter(Mandatory)][string] $Name)
    $tagged = New-Ec2Filter @{ 'tag:hanat:vpc-name' = $Name }
    $live = New-Ec2Filter @{ 'tag:hanat:vpc-name' = $Name; 'instance-state-name' = @('pending', 'running', 'stopping', 'stopped') }
    $iamName = "$Name-nat-$script:Region"
    $exists = { param($Service, $Action, $Parameters) if ((Invoke-MotoQuery $Service $Action $Parameters).StatusCode -eq 200) { 1 } else { 0 } }
    [ordered]@{
        Vpc              = (Measure-Item (Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ Filters = $tagged })).Vpcs)
        Subnet           = (Measure-Item (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ Filters = $tagged })).Subnets)
        RouteTable       = (Measure-Item (Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = $tagged })).RouteTables)
        SecurityGroup    = (Measure-Item (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ Filters = $tagged })).SecurityGroups)
        InternetGateway  = (Measure-Item (Invoke-Ec2 DescribeInternetGateways ([Amazon.EC2.Model.DescribeInternetGatewaysRequest]@{ Filters = $tagged })).InternetGateways)
        ElasticIp        = (Measure-Item (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ Filters = $tagged })).Addresses)
        LaunchTemplate   = (Measure-Item (Invoke-Ec2 DescribeLaunchTemplates ([Amazon.EC2.Model.DescribeLaunchTemplatesRequest]@{ Filters = (New-Ec2Filter @{ 'launch-template-name' = "$Name-nat-lt" }) })).LaunchTemplates)
        AutoScalingGroup = @((Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = "$Name-nat-asg" }).Xml.GetElementsByTagName('AutoScalingGroupARN')).Count
        Role             = & $exists iam GetRole @{ RoleName = $iamName }
        InstanceProfile  = & $exists iam GetInstanceProfile @{ InstanceProfileName = $iamName }
        Parameter        = (Measure-Item (Invoke-Ssm GetParameters ([Amazon.SimpleSystemsManagement.Model.GetParametersRequest]@{ Names = [System.Collections.Generic.List[string]]@("/hanat/$Name/heartbeat-key") })).Parameters)
        Instance         = (Measure-Item ((Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $live })).Reservations | Where-Object { $_ } | ForEach-Object { $_.Instances }))
        Alarm            = @((Invoke-MotoQuery monitoring DescribeAlarms @{ AlarmNamePrefix = "hanat-$Name-" }).Xml.GetElementsByTagName('AlarmName')).Count
    }
}

function Start-FaultProxy {
    <#
      tests/tools/fault_proxy.py in front of moto, failing -Fail actions (with -After: after moto carried them out);
      returns Url and Process.
    #>
    param([Parameter(Mandatory)][string[]] $Fail, [string] $Code = 'ValidationError', [int] $Status = 400, [switch] $After)
    $script = Join-Path $PSScriptRoot '..' 'tools' 'fault_proxy.py'
    $start = [System.Diagnostics.ProcessStartInfo]::new('python3')
    foreach ($argument in @($script, '--upstream', (Get-TestEndpoint), '--code', $Code, '--status', $Status)) { $start.ArgumentList.Add([string]$argument) }
    foreach ($action in $Fail) { $start.ArgumentList.Add('--fail'); $start.ArgumentList.Add($action) }
    if ($After) { $start.ArgumentList.Add('--after') }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    # Drain stderr (one line per request) so that a full pipe never stalls the proxy.
    $process.BeginErrorReadLine()
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait(10000) -or -not $read.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "fault_proxy.py did not start (exit code $(if ($process.HasExited) { $process.ExitCode } else { 'none' }))."
    }
    [pscustomobject]@{ Url = $read.Result.Trim(); Process = $process }
}

function Stop-FaultProxy {
    param([Parameter(Mandatory)] $Proxy)
    if (-not $Proxy.Process.HasExited) {
        $Proxy.Process.Kill()
        $Proxy.Process.WaitForExit(5000) | Out-Null
    }
    $Proxy.Process.Dispose()
}

function Get-HaNatInternalType {
    <#
    One of HaNat's internal types, by its full name. The module's public API is its cmdlets and the objects they take
    and write; a test that reaches inside (to build input for a view, or to forge a heartbeat) goes through this,
    since PowerShell resolves no type literal for an internal type. Static members work on the result:
    (Get-HaNatInternalType HaNat.Policies.IamPolicies)::Operator.
    #>
    param([Parameter(Mandatory)][string] $Name)
    [HaNat.Commands.HaNatCmdlet].Assembly.GetType($Name, $true)
}

function New-HaNatInternalObject {
    <# An instance of one of HaNat's internal types, by its public constructor (::new finds none on such a type). #>
    param([Parameter(Mandatory)][string] $Name, [object[]] $ArgumentList = @())
    $type = Get-HaNatInternalType $Name
    # The constructor with as many parameters, each argument converted as PowerShell would convert it for ::new.
    $constructor = @($type.GetConstructors() | Where-Object { $_.GetParameters().Count -eq $ArgumentList.Count })
    if ($constructor.Count -ne 1) { throw "$Name has $($constructor.Count) public constructors of $($ArgumentList.Count) parameters" }
    $parameters = $constructor[0].GetParameters()
    $converted = [object[]]::new($parameters.Count)
    for ($i = 0; $i -lt $parameters.Count; $i++) {
        $converted[$i] = [System.Management.Automation.LanguagePrimitives]::ConvertTo($ArgumentList[$i], $parameters[$i].ParameterType)
    }
    $constructor[0].Invoke($converted)
}

# --- Existing VPCs (Add-HaNatVpc): the Terraform-shaped fixture, and a describe of everything HaNat may touch -------

function New-TestTerraformVpc {
    <#
      A VPC as Terraform's common VPC module and its usual neighbours leave one, with no hanat:* tag: built by
      tests/tools/vpc_fixture.py terraform (see its help for the shape). Returns its JSON as objects: vpcId,
      mainRouteTableId, publicRouteTableId, databaseRouteTableId, privateRouteTableIds, mainTableSubnet,
      secondarySubnet, peering, securityGroups, zones.ZONE (publicSubnetId, natGatewayId, allocationId, publicIp,
      privateRouteTables.app/.worker (routeTableId, subnetIds), databaseSubnetId, instanceId), and crossZone,
      transit, vpn, blackhole, natInstance (null unless asked for). moto never shows a route as a blackhole: the
      -BlackholeTable route to its deleted NAT gateway stays 'active' there.
    #>
    param(
        [string] $Name = 'tf',
        [string[]] $Zone = @('us-east-1a', 'us-east-1b', 'us-east-1c'),
        [string] $PrivateTag = 'network=private',
        [switch] $CrossZoneTable,
        [switch] $TransitTable,
        [switch] $VpnTable,
        [switch] $BlackholeTable,
        [switch] $NatInstanceTable
    )
    $arguments = @((Join-Path $PSScriptRoot '../tools/vpc_fixture.py'), 'terraform', '--endpoint', (Get-TestEndpoint), '--region', $script:Region,
        '--name', $Name, '--private-tag', $PrivateTag)
    foreach ($az in $Zone) { $arguments += @('--zone', $az) }
    if ($CrossZoneTable) { $arguments += '--cross-zone-table' }
    if ($TransitTable) { $arguments += '--transit-table' }
    if ($VpnTable) { $arguments += '--vpn-table' }
    if ($BlackholeTable) { $arguments += '--blackhole-table' }
    if ($NatInstanceTable) { $arguments += '--nat-instance-table' }
    $json = & python3 @arguments
    if ($LASTEXITCODE -ne 0) { throw "tests/tools/vpc_fixture.py terraform failed (exit $LASTEXITCODE)" }
    $json | ConvertFrom-Json
}

function ConvertTo-StateTags {
    <# EC2 tags as an ordered map, sorted by key; keys that differ only in case are two tags, as in EC2. #>
    param($Tags)
    $map = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
    foreach ($tag in @($Tags | Where-Object { $null -ne $_ } | Sort-Object Key -CaseSensitive)) { $map[$tag.Key] = [string]$tag.Value }
    $map
}

function ConvertTo-StateMap {
    <# Items as an ordered map from each one's key (a scriptblock) to its record (a scriptblock), sorted by key. #>
    param($Items, [Parameter(Mandatory)][scriptblock] $Key, [Parameter(Mandatory)][scriptblock] $Record)
    $keyed = @(foreach ($item in @($Items | Where-Object { $null -ne $_ })) { [pscustomobject]@{ Key = [string](& $Key $item); Item = $item } })
    $map = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
    foreach ($entry in ($keyed | Sort-Object Key -CaseSensitive)) {
        if ($map.Contains($entry.Key)) { throw "Get-VpcState: two items keyed '$($entry.Key)'" }
        $map[$entry.Key] = & $Record $entry.Item
    }
    $map
}

function Get-StateRouteTarget {
    <# A route's target, as 'Field=id' for every target field set (an instance route names the instance and its ENI). #>
    param($Route)
    $fields = 'GatewayId', 'NatGatewayId', 'InstanceId', 'NetworkInterfaceId', 'VpcPeeringConnectionId', 'TransitGatewayId',
        'LocalGatewayId', 'CarrierGatewayId', 'EgressOnlyInternetGatewayId', 'CoreNetworkArn'
    (@(foreach ($field in $fields) { if ($Route.$field) { "$field=$($Route.$field)" } }) -join ' ')
}

function Get-StateRules {
    <# A security group's rules, one sorted string per source: 'tcp 443-443 from 10.0.0.0/16 (description)'. #>
    param($Permissions)
    $rules = foreach ($permission in @($Permissions | Where-Object { $null -ne $_ })) {
        $protocol = if ($permission.IpProtocol -eq '-1') { 'all' } else { $permission.IpProtocol }
        $ports = if ($null -ne $permission.FromPort -and $permission.FromPort -ne -1) { " $($permission.FromPort)-$($permission.ToPort)" } else { '' }
        $sources = @(
            foreach ($range in @($permission.Ipv4Ranges)) { if ($range) { @{ Id = $range.CidrIp; Description = $range.Description } } }
            foreach ($range in @($permission.Ipv6Ranges)) { if ($range) { @{ Id = $range.CidrIpv6; Description = $range.Description } } }
            foreach ($list in @($permission.PrefixListIds)) { if ($list) { @{ Id = $list.Id; Description = $list.Description } } }
            foreach ($pair in @($permission.UserIdGroupPairs)) { if ($pair) { @{ Id = $pair.GroupId; Description = $pair.Description } } }
        )
        foreach ($source in $sources) {
            "$protocol$ports $($source.Id)$(if ($source.Description) { " ($($source.Description))" })"
        }
    }
    , @($rules | Sort-Object -CaseSensitive)
}

function Get-VpcState {
    <#
      Everything of a VPC that a change to it could touch, read through the suites' moto, normalised and sorted so
      that two reads of an unchanged VPC convert to equal JSON (ConvertTo-Json -Depth 10): the VPC (CIDRs, DNS, tags);
      every route table (main or not, associations with their ids, every route with its target, state and origin,
      tags); every subnet (CIDR, zone, map-public-ip, tags); every Elastic IP of the account (public IP, association,
      tags); every NAT gateway of the VPC (state, subnet, addresses, tags); every security group (name, rules, tags);
      every instance (state, subnet, groups, tags). Collections are maps keyed by id (routes by destination, tags by
      key). Terminated instances and deleted NAT gateways are left out: AWS shows them for an hour or so after, moto
      forever, and a removal that cleans up after itself leaves just those behind; one that was there before and is
      gone now still shows, as removed. Compare two with Compare-VpcState.
    #>
    param([Parameter(Mandatory)][string] $VpcId)
    $inVpc = New-Ec2Filter @{ 'vpc-id' = $VpcId }
    $vpc = (Invoke-Ec2 DescribeVpcs ([Amazon.EC2.Model.DescribeVpcsRequest]@{ VpcIds = [System.Collections.Generic.List[string]]@($VpcId) })).Vpcs[0]
    $dns = foreach ($attribute in 'enableDnsSupport', 'enableDnsHostnames') {
        Invoke-Ec2 DescribeVpcAttribute ([Amazon.EC2.Model.DescribeVpcAttributeRequest]@{ VpcId = $VpcId; Attribute = $attribute })
    }
    $tables = (Invoke-Ec2 DescribeRouteTables ([Amazon.EC2.Model.DescribeRouteTablesRequest]@{ Filters = $inVpc })).RouteTables
    $subnets = (Invoke-Ec2 DescribeSubnets ([Amazon.EC2.Model.DescribeSubnetsRequest]@{ Filters = $inVpc })).Subnets
    $addresses = (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]::new())).Addresses
    $natGateways = (Invoke-Ec2 DescribeNatGateways ([Amazon.EC2.Model.DescribeNatGatewaysRequest]@{ Filter = $inVpc })).NatGateways |
        Where-Object { $_ -and "$($_.State)" -ne 'deleted' }
    $groups = (Invoke-Ec2 DescribeSecurityGroups ([Amazon.EC2.Model.DescribeSecurityGroupsRequest]@{ Filters = $inVpc })).SecurityGroups
    $instances = (Invoke-Ec2 DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $inVpc })).Reservations |
        Where-Object { $_ } | ForEach-Object { $_.Instances } | Where-Object { $_ -and "$($_.State.Name)" -ne 'terminated' }

    [ordered]@{
        VpcId          = $VpcId
        Vpc            = [ordered]@{
            CidrBlocks         = ConvertTo-StateMap $vpc.CidrBlockAssociationSet { $args[0].CidrBlock } { "$($args[0].CidrBlockState.State)" }
            EnableDnsSupport   = [bool]$dns[0].EnableDnsSupport
            EnableDnsHostnames = [bool]$dns[1].EnableDnsHostnames
            Tags               = ConvertTo-StateTags $vpc.Tags
        }
        RouteTables    = ConvertTo-StateMap $tables { $args[0].RouteTableId } {
            $table = $args[0]
            [ordered]@{
                Main         = [bool]@($table.Associations | Where-Object { $_ -and $_.Main }).Count
                Associations = ConvertTo-StateMap $table.Associations { $a = $args[0]; if ($a.Main) { 'main' } elseif ($a.SubnetId) { $a.SubnetId } else { $a.GatewayId } } {
                    [ordered]@{ AssociationId = $args[0].RouteTableAssociationId; State = "$($args[0].AssociationState.State)" }
                }
                Routes       = ConvertTo-StateMap $table.Routes { $r = $args[0]; if ($r.DestinationCidrBlock) { $r.DestinationCidrBlock } elseif ($r.DestinationIpv6CidrBlock) { $r.DestinationIpv6CidrBlock } else { $r.DestinationPrefixListId } } {
                    [ordered]@{ Target = Get-StateRouteTarget $args[0]; State = "$($args[0].State)"; Origin = "$($args[0].Origin)" }
                }
                Tags         = ConvertTo-StateTags $table.Tags
            }
        }
        Subnets        = ConvertTo-StateMap $subnets { $args[0].SubnetId } {
            [ordered]@{
                CidrBlock           = $args[0].CidrBlock
                AvailabilityZone    = $args[0].AvailabilityZone
                MapPublicIpOnLaunch = [bool]$args[0].MapPublicIpOnLaunch
                Tags                = ConvertTo-StateTags $args[0].Tags
            }
        }
        ElasticIps     = ConvertTo-StateMap $addresses { $args[0].AllocationId } {
            $address = $args[0]
            # moto answers '' where AWS leaves a field out (an address on no instance has no InstanceId): both are none.
            $set = { param($Value) if ($Value) { $Value } }
            [ordered]@{
                PublicIp           = $address.PublicIp
                AssociationId      = & $set $address.AssociationId
                InstanceId         = & $set $address.InstanceId
                NetworkInterfaceId = & $set $address.NetworkInterfaceId
                PrivateIpAddress   = & $set $address.PrivateIpAddress
                Tags               = ConvertTo-StateTags $address.Tags
            }
        }
        NatGateways    = ConvertTo-StateMap $natGateways { $args[0].NatGatewayId } {
            [ordered]@{
                State     = "$($args[0].State)"
                SubnetId  = $args[0].SubnetId
                Addresses = ConvertTo-StateMap $args[0].NatGatewayAddresses { $args[0].AllocationId } {
                    [ordered]@{ PublicIp = $args[0].PublicIp; PrivateIp = $args[0].PrivateIp; NetworkInterfaceId = $args[0].NetworkInterfaceId }
                }
                Tags      = ConvertTo-StateTags $args[0].Tags
            }
        }
        SecurityGroups = ConvertTo-StateMap $groups { $args[0].GroupId } {
            [ordered]@{
                GroupName   = $args[0].GroupName
                Description = $args[0].Description
                Ingress     = Get-StateRules $args[0].IpPermissions
                Egress      = Get-StateRules $args[0].IpPermissionsEgress
                Tags        = ConvertTo-StateTags $args[0].Tags
            }
        }
        Instances      = ConvertTo-StateMap $instances { $args[0].InstanceId } {
            [ordered]@{
                State          = "$($args[0].State.Name)"
                SubnetId       = $args[0].SubnetId
                SecurityGroups = @($args[0].SecurityGroups | Where-Object { $_ } | ForEach-Object GroupId | Sort-Object -CaseSensitive)
                Tags           = ConvertTo-StateTags $args[0].Tags
            }
        }
    }
}

function ConvertTo-StatePaths {
    <#
      A state (Get-VpcState's, or its JSON) flattened to path -> entry: RouteTables[rtb-1].Routes[0.0.0.0/0].Target.
      Every map and list gets an entry too (Container, Text its compact JSON), so that an item that came or went is
      one difference rather than one per field; a list of plain values (rules, group ids) gets a path per member,
      its Text 'present'.
    #>
    param($Node, [string] $Path, [System.Collections.IDictionary] $Into)
    $segment = { param($Key) if ($Key -match '^[A-Za-z][A-Za-z0-9]*$') { ".$Key" } else { "[$Key]" } }
    if ($null -eq $Node) { return }
    $isMap = $Node -is [System.Collections.IDictionary] -or $Node -is [System.Management.Automation.PSCustomObject]
    $isList = -not $isMap -and $Node -is [System.Collections.IEnumerable] -and $Node -isnot [string]
    if (($isMap -or $isList) -and $Path) {
        $Into[$Path] = [pscustomobject]@{ Container = $true; Text = (ConvertTo-Json -InputObject $Node -Depth 10 -Compress) }
    }
    if ($Node -is [System.Collections.IDictionary]) {
        foreach ($key in $Node.Keys) { ConvertTo-StatePaths $Node[$key] ($Path + (& $segment $key)) $Into }
    }
    elseif ($isMap) {
        foreach ($property in $Node.PSObject.Properties) { ConvertTo-StatePaths $property.Value ($Path + (& $segment $property.Name)) $Into }
    }
    elseif ($isList) {
        foreach ($member in $Node) { $Into["$Path[$member]"] = [pscustomobject]@{ Container = $false; Text = 'present' } }
    }
    else { $Into[$Path] = [pscustomobject]@{ Container = $false; Text = [string]$Node } }
}

function Compare-VpcState {
    <#
      The differences between two Get-VpcState results (or their JSON), one line each, sorted by path; an item that
      came or went is one line with its JSON:
        RouteTables[rtb-1].Routes[0.0.0.0/0].Target: NatGatewayId=nat-1 -> InstanceId=i-2
        Subnets[subnet-1].Tags[hanat:zone]: (absent) -> us-east-1a
        ElasticIps[eipalloc-1]: (absent) -> {"PublicIp":"1.2.3.4",...}
      Nothing when they are equal.
    #>
    param([Parameter(Mandatory, Position = 0)] $Before, [Parameter(Mandatory, Position = 1)] $After)
    $read = { param($State) if ($State -is [string]) { $State | ConvertFrom-Json -AsHashtable } else { $State } }
    $old = [hashtable]::new([StringComparer]::Ordinal)
    $new = [hashtable]::new([StringComparer]::Ordinal)
    ConvertTo-StatePaths (& $read $Before) '' $old
    ConvertTo-StatePaths (& $read $After) '' $new
    $paths = [System.Collections.Generic.SortedSet[string]]::new([StringComparer]::Ordinal)
    foreach ($path in @($old.Keys) + @($new.Keys)) { $paths.Add($path) | Out-Null }
    $gone = $null   # an item reported whole: its fields are not reported again
    foreach ($path in $paths) {
        if ($gone -and $path.Length -gt $gone.Length -and $path.StartsWith($gone, [StringComparison]::Ordinal) -and $path[$gone.Length] -in '.', '[') { continue }
        $was = $old[$path]
        $is = $new[$path]
        if ($was -and $is) {
            if ($was.Container -and $is.Container) { continue }
            if ($was.Text -ceq $is.Text) { continue }
        }
        elseif (($was ?? $is).Container) { $gone = $path }
        "$($path.TrimStart('.')): $(if ($was) { $was.Text } else { '(absent)' }) -> $(if ($is) { $is.Text } else { '(absent)' })"
    }
}

function Get-CommandError {
    <# The error a command ends with (its ErrorRecord), or $null when it ends well; what it writes is dropped. #>
    param([Parameter(Mandatory)][scriptblock] $Command)
    try { & $Command | Out-Null; $null } catch { $_ }
}

function Get-WhatIfLines {
    <#
      The "What if:" lines a command prints. -WhatIf writes to the host, not to a stream; a transcript records what
      the host shows.
    #>
    param([Parameter(Mandatory)][scriptblock] $Command)
    $transcript = Join-Path ([IO.Path]::GetTempPath()) "hanat-whatif-$([guid]::NewGuid().ToString('N')).txt"
    Start-Transcript -LiteralPath $transcript | Out-Null
    try { & $Command | Out-Null }
    finally { Stop-Transcript | Out-Null }
    $lines = @(Get-Content -LiteralPath $transcript | Where-Object { $_ -match '^What if:' })
    Remove-Item -LiteralPath $transcript
    $lines
}

# --- Update-HaNatVpc in moto: a NAT per zone, and the new NATs' boot takeover ------------------------------------

function Set-TestRoute([string] $TableId, [string] $InstanceId) {
    $replace = [Amazon.EC2.Model.ReplaceRouteRequest]@{ RouteTableId = $TableId; DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $InstanceId }
    try { Invoke-Ec2 ReplaceRoute $replace | Out-Null }
    catch { Set-TestDefaultRoute $TableId -InstanceId $InstanceId }
}

function Get-RouteInstance([string] $TableId) { (Get-TestDefaultRoute $TableId).InstanceId }

function Set-TestNatPerZone([string] $Name) {
    <#
      One NAT per zone of the HaNat VPC $Name, each serving its zone's tables. Fills two gaps of moto: its group
      puts every NAT in its first subnet (so each zone's NAT is launched here from the launch template into the zone's
      subnet and attached to the group, as AWS's zone balancing would place it), and no image boots (so each zone's
      tables are pointed at its NAT as its boot takeover would). Returns zone -> instance id.
    #>
    $aws = Get-TestAwsParameters
    $vpc = Get-HaNatVpc -Name $Name @aws
    $group = (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = "$Name-nat-asg" }).Xml
    $members = @($group.GetElementsByTagName('Instances') | ForEach-Object { $_.GetElementsByTagName('InstanceId') } | ForEach-Object InnerText)
    foreach ($member in $members) {
        Invoke-MotoQuery autoscaling DetachInstances @{ AutoScalingGroupName = "$Name-nat-asg"; 'InstanceIds.member.1' = $member; ShouldDecrementDesiredCapacity = 'true' } | Out-Null
        Stop-TestInstance $member -Terminate
    }
    $nats = [ordered]@{}
    foreach ($zone in $vpc.Zones) {
        $spec = [Amazon.EC2.Model.LaunchTemplateSpecification]@{ LaunchTemplateId = $vpc.LaunchTemplateId }
        $request = [Amazon.EC2.Model.RunInstancesRequest]@{ LaunchTemplate = $spec; MinCount = 1; MaxCount = 1; SubnetId = $zone.PublicSubnetId }
        $id = (Invoke-Ec2 RunInstances $request).Reservation.Instances[0].InstanceId
        Invoke-MotoQuery autoscaling AttachInstances @{ AutoScalingGroupName = "$Name-nat-asg"; 'InstanceIds.member.1' = $id } | Out-Null
        foreach ($table in $zone.ServedRouteTableIds) { Set-TestRoute $table $id }
        $nats[$zone.AvailabilityZone] = $id
    }
    $nats
}

function Start-TestBootTakeover([string] $Name, [string[]] $Known) {
    <#
      What each new NAT's boot takeover does once its data-plane check passes, which moto cannot run (no image boots):
      a NAT that appears in a zone's subnet of the HaNat VPC $Name takes that zone's tables (ReplaceRoute). A
      background job, stopped by Stop-TestBootTakeover; its calls use an access key of their own, so that the IAM
      check (tests/iam/Record.Tests.ps1) can leave what the NATs do out of an operator's calls.
    #>
    $aws = Get-TestAwsParameters
    $vpc = Get-HaNatVpc -Name $Name @aws
    $zones = @($vpc.Zones | ForEach-Object { @{ Subnet = $_.PublicSubnetId; Tables = @($_.ServedRouteTableIds) } })
    $stop = Join-Path ([IO.Path]::GetTempPath()) "hanat-update-$([guid]::NewGuid().ToString('N'))"
    $job = Start-ThreadJob -ArgumentList $Name, $Known, $zones, $stop, "$PSScriptRoot/TestHelpers.psm1" -ScriptBlock {
        param($Name, $Known, $Zones, $Stop, $Helpers)
        Import-Module $Helpers -Force
        $seen = [System.Collections.Generic.HashSet[string]]::new([string[]]$Known)
        # By subnet, not by HaNat's tags: moto ignores CreateLaunchTemplateVersion's SourceVersion, so a new version
        # there holds only the settings that changed, not the tags the default version puts on its NATs.
        $filter = New-Ec2Filter @{ 'subnet-id' = @($Zones | ForEach-Object { $_.Subnet }); 'instance-state-name' = 'running' }
        $config = [Amazon.EC2.AmazonEC2Config]::new()
        $config.ServiceURL = Get-TestEndpoint
        $config.AuthenticationRegion = 'us-east-1'
        $client = [Amazon.EC2.AmazonEC2Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('hanat-test-boot-takeover', 'testing'), $config)
        $call = { param($Operation, $Request) $client."${Operation}Async"($Request, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult() }
        while (-not (Test-Path -LiteralPath $Stop)) {
            $instances = (& $call DescribeInstances ([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $filter })).Reservations |
                Where-Object { $_ } | ForEach-Object { $_.Instances }
            foreach ($instance in $instances) {
                if (-not $seen.Add($instance.InstanceId)) { continue }
                $zone = $Zones | Where-Object { $_.Subnet -eq $instance.SubnetId } | Select-Object -First 1
                if (-not $zone) { continue }
                Start-Sleep -Milliseconds 300
                foreach ($table in $zone.Tables) {
                    & $call ReplaceRoute ([Amazon.EC2.Model.ReplaceRouteRequest]@{ RouteTableId = $table; DestinationCidrBlock = '0.0.0.0/0'; InstanceId = $instance.InstanceId }) | Out-Null
                }
                "took $($instance.SubnetId) for $($instance.InstanceId)"
            }
            Start-Sleep -Milliseconds 200
        }
        $client.Dispose()
    }
    [pscustomobject]@{ Job = $job; Stop = $stop }
}

function Stop-TestBootTakeover($Takeover) {
    Set-Content -LiteralPath $Takeover.Stop -Value stop
    $null = Wait-Job $Takeover.Job -Timeout 30
    $out = Receive-Job $Takeover.Job
    Remove-Job $Takeover.Job -Force
    Remove-Item -LiteralPath $Takeover.Stop
    $out
}

function Set-TestOlderDeployment([string] $Name) {
    <#
      Makes the HaNat VPC $Name as a HaNat from before the metrics left it, which moto cannot make otherwise: no
      CloudWatch alarms, the NATs' role's policy without cloudwatch:PutMetricData, and the role without the tags
      hanat:nat-policy and hanat:alarms.
    #>
    $role = "$Name-nat-$script:Region"
    $alarms = @((Invoke-MotoQuery monitoring DescribeAlarms @{ AlarmNamePrefix = "hanat-$Name-" }).Xml.GetElementsByTagName('AlarmName') | ForEach-Object InnerText)
    if ($alarms.Count) {
        $request = @{}
        for ($i = 0; $i -lt $alarms.Count; $i++) { $request["AlarmNames.member.$($i + 1)"] = $alarms[$i] }
        Invoke-MotoQuery monitoring DeleteAlarms $request | Out-Null
    }
    $document = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = $role; PolicyName = 'hanat-nat-instance' }).Xml.GetElementsByTagName('PolicyDocument')
    if ($document.Count -eq 0) { throw "no policy hanat-nat-instance on $role" }
    $policy = [uri]::UnescapeDataString($document[0].InnerText) | ConvertFrom-Json
    $policy.Statement = @($policy.Statement | Where-Object { @($_.Action) -notcontains 'cloudwatch:PutMetricData' })
    Invoke-MotoQuery iam PutRolePolicy @{ RoleName = $role; PolicyName = 'hanat-nat-instance'; PolicyDocument = ($policy | ConvertTo-Json -Depth 20 -Compress) } | Out-Null
    Invoke-MotoQuery iam UntagRole @{ RoleName = $role; 'TagKeys.member.1' = 'hanat:nat-policy'; 'TagKeys.member.2' = 'hanat:alarms' } | Out-Null
}

Export-ModuleMember -Function *
