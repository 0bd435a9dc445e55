# Get-Help as a user reads it: every exported cmdlet and parameter is described, with at least two examples,
# and the shipped MAML is the one docs/help/ generates.

BeforeDiscovery {
    $manifest = "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
    $exported = (Import-PowerShellDataFile $manifest).CmdletsToExport
}

BeforeAll {
    $manifest = "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
    Import-Module $manifest -Force
    # What [<CommonParameters>] stands for; -WhatIf and -Confirm are the cmdlet's own to list.
    $skip = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
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

    It 'lists -WhatIf and -Confirm in each syntax and describes them, exactly when the cmdlet supports them' {
        $supports = $command.Parameters.ContainsKey('WhatIf')
        $syntax = $help.Syntax | Out-String -Width 1000
        foreach ($item in @($help.Syntax.SyntaxItem)) {
            $names = @($item.Parameter | ForEach-Object Name)
            foreach ($name in 'WhatIf', 'Confirm') {
                ($names -contains $name) | Should -Be $supports -Because "the syntax of $_ $(if ($supports) { 'must' } else { 'must not' }) list -$name"
            }
        }
        foreach ($name in 'WhatIf', 'Confirm') {
            $parameter = Get-Help $_ -Parameter $name -ErrorAction SilentlyContinue
            if ($supports) {
                $parameter | Should -Not -BeNullOrEmpty -Because "Get-Help $_ -Parameter $name must find it"
                ($parameter.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
                $syntax | Should -Match "\[-$name\]"
            } else {
                $parameter | Should -BeNullOrEmpty
            }
        }
        if ($supports) {
            $impact = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact
            ((Get-Help $_ -Parameter Confirm).Description.Text -join ' ') | Should -Match "ConfirmImpact is $impact\b"
        }
    }

    It 'names each parameter''s type as a reader would, never Nullable`1, and lists an enum''s values' {
        $syntax = $help.Syntax | Out-String -Width 1000
        $syntax | Should -Not -Match 'Nullable'
        foreach ($parameter in $help.Parameters.Parameter) {
            $value = $parameter.PSObject.Properties['parameterValue']
            "$($parameter.Type.Name) $(if ($value) { $value.Value })" | Should -Not -Match 'Nullable' -Because "-$($parameter.Name) of $_"
        }
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $skip }) {
            $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
            if (-not $type.IsEnum) { continue }
            $syntax | Should -Match "-$($parameter.Name)\]? $([regex]::Escape("{$([enum]::GetNames($type) -join ' | ')}"))" -Because "-$($parameter.Name) of $_ takes one of $([enum]::GetNames($type) -join ', ')"
            (Get-Help $_ -Parameter $parameter.Name).Type.Name | Should -Be $type.FullName
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

Describe 'The README' {
    It 'shows <_> in use, in a PowerShell example' -ForEach $exported {
        $readme = Get-Content -Raw "$PSScriptRoot/../../README.md"
        $blocks = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value }
        ($blocks -join "`n") | Should -Match "(?m)(^|[\s|(])$([regex]::Escape($_))\b" -Because "a new user learns $_ from the README"
    }
}
