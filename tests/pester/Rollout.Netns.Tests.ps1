#Requires -Version 7.4
<#
A rolling replacement of the NATs, with real packets: the 3-zone namespace harness (New-FailoverFabric -Existing
then Add-FailoverMigration: a HaNat VPC made by HaNat's own Add-HaNatVpc, which Update-HaNatVpc knows), a private
host per zone requesting every 50 ms (probe.py), and the harness's launcher (FailoverLaunch.ps1) standing in for
EC2: every instance launched from the deployment's launch template gets a machine and boots (boot takeover, then
monitor), and a terminated NAT's shutdown is played (lifecycle state Terminated in its IMDS, a bounded wait for its
monitor to leave, SIGTERM, the machine gone).

- The launcher on its own, driven through the EC2 API as Update-HaNatVpc's contract says (a new template version,
  RunInstances in the zone's NAT subnet, AttachInstances, wait for the zone's table to go to the new NAT, then
  TerminateInstanceInAutoScalingGroup of the old one): the new NAT takes its zone only after its own data-plane
  check, no request fails; a new NAT that fails its check leaves the zone on the old, healthy NAT.
- Update-HaNatVpc as a user runs it (in the control namespace, Invoke-FailoverHaNat): every zone replaced, one at
  a time, 0 failed requests, each zone moved once, no NAT marked unhealthy; and a new NAT that fails its
  self-check stops the rollout (RolloutStopped) with every zone still served and that zone on its old NAT.

Run as root (after ./build.sh):
    HANAT_RUNNERS=pester ./test.sh -Path tests/pester/Rollout.Netns.Tests.ps1
Skipped, with the reason, unless root with iproute2, iptables, python3, moto_server. Logs in
TestResults/rollout-netns-TIME/.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
    $skipReason = Get-FailoverSkipReason
    $title = 'Rolling replacement in the namespace harness' + $(if ($skipReason) { " (skipped: $skipReason)" } else { '' })
    if ($skipReason) { Write-Host "Rollout.Netns.Tests: skipped: $skipReason" }
    $modulePath = Join-Path $PSScriptRoot '../../out/HaNat/HaNat.psd1'
    $noUpdate = -not (Test-Path -LiteralPath $modulePath) -or
        -not (Import-Module $modulePath -Force -PassThru).ExportedCommands.ContainsKey('Update-HaNatVpc')
}

Describe $title -Tag 'Netns', 'Root' -Skip:([bool]$skipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../netns/NetNs.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../netns/Failover.psm1') -Force
        $logs = Join-Path $PSScriptRoot "../../TestResults/rollout-netns-$(Get-Date -Format 'yyyyMMdd-HHmmss')"
        # A HaNat VPC as Update-HaNatVpc knows one (built or added by HaNat's own cmdlets, not hand-made): the VPC
        # from before HaNat, then Add-HaNatVpc as a user runs it, the harness's NATs adopted into its group.
        $script:fabric = New-FailoverFabric -Existing -WorkDirectory $logs
        Write-Host "Rollout.Netns.Tests: logs in $($fabric.Work)"
        $null = Add-FailoverMigration $fabric -Name roll
        Start-FailoverLauncher $fabric
        $since = Get-FailoverNow
        foreach ($z in $fabric.Zones) { $null = Start-FailoverProbe $fabric $z -MaxSeconds 1500 }
        Wait-FailoverSteady $fabric -ProbeZone $fabric.Zones -Monitors -TimeoutSeconds 60

        # The zone's probe requests from -Since to -Until and the router's moves of its route in that time.
        function Get-ZoneWindow([object] $Zone, [double] $Since, [double] $Until = [double]::MaxValue) {
            $results = @(Get-FailoverProbeResult $fabric $Zone -Since $Since | Where-Object Start -LT $Until)
            $moves = @(Get-FailoverRouterEvent $fabric -Since $Since | Where-Object { $_.Namespace -eq $Zone.PrivNs -and $_.Time -lt $Until })
            $failed = @($results | Where-Object { -not $_.Ok })
            # Open while the router moved the zone's route: its next packets reached a NAT that never saw it.
            $inFlight = @($failed | Where-Object { $f = $_; @($moves | Where-Object { $_.Time -ge $f.Start - 0.01 -and $_.Time -le $f.End + 0.05 }).Count -gt 0 })
            [pscustomobject]@{ Zone = $Zone.Letter; Sent = $results.Count; Failed = $failed.Count; InFlight = $inFlight.Count; Lost = $failed.Count - $inFlight.Count; Moves = $moves
                # Each failed request's start, how long it took and why, for the log: a CI failure then says what it was.
                FailedDetail = @($failed | ForEach-Object { '{0:F3}+{1:F2}s {2}' -f $_.Start, ($_.End - $_.Start), $_.Detail }) -join ', ' }
        }

        function Write-Window([string] $What, [object] $Window) {
            Write-Host ("  {0} zone {1}: {2} sent, {3} failed ({5} in flight at a move); moves: {4}" -f $What, $Window.Zone, $Window.Sent, $Window.Failed,
                (@($Window.Moves | ForEach-Object { "$($_.Target)@$('{0:F3}' -f $_.Time)" }) -join ' '), $Window.InFlight)
            if ($Window.FailedDetail) { Write-Host "    failed requests: $($Window.FailedDetail)" }
        }

        # Every monitor event since -Since, from every NAT the fabric ran: the zones' and those the launcher hosted.
        function Get-AnyMonitorEvent([string] $Event, [double] $Since) {
            $files = @($fabric.Zones | ForEach-Object { $_.MonitorLogs }) + @(Get-FailoverLaunched $fabric | ForEach-Object { $_.MonitorLogs }) | Sort-Object -Unique
            foreach ($file in $files) {
                if (-not (Test-Path -LiteralPath $file)) { continue }
                foreach ($line in [IO.File]::ReadAllLines($file)) {
                    if ($line -match '^(\d+\.\d+) hanat-monitor event=(\S+)' -and $Matches[2] -eq $Event -and [double]$Matches[1] -ge $Since) { "$([IO.Path]::GetFileName($file)): $line" }
                }
            }
        }

        function Get-InstanceState([string] $InstanceId) { (Get-FailoverState $fabric).instances.$InstanceId }

        function Invoke-Ec2([System.Collections.Specialized.OrderedDictionary] $Call) { Invoke-FailoverMotoQuery $fabric ec2 $Call }

        # A new launch template version with another instance type, as a rollout makes one.
        $script:version = New-FailoverLaunchTemplateVersion $fabric -InstanceType t3.micro
    }

    AfterAll {
        if ((Get-Variable -Name fabric -Scope Script -ErrorAction Ignore) -and $script:fabric) {
            $errors = @(Stop-FailoverLauncher $script:fabric)
            foreach ($z in $fabric.Zones) { Stop-FailoverProbe $fabric $z }
            $left = @(Remove-FailoverFabric $script:fabric -KeepLogs)
            if ($errors.Count -gt 0) { throw "the launcher met errors: $($errors -join '; ')" }
            if ($left.Count -gt 0) { throw "the teardown left: $($left -join '; ')" }
        }
    }

    Context 'the launcher, driven through the EC2 API as the rollout contract says' {
        It 'hosts a NAT launched in a zone; it takes the zone after its own check; the old NAT shuts down; no request fails' {
            $zone = $fabric.Zones[0]
            $since = Get-FailoverNow
            $replaced = Invoke-FailoverRolloutStandIn $fabric $zone -Version $version
            $replaced.Taken | Should -BeTrue -Because 'the new NAT takes its zone once it checked itself'
            Wait-NetNsCondition -TimeoutSeconds 60 -Because "the zone's record to follow the new NAT" -Condition { $zone.InstanceId -eq $replaced.New }
            Start-Sleep -Seconds 2
            $until = Get-FailoverNow

            $nat = Get-FailoverLaunched $fabric | Where-Object InstanceId -EQ $replaced.New
            $nat.Promoted | Should -BeTrue
            $nat.Status | Should -Be 'running'
            # Its machine has the address moto gave it, and its boot takeover took the zone's table from the old NAT.
            $motoIp = (Invoke-Ec2 ([ordered]@{ Action = 'DescribeInstances'; 'InstanceId.1' = $replaced.New })).SelectSingleNode("//*[local-name()='privateIpAddress']").InnerText
            $zone.PrivateIp | Should -Be $motoIp
            (Invoke-NetNsIp $zone.NatNs addr show dev fab0) | Should -Match ([regex]::Escape("inet $motoIp/16"))
            @($nat.Takeover.Errors).Count | Should -Be 0
            $nat.Takeover.Output.Action | Should -Be 'Replaced'
            $nat.Takeover.Output.PreviousTarget | Should -Be $replaced.Old
            # The template's tags, which moto did not copy into the new version, are on the instance, as EC2 puts them.
            $tags = (Invoke-Ec2 ([ordered]@{ Action = 'DescribeInstances'; 'InstanceId.1' = $replaced.New })).SelectNodes("//*[local-name()='tagSet']/*[local-name()='item']/*[local-name()='key']").InnerText
            $tags | Should -Contain 'hanat:managed'
            $tags | Should -Contain 'hanat:vpc-name'
            # The old NAT: terminated in moto, told so through its IMDS, its machine gone.
            Get-InstanceState $replaced.Old | Should -Be 'terminated'
            $oldOverrides = Join-Path $fabric.Work "imds-overrides-$($zone.Letter)-0.json"
            (Get-Content -Raw -LiteralPath $oldOverrides | ConvertFrom-Json).'autoscaling/target-lifecycle-state' | Should -Be 'Terminated'
            (Invoke-NetNsNative -FilePath ip -ArgumentList 'netns', 'list').StdOut | Should -Not -Match "hnt-$($fabric.Suffix)-nat-$($zone.Letter)\b(?!-)"
            # Its handover had nothing to hand: its monitor left by itself on the lifecycle state, before any SIGTERM.
            (Get-FailoverLaunchShutdown $fabric | Where-Object InstanceId -EQ $replaced.Old).SigTerm | Should -BeFalse

            foreach ($z in $fabric.Zones) {
                $window = Get-ZoneWindow $z $since $until
                Write-Window 'replacement' $window
                # As in the rollout below: a request open at the route's one move may be reset (no relay at boot yet).
                $window.Lost | Should -Be 0 -Because "zone $($z.Letter) must lose no request while zone $($zone.Letter)'s NAT is replaced"
                $window.InFlight | Should -BeLessOrEqual 1
                $window.Moves.Count | Should -Be $(if ($z -eq $zone) { 1 } else { 0 })
            }
            @(Get-FailoverProbeResult $fabric $zone -Since ($until - 1) | Where-Object Ok | ForEach-Object Detail | Sort-Object -Unique) | Should -Be $zone.UplinkIp
        }

        It 'a new NAT that fails its own data-plane check leaves its zone on the old NAT (HeldOnNat), and goes when terminated' {
            $zone = $fabric.Zones[1]
            $old = $zone.InstanceId
            $since = Get-FailoverNow
            Add-FailoverLaunchFault $fabric -Kind ForwardDropRule
            $replaced = Invoke-FailoverRolloutStandIn $fabric $zone -Version $version -TimeoutSeconds 40
            $replaced.Taken | Should -BeFalse -Because 'a NAT whose forwarding is broken must not take the zone from a healthy one'
            Wait-NetNsCondition -TimeoutSeconds 60 -Because 'the failed NAT to be shut down' -Condition {
                (Get-FailoverLaunched $fabric | Where-Object InstanceId -EQ $replaced.New).Status -eq 'retired'
            }
            Start-Sleep -Seconds 2
            $until = Get-FailoverNow

            $nat = Get-FailoverLaunched $fabric | Where-Object InstanceId -EQ $replaced.New
            $nat.Fault | Should -Be 'ForwardDropRule'
            $nat.Promoted | Should -BeFalse
            $nat.Takeover.Output.Action | Should -Be 'HeldOnNat'
            $nat.Takeover.Output.Target | Should -Be $old
            ($nat.Takeover.Warnings -join ' ') | Should -Match 'data-plane check failed'
            $zone.InstanceId | Should -Be $old
            (Get-FailoverRouteTarget $fabric)[$zone.Letter] | Should -Be $old
            Get-InstanceState $replaced.New | Should -Be 'terminated'
            (Invoke-NetNsNative -FilePath ip -ArgumentList 'netns', 'list').StdOut | Should -Not -Match ([regex]::Escape($nat.NatNs))
            foreach ($z in $fabric.Zones) {
                $window = Get-ZoneWindow $z $since $until
                Write-Window 'failed replacement' $window
                $window.Failed | Should -Be 0
                $window.Moves.Count | Should -Be 0
            }
        }
    }

    Context 'Update-HaNatVpc' -Skip:$noUpdate {
        BeforeAll {
            # The HaNat image a user has built (packer/), which Update-HaNatVpc takes by default.
            $null = New-FailoverNatImage $fabric
            Wait-FailoverSteady $fabric -Monitors -TimeoutSeconds 60
        }

        It 'replaces every zone''s NAT, one zone at a time: 0 failed requests, each zone moved once, no NAT marked unhealthy' {
            $olds = [ordered]@{}
            foreach ($z in $fabric.Zones) { $olds[$z.Letter] = $z.InstanceId }
            $since = Get-FailoverNow
            $update = Invoke-FailoverHaNat $fabric Update-HaNatVpc @{ Name = $fabric.MigrationName; InstanceType = 't3.small'; Confirm = $false }
            Write-Host "  Update-HaNatVpc returned in $($update.Seconds) s"
            @($update.Errors).Count | Should -Be 0 -Because "$($update.Errors | ConvertTo-Json -Compress)"
            Wait-NetNsCondition -TimeoutSeconds 60 -Because "every zone's record to follow its new NAT" -Condition {
                -not @($fabric.Zones | Where-Object { $_.InstanceId -eq $olds[$_.Letter] })
            }
            Wait-FailoverSteady $fabric -TimeoutSeconds 30
            Start-Sleep -Seconds 2
            $until = Get-FailoverNow

            $targets = Get-FailoverRouteTarget $fabric
            foreach ($z in $fabric.Zones) {
                $window = Get-ZoneWindow $z $since $until
                Write-Window 'Update-HaNatVpc' $window
                # A boot takeover does not relay yet (README, Limits): a request open at the one move of the zone's route,
                # from its old NAT to its new one, can be reset by the new NAT, which never saw it. Every other loss fails.
                $window.Lost | Should -Be 0 -Because "zone $($z.Letter) must lose no request during the rollout"
                $window.InFlight | Should -BeLessOrEqual 1 -Because 'only a request open at the one move of the route can be reset'
                $window.Moves.Count | Should -Be 1 -Because "zone $($z.Letter) moves once, from its old NAT to its new one"
                $targets[$z.Letter] | Should -Be $z.InstanceId
                $z.InstanceId | Should -Not -Be $olds[$z.Letter]
                (Get-FailoverLaunched $fabric | Where-Object InstanceId -EQ $z.InstanceId).Promoted | Should -BeTrue
                Get-InstanceState $olds[$z.Letter] | Should -Be 'terminated'
            }
            @(Get-AnyMonitorEvent 'mark-unhealthy' $since) | Should -BeNullOrEmpty
            @(Get-AnyMonitorEvent 'self-mark-unhealthy' $since) | Should -BeNullOrEmpty
        }

        It 'a new NAT that fails its self-check stops the rollout (RolloutStopped): every zone still served, that zone on its old NAT' {
            $before = [ordered]@{}
            foreach ($z in $fabric.Zones) { $before[$z.Letter] = $z.InstanceId }
            $hostedBefore = @(Get-FailoverLaunched $fabric).Count
            $since = Get-FailoverNow
            Add-FailoverLaunchFault $fabric -Kind ForwardDropRule
            $update = Invoke-FailoverHaNat $fabric Update-HaNatVpc @{ Name = $fabric.MigrationName; InstanceType = 't3.medium'; ZoneTimeoutSeconds = 60; Confirm = $false }
            Write-Host "  Update-HaNatVpc returned in $($update.Seconds) s: $(@($update.Errors | ForEach-Object { "$($_.ErrorId): $($_.Message)" }) -join ' | ')"
            @($update.Errors | ForEach-Object ErrorId) | Should -Contain 'RolloutStopped'
            $failed = @(Get-FailoverLaunched $fabric | Select-Object -Skip $hostedBefore)
            $failed.Count | Should -Be 1 -Because 'the rollout stops at the first zone whose new NAT fails'
            Wait-NetNsCondition -TimeoutSeconds 60 -Because 'the failed NAT to be shut down' -Condition { $failed[0].Status -eq 'retired' }
            Start-Sleep -Seconds 2
            $until = Get-FailoverNow

            $failed[0].Fault | Should -Be 'ForwardDropRule'
            $failed[0].Takeover.Output.Action | Should -Be 'HeldOnNat'
            Get-InstanceState $failed[0].InstanceId | Should -Be 'terminated'
            $targets = Get-FailoverRouteTarget $fabric
            foreach ($z in $fabric.Zones) {
                $window = Get-ZoneWindow $z $since $until
                Write-Window 'stopped Update-HaNatVpc' $window
                $window.Failed | Should -Be 0 -Because "zone $($z.Letter) stays served"
                $window.Moves.Count | Should -Be 0
                $z.InstanceId | Should -Be $before[$z.Letter]
                $targets[$z.Letter] | Should -Be $before[$z.Letter]
                Get-InstanceState $before[$z.Letter] | Should -Be 'running'
            }
        }
    }
}
