@{
    RootModule           = 'HaNat.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c8a4e-2b7d-4a53-9d4e-3c1f5a7b9e21'
    Author               = 'The HaNat authors'
    CompanyName          = 'HaNat'
    Copyright            = '(c) The HaNat authors. Apache License 2.0.'
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
        'Get-HaNatVpc'
        'Remove-HaNatVpc'
        'Get-HaNatImage'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'NAT', 'VPC', 'EC2', 'HighAvailability', 'Networking', 'Linux')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri = 'https://github.com/hanat/hanat'
        }
    }
}
