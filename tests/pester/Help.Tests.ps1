# Get-Help as a user reads it: every exported cmdlet and parameter is described, with at least two examples,
# and the shipped MAML is the one docs/help/ generates.

BeforeDiscovery {
    $manifest = "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
    $exported = (Import-PowerShellDataFile $manifest).CmdletsToExport
}

BeforeAll {
    $manifest = "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
    Import-Module $manifest -Force
    $skip = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <_>' -ForEach $exported {
    BeforeAll {
        $help = Get-Help $_ -Full
        $command = Get-Command $_
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Be $_
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $described = @{}
        foreach ($parameter in $help.Parameters.Parameter) { $described[$parameter.Name] = ($parameter.Description.Text -join ' ') }
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $skip }) {
            $described[$name] | Should -Not -BeNullOrEmpty -Because "-$name of $_ needs help"
        }
    }

    It 'has at least two examples' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) { $example.Code | Should -Not -BeNullOrEmpty }
    }
}

Describe 'The shipped help' {
    It 'is what docs/help/ generates: run ./build.sh after changing a cmdlet or its help' {
        $fresh = Join-Path ([IO.Path]::GetTempPath()) "hanat-help-$([guid]::NewGuid()).xml"
        try {
            & "$PSScriptRoot/../../scripts/build-help.ps1" -ModulePath $manifest -OutFile $fresh | Out-Null
            Get-Content -Raw $fresh | Should -BeExactly (Get-Content -Raw "$PSScriptRoot/../../src/HaNat/en-US/HaNat.dll-Help.xml")
        }
        finally { Remove-Item $fresh -ErrorAction SilentlyContinue }
    }
}
