<#
.SYNOPSIS
    Builds a HaNat VPC: subnets in each zone, one NAT instance per zone kept by an Auto Scaling group, then shows
    what was made and how its private subnets route.

.DESCRIPTION
    Uses the newest NAT image that HaNat's Packer template built in the region (Get-HaNatImage; build one with
    packer/ first). What New-HaNatVpc creates, and what it costs, is in the README ("Building and removing a VPC",
    "Costs"). Run it with -WhatIf first: it prints one line per write and writes nothing.

    Credentials and region come as for AWS.Tools: -ProfileName and -Region, or AWS_PROFILE and AWS_REGION, or the
    default profile. The identity needs the policy of `Get-HaNatIamPolicy -For Operator`.

    Right after the build, every private subnet shows NoRoute: each zone's NAT adds its zone's default route when it
    has booted, a few minutes later. Check again with `Get-HaNatVpc -Name <name> | Test-HaNatRouting`.
    To undo: `Remove-HaNatVpc -Name <name>`.

.PARAMETER CidrBlock
    '10.20' (the original tool's two octets, meaning 10.20.0.0/16) or a CIDR block from /16 to /24.

.PARAMETER EndpointUrl
    Sends every AWS call to this URL: an emulator such as moto, for trying the example out.

.EXAMPLE
    ./new-vpc.ps1 -Name prod -CidrBlock 10.20 -KeyName ops -SshCidr 203.0.113.0/24 -Region eu-west-1 -WhatIf

.EXAMPLE
    ./new-vpc.ps1 -Name prod -CidrBlock 10.20 -ZoneCount 2 -Architecture x86_64 -ProfileName network-admin
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Name,
    [Parameter(Mandatory)] [string] $CidrBlock,
    [ValidateRange(1, 6)] [int] $ZoneCount = 3,
    [ValidateSet('arm64', 'x86_64')] [string] $Architecture = 'arm64',
    [string] $KeyName,
    [string] $SshCidr,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module HaNat

# The AWS parameters given to this script, for every HaNat call below.
$aws = @{}
foreach ($key in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($key)) { $aws[$key] = $PSBoundParameters[$key] }
}

# Tables as wide as HaNat's views (120 columns), in a terminal and in a CI log alike.
function Show-Table { $input | Format-Table | Out-String -Width 120 | Out-Host }

# The NAT image: the newest of this account's HaNat images of that architecture (tag hanat:image=nat).
$image = Get-HaNatImage -Architecture $Architecture @aws
Write-Host "NAT image: $($image.ImageId) ($($image.Name), $($image.CreationDate))"

$new = @{ Name = $Name; CidrBlock = $CidrBlock; ZoneCount = $ZoneCount; ImageId = $image.ImageId }
if ($KeyName) { $new.KeyName = $KeyName }    # SSH stays closed unless -SshCidr is given as well
if ($SshCidr) { $new.SshCidr = $SshCidr }

# Everything is checked (name free, range, zones, image, key pair) before the first write; a failed step rolls
# back what this run made. -WhatIf prints the plan, one line per write.
$null = New-HaNatVpc @new @aws -WhatIf:$WhatIfPreference
if ($WhatIfPreference) { return }

Write-Host "`nGet-HaNatVpc -Name ${Name}:"
$vpc = Get-HaNatVpc -Name $Name @aws
$vpc | Show-Table
$vpc.Zones | Show-Table    # per zone: subnets, private route table, the Elastic IP its NAT uses

Write-Host 'Test-HaNatRouting (NoRoute until each zone''s NAT has booted):'
Test-HaNatRouting -VpcId $vpc.VpcId @aws | Show-Table
