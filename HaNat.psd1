@{
    RootModule           = 'HaNat.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c8a4e-2b7d-4a53-9d4e-3c1f5a7b9e21'
    Author               = 'The HaNat authors'
    CompanyName          = 'HaNat'
    Copyright            = '(c) 2026 The HaNat authors. MIT License.'
    Description          = 'Highly available NAT instances for AWS VPCs: builds the VPC, turns instances into NATs at boot, audits private routing, and fails a dead NAT over in seconds.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('HaNat.Format.ps1xml')
    CmdletsToExport      = @(
        'Invoke-HaNatTakeover'
        'Test-HaNatRouting'
        'Get-HaNatIamPolicy'
        'Export-HaNatTemplate'
        'New-HaNatVpc'
        'Add-HaNatVpc'
        'Get-HaNatVpc'
        'Remove-HaNatVpc'
        'Update-HaNatVpc'
        'Get-HaNatImage'
        'Connect-HaNatVpc'
        'Disconnect-HaNatVpc'
        'Start-HaNatMonitor'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'NAT', 'VPC', 'EC2', 'HighAvailability', 'Networking', 'Linux')
            LicenseUri = 'https://opensource.org/licenses/MIT'
            ProjectUri = 'https://github.com/hanat/hanat'
            ReleaseNotes = 'See the README: the boot takeover, the routing audit, the VPC lifecycle and the failover monitor.'
        }
    }
}
