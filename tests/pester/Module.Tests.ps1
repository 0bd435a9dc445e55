# The module as a whole: what importing it loads.

BeforeAll {
    $manifest = (Resolve-Path "$PSScriptRoot/../../out/HaNat/HaNat.psd1").Path

    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Import-Module HaNat' {
    It 'does not load the EC2 SDK until the first EC2 call' {
        $loaded = Invoke-FreshPwsh @"
Import-Module '$manifest'
"cmdlets=`$(@(Get-Command -Module HaNat).Count)"
([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { `$_ -like 'AWSSDK*' }) -join ','
"@
        $LASTEXITCODE | Should -Be 0
        # Every type but the cmdlets and what they take and write is internal, so the import need not load even
        # AWSSDK.Core (it did while helpers were public); what matters is that EC2's 5 MB wait for the first call.
        $loaded[0] | Should -Be "cmdlets=$((Import-PowerShellDataFile $manifest).CmdletsToExport.Count)"
        ($loaded | Select-Object -Skip 1) -join ',' | Should -Not -Match 'AWSSDK\.EC2'
    }
}
