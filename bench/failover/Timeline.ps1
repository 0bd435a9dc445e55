# The picture of one failover: every probe request of every zone around the fault (a green dot when it succeeded, a
# red one when it failed, at the moment it started), and the moments the record names (the fault, detection, the
# takeover written, the route moved, egress back, the replacement's failback), drawn by gnuplot into a PNG.
# Dot-sourced by run.ps1, which has imported tests/netns/Failover.psm1.

function Write-FailoverTimeline {
    <#
    Draws $Measure (Measure-Failover's record) of $Fabric into $Path (PNG). Returns $Path, or nothing with a line
    that says why when gnuplot is missing or the record has no fault time.
    #>
    param([Parameter(Mandatory)] [object] $Fabric, [Parameter(Mandatory)] [object] $Measure, [Parameter(Mandatory)] [string] $Path)
    $gnuplot = Get-Command gnuplot -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $gnuplot) { Write-Host 'bench/failover: no timeline picture: gnuplot is not installed (Debian: apt-get install gnuplot-nox)'; return }
    if ($null -eq $Measure.Injected) { return }
    $culture = [Globalization.CultureInfo]::InvariantCulture
    $injected = [double]$Measure.Injected
    $failbacks = @($Measure.PerZone | Where-Object { $_.PSObject.Properties['Booted'] -and $null -ne $_.FailbackSeconds } |
            ForEach-Object { [double]$_.Booted + [double]$_.FailbackSeconds - $injected })
    $end = if ($failbacks.Count) { ($failbacks | Measure-Object -Maximum).Maximum + 2 } else { [double]$Measure.RestoredSeconds + 4 }
    $work = New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "hanat-timeline-$([guid]::NewGuid().ToString('N'))")
    try {
        # One data block per zone and outcome (gnuplot's `index`): the time from the fault, the zone's row.
        $rows = @{}
        $failed = 0
        $blocks = [System.Collections.Generic.List[string]]::new()
        $row = 0
        foreach ($zone in $Fabric.Zones) {
            $row++
            $rows[$zone.Letter] = $row
            $requests = @(Get-FailoverProbeResult $Fabric $zone -Since ($injected - 2) | Where-Object { $_.Start - $injected -le $end })
            $failed += @($requests | Where-Object { -not $_.Ok }).Count
            foreach ($ok in $true, $false) {
                $lines = @($requests | Where-Object { $_.Ok -eq $ok } | ForEach-Object { [string]::Format($culture, '{0:0.000} {1}', $_.Start - $injected, $row) })
                # gnuplot needs a point in every block: an empty one gets a point outside the plot.
                $blocks.Add(($(if ($lines.Count) { $lines } else { '-100 -100' }) -join "`n"))
            }
        }
        $data = Join-Path $work 'requests.dat'
        Set-Content -LiteralPath $data -Value ($blocks -join "`n`n`n")

        $faulted = ($Measure.Zones -split '\+') -join ', '
        $moments = [ordered]@{ "fault at $faulted" = 0.0; 'detected' = $Measure.DetectedSeconds; 'takeover written' = $Measure.TakeoverSeconds
            'route moved' = $Measure.MovedSeconds; 'egress back' = $Measure.RestoredSeconds }
        if ($failbacks.Count) { $moments['failback'] = ($failbacks | Measure-Object -Maximum).Maximum }
        $marks = [System.Collections.Generic.List[string]]::new()
        $label = 0
        foreach ($name in $moments.Keys) {
            if ($null -eq $moments[$name]) { continue }
            $x = [string]::Format($culture, '{0:0.000}', [double]$moments[$name])
            $label++
            # Each label a line lower than the one before, so that moments a tenth of a second apart stay readable.
            $y = [string]::Format($culture, '{0:0.00}', 4.35 - 0.17 * $label)
            $marks.Add("set arrow from $x, graph 0 to $x, graph 1 nohead dt 2 lc rgb '#555555'")
            $marks.Add([string]::Format($culture, "set label `"{0} {1:0.00} s`" at {2}, {3} rotate by 0 font ',9' offset 0.2,0", $name, [double]$moments[$name], $x, $y))
        }
        $zoneTics = ($Fabric.Zones | ForEach-Object { "`"zone $($_.Letter)`" $($rows[$_.Letter])" }) -join ', '
        $title = [string]::Format($culture, '{0} at zone {1}: egress back in {2:0.00} s, {3} request(s) failed (a new request every 50 ms from each zone)',
            $Measure.Kind, $faulted, [double]$Measure.RestoredSeconds, $failed)
        $script = @"
set terminal pngcairo size 1100,380 font ',10'
set output '$($Path -replace "'", "''")'
set title "$title"
set xlabel 'seconds from the fault'
set xrange [-0.5:$([string]::Format($culture, '{0:0.0}', $end))]
set yrange [0.5:4.3]
set ytics ($zoneTics)
set grid xtics lc rgb '#dddddd'
set key outside right top
$($marks -join "`n")
plot $(($Fabric.Zones | ForEach-Object -Begin { $i = 0 } -Process {
            $ok = "'$data' index $($i * 2) using 1:2 with points pt 7 ps 0.45 lc rgb '#2e8b57' $(if ($i -eq 0) { "title 'request succeeded'" } else { 'notitle' })"
            $bad = "'$data' index $($i * 2 + 1) using 1:2 with points pt 7 ps 0.6 lc rgb '#d62728' $(if ($i -eq 0) { "title 'request failed'" } else { 'notitle' })"
            $i++
            "$ok, $bad"
        }) -join ', ')
"@
        $scriptPath = Join-Path $work 'timeline.gp'
        Set-Content -LiteralPath $scriptPath -Value $script
        $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Path)
        $output = & $gnuplot.Source $scriptPath 2>&1
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $Path)) { Write-Host "bench/failover: gnuplot failed: $output"; return }
        $Path
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
