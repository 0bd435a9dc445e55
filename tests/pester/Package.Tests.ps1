# Packaging: the build output publishes to a PSResource repository and installs from it, and the manifest
# says everything a gallery shows.

BeforeAll {
    $out = (Resolve-Path "$PSScriptRoot/../../out/HaNat").Path
    $manifest = Test-ModuleManifest "$out/HaNat.psd1"
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'The manifest' {
    It 'names the version, GUID, author, description, editions, licence and project' {
        $manifest.Version | Should -BeGreaterThan ([version]'0.0.0')
        $manifest.Guid | Should -Not -Be ([guid]::Empty)
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description.Length | Should -BeGreaterThan 40
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'AWS'
    }

    It 'exports exactly the cmdlets the assembly defines, and nothing else' {
        $module = Import-Module "$out/HaNat.psd1" -PassThru -Force
        $defined = [HaNat.Commands.HaNatCmdlet].Assembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $listed = (Import-PowerShellDataFile "$out/HaNat.psd1").CmdletsToExport | Sort-Object

        $listed | Should -Be $defined
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }
}

Describe 'Publish-PSResource and Save-PSResource through a local file repository' {
    BeforeAll {
        $root = Join-Path ([IO.Path]::GetTempPath()) "hanat-repo-$([guid]::NewGuid())"
        $feed = New-Item -ItemType Directory -Path "$root/feed"
        $saved = New-Item -ItemType Directory -Path "$root/saved"
        $repository = "hanat-test-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
    }
    AfterAll {
        Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
    }

    It 'publishes the build output as a package' {
        Publish-PSResource -Path $out -Repository $repository -SkipDependenciesCheck

        $found = Find-PSResource -Name HaNat -Repository $repository
        $found.Version | Should -Be $manifest.Version
        $found.Description | Should -Be $manifest.Description
        Get-ChildItem $feed -Filter 'hanat.*.nupkg' | Should -HaveCount 1
    }

    It 'installs from that repository into a module folder that imports and runs' {
        Save-PSResource -Name HaNat -Repository $repository -Path $saved.FullName -TrustRepository

        $installed = Get-ChildItem -Recurse -Path $saved -Filter HaNat.psd1 | Select-Object -First 1
        $installed | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $installed.DirectoryName 'HaNat.dll') | Should -BeTrue
        Test-Path (Join-Path $installed.DirectoryName 'en-US/HaNat.dll-Help.xml') | Should -BeTrue
        # A fresh process, so the module of this session does not answer for the installed one.
        $policy = Invoke-FreshPwsh "Import-Module '$($installed.FullName)'; Get-HaNatIamPolicy -For NatInstance -Compress"
        $LASTEXITCODE | Should -Be 0
        ($policy | ConvertFrom-Json).Version | Should -Be '2012-10-17'
    }
}
