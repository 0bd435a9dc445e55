<#
    Measures New-HaNatVpc (3 zones) and the growth of Get-HaNatVpc / Test-HaNatRouting with the number of HaNat
    VPCs. Calls are counted with moto's request recorder; times are wall-clock medians of three runs.
#>
param([int[]] $Sizes = @(($env:VPC_BENCH_SIZES ?? '10 20 30 40 50') -split '\s+' | Where-Object { $_ }))
$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1"
Import-Module "$PSScriptRoot/../../tests/pester/TestHelpers.psm1"
$aws = Get-TestAwsParameters

function Measure-Calls([scriptblock] $Work, [int] $Repeat = 1) {
    $times = @()
    $calls = 0
    for ($i = 0; $i -lt $Repeat; $i++) {
        Start-MotoRecording
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Work
        $times += $clock.Elapsed.TotalSeconds
        $calls = @(Get-MotoRecording).Count
    }
    [pscustomobject]@{ Seconds = ($times | Sort-Object)[[int][math]::Floor($times.Count / 2)]; Calls = $calls }
}

Reset-Moto
$images = (Invoke-Ec2 DescribeImages ([Amazon.EC2.Model.DescribeImagesRequest]@{
    Owners = [System.Collections.Generic.List[string]]@('amazon') })).Images
$image = $images | Where-Object { $_.Architecture -eq 'x86_64' -and $_.RootDeviceName } | Select-Object -First 1
Invoke-Ec2 CreateKeyPair ([Amazon.EC2.Model.CreateKeyPairRequest]@{ KeyName = 'bench' }) | Out-Null

# A warm-up build so the first figure is not moto's own start-up.
New-HaNatVpc -Name warmup -CidrBlock 10.250 -ZoneCount 3 -ImageId $image.ImageId -KeyName bench @aws -WarningAction SilentlyContinue | Out-Null

$build = Measure-Calls { New-HaNatVpc -Name bench3 -CidrBlock 10.251 -ZoneCount 3 -ImageId $image.ImageId -KeyName bench @aws -WarningAction SilentlyContinue }
"New-HaNatVpc, 3 zones: $($build.Calls) API calls, $([math]::Round($build.Seconds, 2)) s"
$writes = @(Get-MotoRecording | Get-WriteAction)
"  of which writes: $($writes.Count)"
""

Reset-Moto
Invoke-Ec2 CreateKeyPair ([Amazon.EC2.Model.CreateKeyPairRequest]@{ KeyName = 'bench' }) | Out-Null
$made = 0
$rows = foreach ($size in $Sizes) {
    while ($made -lt $size) {
        New-HaNatVpc -Name "v$made" -CidrBlock "10.$made" -ZoneCount 2 -ImageId $image.ImageId -KeyName bench @aws -WarningAction SilentlyContinue | Out-Null
        $made++
    }
    $get = Measure-Calls { Get-HaNatVpc @aws } -Repeat 3
    $test = Measure-Calls { Get-HaNatVpc @aws | Test-HaNatRouting @aws -WarningAction SilentlyContinue } -Repeat 3
    [pscustomobject]@{
        Vpcs          = $size
        GetCalls      = $get.Calls
        GetSeconds    = [math]::Round($get.Seconds, 3)
        GetMsPerVpc   = [math]::Round(1000 * $get.Seconds / $size, 1)
        TestCalls     = $test.Calls
        TestSeconds   = [math]::Round($test.Seconds, 3)
        TestMsPerVpc  = [math]::Round(1000 * $test.Seconds / $size, 1)
    }
}
$rows | Format-Table -AutoSize | Out-String -Width 120
$first, $last = $rows[0], $rows[-1]
$growth = $last.Vpcs / $first.Vpcs
"growth {0}x VPCs: Get-HaNatVpc calls x{1:N2}, time x{2:N2}; Get | Test-HaNatRouting calls x{3:N2}, time x{4:N2}" -f `
    $growth, ($last.GetCalls / $first.GetCalls), ($last.GetSeconds / $first.GetSeconds), ($last.TestCalls / $first.TestCalls), ($last.TestSeconds / $first.TestSeconds)
"vpc build_calls=$($build.Calls) build_s=$([math]::Round($build.Seconds, 2)) get_calls_10=$($first.GetCalls) get_calls_50=$($last.GetCalls) test_calls_10=$($first.TestCalls) test_calls_50=$($last.TestCalls)"
