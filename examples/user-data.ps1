#!/usr/bin/pwsh
<#
.SYNOPSIS
    User data for a HaNat NAT instance: make this instance its zone's NAT, log what was done, and exit non-zero
    when it could not.

.DESCRIPTION
    Paste this file as the user data of a launch template whose instances run PowerShell 7 with HaNat installed
    (the HaNat image, from packer/, has both). cloud-init runs it once, as root, at the first boot.

    You need it only when you make the launch template yourself (Terraform, CloudFormation, the console):
    New-HaNatVpc writes user data of its own, and the HaNat image's hanat-takeover.service already runs the same
    takeover at every boot. Running it again costs nothing: a zone that is already served is not written to.

    With no -InstanceId, Invoke-HaNatTakeover reads who it is from the instance metadata service (IMDSv2, token
    first), and the region too. The AWS credentials are the instance profile's: the role needs the policy of
    `Get-HaNatIamPolicy -For NatInstance` (New-HaNatVpc attaches it for you), which lets the NAT change only what is
    tagged hanat:managed=true (the instance, the route tables, the Elastic IPs). It then
      1. sets this host up as a NAT (IPv4 forwarding, one MASQUERADE rule per VPC range on the primary interface),
      2. turns source/dest check off,
      3. associates the zone's Elastic IP (tagged hanat:vpc-id and hanat:zone),
      4. points the default route of each private subnet of the zone (tag network=private) at this instance.

    Where to look afterwards: /var/log/hanat-user-data.log, and cloud-init's /var/log/cloud-init-output.log.

.PARAMETER InstanceId
    Take the zone over for this instance instead of the one this runs on. Off the instance (IMDS does not answer
    with this id), only EC2 is changed: the host set-up is skipped. For trying this out from a workstation.

.PARAMETER LogPath
    The log file, appended to. Every line also goes to standard output.

.EXAMPLE
    ./user-data.ps1
    What cloud-init runs on the NAT instance.

.EXAMPLE
    ./user-data.ps1 -InstanceId i-0123456789abcdef0 -LogPath ./takeover.log
    From a workstation with AWS credentials (AWS_PROFILE, AWS_REGION): moves the zone's routes and Elastic IP to
    that instance.
#>
[CmdletBinding()]
param(
    [ValidatePattern('^i-[0-9a-f]+$')]
    [string] $InstanceId,
    [string] $LogPath = '/var/log/hanat-user-data.log'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Write-Log([string] $Message) {
    $line = '{0:yyyy-MM-ddTHH:mm:ssZ} {1}' -f [DateTime]::UtcNow, $Message
    Write-Output $line
    Add-Content -LiteralPath $LogPath -Value $line
}

try {
    Import-Module HaNat
    Write-Log "HaNat $((Get-Module HaNat).Version): taking over the zone of $(if ($InstanceId) { $InstanceId } else { 'this instance' })"

    $takeover = @{}
    if ($InstanceId) { $takeover.InstanceId = $InstanceId }

    # -Verbose names every AWS call; warnings (a route HaNat does not own, a zone without private subnets) and
    # the results all go to the log. -ErrorAction Stop turns a refusal into the catch below.
    Invoke-HaNatTakeover @takeover -Verbose -ErrorAction Stop 4>&1 3>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) { Write-Log "  $($_.Message)" }
        elseif ($_ -is [System.Management.Automation.WarningRecord]) { Write-Log "WARNING: $($_.Message)" }
        else { Write-Log "$($_.SubnetId) ($($_.AvailabilityZone)): $($_.Action), 0.0.0.0/0 -> $($_.Target) in $($_.RouteTableId)" }
    }
    Write-Log 'done'
    exit 0
}
catch {
    # The ErrorId says what went wrong (InstanceNotFound, NotOnInstance, InterfaceMismatch...; see the README).
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    Write-Log "FAILED ($errorId): $($_.Exception.Message)"
    exit 1
}
