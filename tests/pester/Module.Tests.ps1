# The module as a whole: what importing it loads.

BeforeAll {
    $manifest = (Resolve-Path "$PSScriptRoot/../../out/HaNat/HaNat.psd1").Path

    # Runs a script in a fresh pwsh, the same one as this: an apphost, or pwsh.dll under dotnet (the local tool).
    function Invoke-FreshPwsh([string] $Script) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "hanat-fresh-$([guid]::NewGuid()).ps1"
        Set-Content -Path $file -Value $Script
        try {
            $process = [Environment]::ProcessPath
            [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @([Environment]::GetCommandLineArgs()[0]) } else { @() }
            & $process @prefix -NoProfile -NonInteractive -File $file
        }
        finally { Remove-Item $file }
    }
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
