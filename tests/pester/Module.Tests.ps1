# The module as a whole: what importing it loads.

BeforeAll {
    $manifest = (Resolve-Path "$PSScriptRoot/../../out/HaNat/HaNat.psd1").Path

    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Import-Module HaNat' {
    It 'does not load the EC2 SDK until the first EC2 call' {
        $loaded = Invoke-FreshPwsh @"
Import-Module '$manifest'
([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { `$_ -like 'AWSSDK*' }) -join ','
"@
        $LASTEXITCODE | Should -Be 0
        $loaded | Should -Match 'AWSSDK\.Core'
        $loaded | Should -Not -Match 'AWSSDK\.EC2'
    }
}
