<#
.SYNOPSIS
    Peers two HaNat VPCs of one region and routes each to the other, building either of them first if it does
    not exist yet.

.DESCRIPTION
    Connect-HaNatVpc finds or makes the peering connection (tagged as HaNat's, named <a>-to-<b>), accepts it, and
    in every HaNat route table of each VPC (public and private) routes the other VPC's ranges to it. The ranges
    must not overlap. Running it again writes nothing.

    Peering carries traffic only where security groups let it: allow the peer's range on your workloads' groups.
    Between regions, see `Connect-HaNatVpc -PeerRegion`. To undo: `Disconnect-HaNatVpc -VpcId <a> -PeerVpcId <b>`.

    Credentials and region come as for AWS.Tools (-ProfileName, -Region, or AWS_PROFILE, AWS_REGION). The identity
    needs the policy of `Get-HaNatIamPolicy -For Operator`. Exits 1 when a route to the peer already goes somewhere
    else and was left alone (Action Conflict); Connect-HaNatVpc -Force replaces such routes.

.PARAMETER CidrBlock
    Builds the VPC -Name with New-HaNatVpc and this range when there is no HaNat VPC of that name yet.

.PARAMETER PeerCidrBlock
    The same for -PeerName.

.PARAMETER EndpointUrl
    Sends every AWS call to this URL: an emulator such as moto, for trying the example out.

.EXAMPLE
    ./peer-vpcs.ps1 -Name prod -PeerName shared -Region eu-west-1 -WhatIf

.EXAMPLE
    ./peer-vpcs.ps1 -Name app -CidrBlock 10.20 -PeerName data -PeerCidrBlock 10.30
    Builds both VPCs (if missing), then peers them.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Name,
    [Parameter(Mandatory)] [string] $PeerName,
    [string] $CidrBlock,
    [string] $PeerCidrBlock,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module HaNat

$aws = @{}
foreach ($key in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($key)) { $aws[$key] = $PSBoundParameters[$key] }
}

# Tables as wide as HaNat's views (120 columns), in a terminal and in a CI log alike.
function Show-Table { $input | Format-Table | Out-String -Width 120 | Out-Host }

# The HaNat VPC of that name; built with New-HaNatVpc when there is none and a range was given.
function Get-OrNewHaNatVpc([string] $VpcName, [string] $Cidr) {
    $vpc = Get-HaNatVpc -Name $VpcName @aws -ErrorAction SilentlyContinue -ErrorVariable lookup
    if ($vpc) { return $vpc }
    if ($lookup -and $lookup[0].FullyQualifiedErrorId -notlike 'HaNatVpcNotFound,*') { throw $lookup[0] }
    if (-not $Cidr) { throw "There is no HaNat VPC named '$VpcName'. Give its CIDR block to build it, or build it with New-HaNatVpc." }
    Write-Host "Building HaNat VPC $VpcName ($Cidr)"
    New-HaNatVpc -Name $VpcName -CidrBlock $Cidr @aws -WhatIf:$WhatIfPreference
}

$vpc = Get-OrNewHaNatVpc $Name $CidrBlock
$peer = Get-OrNewHaNatVpc $PeerName $PeerCidrBlock
if (-not $vpc -or -not $peer) {
    # Only under -WhatIf: a VPC that would be built does not exist yet, so there is nothing to peer.
    Write-Host 'Connect-HaNatVpc follows once both VPCs exist.'
    return
}

Write-Host "Connect-HaNatVpc $($vpc.Name) ($($vpc.VpcId), $($vpc.CidrBlock)) <-> $($peer.Name) ($($peer.VpcId), $($peer.CidrBlock))"
$routes = @(Connect-HaNatVpc -VpcId $vpc.VpcId -PeerVpcId $peer.VpcId @aws -WhatIf:$WhatIfPreference)
$routes | Show-Table    # one row per route: Created, Unchanged, Replaced, or Conflict (left alone)

$conflicts = @($routes | Where-Object Action -EQ 'Conflict')
if ($conflicts) {
    Write-Warning "$($conflicts.Count) route(s) to the peer go elsewhere and were left alone: $(($conflicts | ForEach-Object { "$($_.RouteTableId) $($_.DestinationCidr) -> $($_.ConflictingTarget)" }) -join '; ')"
    exit 1
}
