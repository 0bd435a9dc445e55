# Get-HaNatImage as users call it, against moto: the newest HaNat image (by creation date, not by name), the
# -Architecture filter, NoHaNatImage, and New-HaNatVpc's use of it when no -ImageId is given.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters

    function Get-ErrorOf([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function Get-TemplateData([string] $LaunchTemplateId) {
        (Invoke-Ec2 DescribeLaunchTemplateVersions ([Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $LaunchTemplateId })).LaunchTemplateVersions[0].LaunchTemplateData
    }

    Reset-Moto
}

Describe 'Get-HaNatImage' {
    Context 'a region without a HaNat image' {
        It 'reports NoHaNatImage, saying how to build one, even when the account owns other images' {
            New-TestHaNatImage -Untagged | Out-Null

            $err = Get-ErrorOf { Get-HaNatImage @aws }

            $err.FullyQualifiedErrorId | Should -Be 'NoHaNatImage,HaNat.Commands.GetHaNatImageCommand'
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -Match 'Packer'
            $err.Exception.Message | Should -Match 'hanat:image=nat'
            $err.Exception.Message | Should -Match 'us-east-1'
        }

        It 'makes New-HaNatVpc without -ImageId refuse with NoHaNatImage, before any write' {
            Start-MotoRecording
            $err = Get-ErrorOf { New-HaNatVpc -Name noimage -CidrBlock '10.110' @aws }
            $recorded = @(Get-MotoAction)

            $err.FullyQualifiedErrorId | Should -Be 'NoHaNatImage,HaNat.Commands.NewHaNatVpcCommand'
            @($recorded | Where-Object IsWrite) | Should -BeNullOrEmpty
        }
    }

    Context 'HaNat images of both architectures' {
        BeforeAll {
            # EC2 dates images to the second: a second apart, and names that sort the other way round, so that only
            # the creation date can make the last one the newest.
            $olderArm = New-TestHaNatImage -Architecture arm64 -Name 'hanat-nat-arm64-z'
            Start-Sleep -Milliseconds 1100
            $x86 = New-TestHaNatImage -Architecture x86_64 -Name 'hanat-nat-x86_64-y'
            Start-Sleep -Milliseconds 1100
            $newerArm = New-TestHaNatImage -Architecture arm64 -Name 'hanat-nat-arm64-a'
            Start-Sleep -Milliseconds 1100
            # Newest of all, but not HaNat's: no hanat:image tag.
            New-TestHaNatImage -Architecture arm64 -Name 'hanat-nat-arm64-untagged' -Untagged | Out-Null
        }

        It 'returns the newest HaNat image as EC2''s own Image object' {
            $image = @(Get-HaNatImage @aws)

            $image.Count | Should -Be 1
            $image[0] | Should -BeOfType ([Amazon.EC2.Model.Image])
            $image[0].ImageId | Should -Be $newerArm
        }

        It 'filters by -Architecture <Architecture>' -ForEach @(
            @{ Architecture = 'arm64'; Expected = 'newerArm' }
            @{ Architecture = 'x86_64'; Expected = 'x86' }
        ) {
            $image = Get-HaNatImage -Architecture $Architecture @aws

            $image.ImageId | Should -Be (Get-Variable -Name $Expected -ValueOnly)
            $image.Architecture.Value | Should -Be $Architecture
        }

        It 'gives New-HaNatVpc the newest HaNat image when no -ImageId is given' {
            $vpc = New-HaNatVpc -Name newest -CidrBlock '10.111' -ZoneCount 1 @aws

            $data = Get-TemplateData $vpc.LaunchTemplateId
            $data.ImageId | Should -Be $newerArm
            $data.InstanceType | Should -Be 't4g.nano'
        }

        It 'gives New-HaNatVpc -InstanceType t3.nano the newest x86_64 image' {
            $vpc = New-HaNatVpc -Name intel -CidrBlock '10.112' -ZoneCount 1 -InstanceType t3.nano @aws

            $data = Get-TemplateData $vpc.LaunchTemplateId
            $data.ImageId | Should -Be $x86
            $data.InstanceType | Should -Be 't3.nano'
        }

        It 'binds ImageId from the pipeline into New-HaNatVpc, and picks the default type of its architecture' {
            $vpc = Get-HaNatImage -Architecture x86_64 @aws | New-HaNatVpc -Name piped -CidrBlock '10.113' -ZoneCount 1 @aws

            $data = Get-TemplateData $vpc.LaunchTemplateId
            $data.ImageId | Should -Be $x86
            $data.InstanceType | Should -Be 't3.nano'
        }
    }
}
