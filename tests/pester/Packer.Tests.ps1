#Requires -Version 7.4
<#
The NAT image's build (packer/): the template as Debian's packer 1.6.6 validates it, what the template says (source
image, instance types, IMDSv2, encryption, the tags that the PackerBuilder policy and Get-HaNatImage need), the
files it installs, shellcheck on every shell script in the repository, and systemd-analyze verify on the units with
the image's drop-ins.

Packer 1.6.6 and the template: 1.6.6 reads HCL2 and has the amazon-ebs builder built in, but no required_plugins
block (so it lives in packer/plugins.pkr.hcl, which these tests leave out) and no imds_support or
metadata_options (the amazon plugin has them). So the template is checked three ways: -syntax-only as written; full
validation as written, which must object to those two settings and to nothing else; and full validation of a copy
without them, which must pass. Full validation runs every builder and provisioner check (types, gp3 throughput,
AMI name, that the uploaded directories exist) without calling AWS: it needs neither credentials nor a network,
which the tests show under `unshare -n` when they run as root. Values (tags, instance types) are read with
`packer console`, so what is checked is what Packer would send, not the text that computes it.

Needs ./build.sh first (the template uploads out/HaNat, and the PackerBuilder policy comes from the module).
#>

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    function Find-Tool([string] $Name) {
        Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
    }
    $packer = Find-Tool packer
    $packerVersion = if ($packer) { ((& $packer version) -join ' ') -replace '^\s*Packer v(\S+).*$', '$1' } else { $null }
    $packer16 = $packerVersion -like '1.6.*'
    $noPacker = if (-not $packer) { ' (skipped: packer is not installed; scripts/bootstrap.sh installs it)' } else { '' }
    $not16 = if (-not $packer) { $noPacker } elseif (-not $packer16) { " (skipped: written for Debian's packer 1.6.x, this is $packerVersion)" } else { '' }

    $isRoot = "$(& id -u 2>$null)".Trim() -eq '0'
    $unshare = Find-Tool unshare
    $offline = if ($noPacker) { $noPacker } elseif (-not $isRoot) { ' (skipped: unshare -n needs root)' } elseif (-not $unshare) { ' (skipped: unshare is not installed)' } else { '' }

    # The sysctl drop-in is applied in a network namespace of its own, as systemd-sysctl applies it at boot.
    $systemdSysctl = @('/usr/lib/systemd/systemd-sysctl', '/lib/systemd/systemd-sysctl') | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
    $noNetns = if (-not $isRoot) { ' (skipped: a network namespace needs root)' } elseif (-not (Find-Tool ip)) { ' (skipped: ip is not installed)' } elseif (-not $systemdSysctl) { ' (skipped: systemd-sysctl is not installed)' } else { '' }

    $shellcheck = Find-Tool shellcheck
    # Every shell script in the repository: *.sh, and any file whose first line starts a POSIX shell or bash. The walk
    # skips what git ignores or keeps (.git, build output, test results), so it stays fast.
    $skipDirs = @('.git', 'bin', 'obj', 'out', 'TestResults', 'node_modules', '.tools')
    $pending = [System.Collections.Generic.Stack[string]]::new()
    $pending.Push($repo)
    $found = [System.Collections.Generic.List[string]]::new()
    while ($pending.Count -gt 0) {
        $dir = $pending.Pop()
        foreach ($sub in [IO.Directory]::GetDirectories($dir)) {
            if ($skipDirs -notcontains [IO.Path]::GetFileName($sub)) { $pending.Push($sub) }
        }
        foreach ($file in [IO.Directory]::GetFiles($dir)) {
            $first = ''
            if (-not $file.EndsWith('.sh')) {
                $reader = [IO.StreamReader]::new($file)
                try { $first = "$($reader.ReadLine())" } finally { $reader.Dispose() }
            }
            if ($file.EndsWith('.sh') -or $first -match '^#!\s*(/usr/bin/env\s+)?(/usr)?(/bin/)?(ba|da|k)?sh(\s|$)') {
                $found.Add([IO.Path]::GetRelativePath($repo, $file))
            }
        }
    }
    $scripts = @($found | Sort-Object | ForEach-Object { @{ Script = $_ } })
    $noShellcheck = if (-not $shellcheck) { ' (skipped: shellcheck is not installed)' } else { '' }

    # systemd-analyze verify works without systemd running (in a container too) as long as it can load a unit:
    # try one that needs nothing, and skip with what it said when even that fails.
    $analyze = Find-Tool systemd-analyze
    $noAnalyze = ''
    if (-not $analyze) {
        $noAnalyze = ' (skipped: systemd-analyze is not installed)'
    } else {
        $probeDir = Join-Path ([IO.Path]::GetTempPath()) "hanat-probe-$([guid]::NewGuid().ToString('n'))"
        $null = New-Item -ItemType Directory -Path $probeDir
        try {
            Set-Content -LiteralPath "$probeDir/hanat-probe.service" -Value "[Service]`nType=oneshot`nExecStart=/bin/true`n"
            $said = & $analyze verify "$probeDir/hanat-probe.service" 2>&1 | Out-String
            if ($LASTEXITCODE -ne 0) { $noAnalyze = " (skipped: systemd-analyze verify does not work here: $($said.Trim()))" }
        } finally {
            Remove-Item -Recurse -Force -LiteralPath $probeDir
        }
    }
}

Describe 'The NAT image build (packer/)' -Tag 'Packer' {
    BeforeAll {
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $packerDir = Join-Path $repo 'packer'
        $template = Join-Path $packerDir 'hanat-nat.pkr.hcl'
        $plugins = Join-Path $packerDir 'plugins.pkr.hcl'
        $modulePath = Join-Path $repo 'out/HaNat/HaNat.psd1'
        $packer = Get-Command packer -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
        $work = Join-Path ([IO.Path]::GetTempPath()) "hanat-packer-$([guid]::NewGuid().ToString('n'))"
        $null = New-Item -ItemType Directory -Path $work
        $text = Get-Content -Raw -LiteralPath $template
        $moduleVersion = [regex]::Match((Get-Content -Raw -LiteralPath (Join-Path $repo 'HaNat.psd1')), "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value

        # Runs a program with the environment packer validation gets here: no AWS settings at all (validation must
        # not need them), and no version check against checkpoint.hashicorp.com.
        function Invoke-Program([string] $FilePath, [string[]] $ArgumentList, [string] $StandardInput) {
            $start = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
            foreach ($a in $ArgumentList) { $start.ArgumentList.Add($a) }
            foreach ($name in @($start.Environment.Keys)) { if ($name -like 'AWS_*') { $null = $start.Environment.Remove($name) } }
            $start.Environment['CHECKPOINT_DISABLE'] = '1'
            $start.Environment['AWS_CONFIG_FILE'] = Join-Path $work 'no-aws-config'
            $start.Environment['AWS_SHARED_CREDENTIALS_FILE'] = Join-Path $work 'no-aws-credentials'
            $start.WorkingDirectory = $repo
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.RedirectStandardInput = $true
            $start.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($start)
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if ($StandardInput) { $process.StandardInput.WriteLine($StandardInput) }
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw "timed out: $FilePath $ArgumentList" }
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result; Output = $stdout.Result + $stderr.Result }
        }

        function Invoke-Packer([string[]] $ArgumentList) { Invoke-Program $packer $ArgumentList }

        # HCL expressions evaluated by `packer console` against the template, all in one run (1.6.6 answers only the
        # last line it reads, so they go in as one map): name -> expression in, name -> value out.
        function Get-PackerValues([System.Collections.IDictionary] $Expressions, [string] $Architecture = 'arm64', [string[]] $Variables = @()) {
            $map = ($Expressions.GetEnumerator() | ForEach-Object { '"{0}" = {1}' -f $_.Key, $_.Value }) -join ', '
            $arguments = @('console', '-var', 'region=us-east-1', '-var', "architecture=$Architecture")
            foreach ($variable in $Variables) { $arguments += '-var', $variable }
            $run = Invoke-Program $packer @($arguments + $template) "jsonencode({ $map })"
            $run.ExitCode | Should -Be 0 -Because "packer console said: $($run.Output)"
            $json = ($run.StdOut -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 1)
            if (-not $json) { throw "packer console printed nothing for { $map }; it said: $($run.Output)" }
            $json | ConvertFrom-Json -AsHashtable
        }

        # The body of a top-level block, e.g. Get-Block 'source "amazon-ebs" "nat"': its lines without comments, by
        # brace counting (braces inside this template's strings, "${...}" and "{{ ... }}", always pair up).
        function Get-Block([string] $Header) {
            $lines = $text -split "`n"
            $startLine = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.TrimEnd() -eq "$Header {" })
            if ($startLine -lt 0) { throw "no block '$Header {' in $template" }
            $depth = 0
            $body = [System.Collections.Generic.List[string]]::new()
            for ($i = $startLine; $i -lt $lines.Count; $i++) {
                $line = $lines[$i] -replace '^\s*#.*$', ''
                $depth += ([regex]::Matches($line, '\{')).Count - ([regex]::Matches($line, '\}')).Count
                if ($i -gt $startLine -and $depth -ge 1) { $body.Add($line) }
                if ($depth -eq 0) { break }
            }
            $body
        }

        # Attributes of a block, by path ("encrypt_boot", "metadata_options.http_tokens",
        # "source_ami_filter.filters.name"); the value is the expression as written.
        function Get-Attributes([string] $Header) {
            $attributes = [ordered]@{}
            $path = [System.Collections.Generic.List[string]]::new()
            foreach ($line in Get-Block $Header) {
                if ($line -match '^\s*([\w-]+)\s*(=\s*)?\{\s*$') { $path.Add($Matches[1]); continue }
                if ($line -match '^\s*\}\s*$') { $path.RemoveAt($path.Count - 1); continue }
                if ($line -match '^\s*"?([\w-]+)"?\s*=\s*(.+?)\s*$') {
                    $attributes[(@($path) + $Matches[1]) -join '.'] = $Matches[2]
                }
            }
            $attributes
        }

        $source = Get-Attributes 'source "amazon-ebs" "nat"'
        $build = (Get-Block 'build') -join "`n"

        # What Packer would send, per architecture: every attribute of the source block that the tests read, and
        # the provisioners' sources and destinations, evaluated in one packer console run each.
        $values = @{}
        if ($packer) {
            $wanted = [ordered]@{}
            foreach ($name in 'instance_type', 'ami_name', 'run_tags', 'run_volume_tags', 'tags', 'snapshot_tags') {
                if ($source.Contains($name)) { $wanted[$name] = $source[$name] }
            }
            $wanted['stage'] = 'local.stage'
            $index = 0
            foreach ($match in [regex]::Matches($build, '(?m)^\s*(source|destination)\s*=\s*(.+?)\s*$')) {
                $wanted["$($match.Groups[1].Value)$index"] = $match.Groups[2].Value
                if ($match.Groups[1].Value -eq 'destination') { $index++ }
            }
            foreach ($architecture in 'arm64', 'x86_64') { $values[$architecture] = Get-PackerValues $wanted $architecture }
        }

        # The tag key and value Get-HaNatImage filters on: from HaNatTags.cs when it defines them, which the test then
        # follows; else the values that Get-HaNatImage's design names (hanat:image=nat).
        $tagsFile = Join-Path $repo 'src/HaNat/Model/HaNatTags.cs'
        $tagsSource = if (Test-Path -LiteralPath $tagsFile) { Get-Content -Raw -LiteralPath $tagsFile } else { '' }
        $imageKey = [regex]::Match($tagsSource, 'const string Image\s*=\s*"([^"]+)"').Groups[1].Value
        $imageValue = [regex]::Match($tagsSource, 'const string NatImage\s*=\s*"([^"]+)"').Groups[1].Value
        if (-not $imageKey) { $imageKey = 'hanat:image' }
        if (-not $imageValue) { $imageValue = 'nat' }

        # A copy of the template without the two settings packer 1.6.6 does not know, laid out like packer/ (the
        # template finds the module and the manifests through its own directory), so that full validation can run.
        function New-ValidationCopy {
            $copy = Join-Path $work "copy-$([guid]::NewGuid().ToString('n'))"
            $null = New-Item -ItemType Directory -Path "$copy/packer"
            foreach ($name in 'HaNat.psd1', 'dotnet-tools.json') { $null = New-Item -ItemType SymbolicLink -Path "$copy/$name" -Target (Join-Path $repo $name) }
            # Full validation checks that every upload's source exists: the build (out/HaNat), and stand-ins for what
            # scripts/publish.sh makes per architecture (out/image/ARCH/module and monitor).
            $null = New-Item -ItemType Directory -Path "$copy/out"
            $null = New-Item -ItemType SymbolicLink -Path "$copy/out/HaNat" -Target (Join-Path $repo 'out/HaNat')
            foreach ($architecture in 'arm64', 'x86_64') {
                $null = New-Item -ItemType Directory -Path "$copy/out/image/$architecture"
                $null = New-Item -ItemType SymbolicLink -Path "$copy/out/image/$architecture/module" -Target (Join-Path $repo 'out/HaNat')
                $null = New-Item -ItemType SymbolicLink -Path "$copy/out/image/$architecture/monitor" -Target (Join-Path $repo 'out/hanat-monitor')
            }
            foreach ($name in 'files', 'systemd', 'scripts') { $null = New-Item -ItemType SymbolicLink -Path "$copy/packer/$name" -Target (Join-Path $packerDir $name) }
            $imds = [regex]::Matches($text, '(?m)^[ \t]*imds_support[ \t]*=.*\r?\n')
            $metadata = [regex]::Matches($text, '(?ms)^[ \t]*metadata_options[ \t]*\{.*?^[ \t]*\}[ \t]*\r?\n')
            $imds.Count | Should -Be 1 -Because 'the copy must take out exactly the imds_support line'
            $metadata.Count | Should -Be 1 -Because 'the copy must take out exactly the metadata_options block'
            $stripped = $text.Replace($imds[0].Value, '').Replace($metadata[0].Value, '')
            Set-Content -LiteralPath "$copy/packer/hanat-nat.pkr.hcl" -Value $stripped -NoNewline
            "$copy/packer/hanat-nat.pkr.hcl"
        }
    }

    AfterAll {
        Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
    }

    Context 'packer validate' {
        It "passes packer validate -syntax-only as written$noPacker" -Skip:([bool]$noPacker) {
            $run = Invoke-Packer @('validate', '-syntax-only', $template)
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'Syntax-only check passed'
        }

        It "objects, in full validation as written, to imds_support and metadata_options and nothing else$not16" -Skip:([bool]$not16) {
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', $template)
            $run.ExitCode | Should -Not -Be 0
            $errors = @([regex]::Matches($run.Output, '(?m)^Error: (.+)$') | ForEach-Object { $_.Groups[1].Value })
            $errors.Count | Should -Be 2 -Because $run.Output
            $run.Output | Should -Match 'An argument named "imds_support" is not expected here'
            $run.Output | Should -Match 'Blocks of type "metadata_options" are not expected here'
        }

        It "passes full validation for <Architecture> without the two plugin-only IMDS settings$noPacker" -Skip:([bool]$noPacker) -TestCases @(
            @{ Architecture = 'arm64' }, @{ Architecture = 'x86_64' }
        ) {
            param($Architecture)
            Test-Path -LiteralPath $modulePath | Should -BeTrue -Because 'the template uploads out/HaNat: run ./build.sh first'
            $copy = New-ValidationCopy
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', '-var', "architecture=$Architecture", $copy)
            $run.ExitCode | Should -Be 0 -Because $run.Output
        }

        It "validates with no network and no AWS credentials$offline" -Skip:([bool]$offline) {
            $copy = New-ValidationCopy
            $run = Invoke-Program (Get-Command unshare -CommandType Application | Select-Object -First 1 -ExpandProperty Source) @(
                '-n', $packer, 'validate', '-var', 'region=us-east-1', $copy)
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run = Invoke-Program (Get-Command unshare -CommandType Application | Select-Object -First 1 -ExpandProperty Source) @('-n', 'curl', '-sS', '--max-time', '2', 'https://ec2.us-east-1.amazonaws.com/')
            $run.ExitCode | Should -Not -Be 0 -Because 'inside unshare -n nothing outside must be reachable, or the run above proves nothing'
        }

        It "rejects an architecture other than arm64 or x86_64$noPacker" -Skip:([bool]$noPacker) {
            # (-syntax-only does not check variables: this is full validation, of the copy that otherwise passes.)
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', '-var', 'architecture=sparc', (New-ValidationCopy))
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'The architecture must be arm64 or x86_64'
        }

        It "rejects the kernel line '<Kernel>'$noPacker" -Skip:([bool]$noPacker) -TestCases @(
            @{ Kernel = 'kernel-6.1' }, @{ Kernel = '*' }, @{ Kernel = '6' }, @{ Kernel = '' }
        ) {
            param($Kernel)
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', '-var', "kernel=$Kernel", (New-ValidationCopy))
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'The kernel must be a kernel line such as 6.1 or 6.12'
        }

        It "rejects a pinned PowerShell checksum that is not a SHA-256$noPacker" -Skip:([bool]$noPacker) {
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', '-var', 'pwsh_sha256=abc123', (New-ValidationCopy))
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'The pwsh_sha256 must be empty or 64 hexadecimal digits'
            $run = Invoke-Packer @('validate', '-var', 'region=us-east-1', '-var', "pwsh_sha256=$('ab' * 32)", (New-ValidationCopy))
            $run.ExitCode | Should -Be 0 -Because $run.Output
        }

        It 'requires the Packer version that packer init of the current amazon plugin needs (1.14.0), and says so in both READMEs' {
            $pluginsText = Get-Content -Raw -LiteralPath $plugins
            $required = [regex]::Match($pluginsText, '(?m)^\s*required_version\s*=\s*">=\s*([0-9.]+)"\s*$')
            $required.Success | Should -BeTrue -Because 'plugins.pkr.hcl must set required_version = ">= X.Y.Z"'
            [version]$required.Groups[1].Value | Should -BeGreaterOrEqual ([version]'1.14.0')
            foreach ($readme in (Join-Path $packerDir 'README.md'), (Join-Path $repo 'README.md')) {
                Get-Content -Raw -LiteralPath $readme | Should -Match 'Packer 1\.14(\.0)? or later' -Because "$readme must name the Packer version a build needs"
                Get-Content -Raw -LiteralPath $readme | Should -Not -Match 'Packer 1\.7 or later' -Because "$readme must not name the old minimum"
            }
        }

        It "keeps the required_plugins block in plugins.pkr.hcl, which packer 1.6.6 cannot read$not16" -Skip:([bool]$not16) {
            $pluginsText = Get-Content -Raw -LiteralPath $plugins
            $pluginsText | Should -Match 'required_plugins\s*\{'
            $pluginsText | Should -Match 'source\s*=\s*"github.com/hashicorp/amazon"'
            $text | Should -Not -Match '(?m)^\s*(packer|required_plugins)\s*\{' -Because 'the template must stay readable by packer 1.6.6'
            $run = Invoke-Packer @('validate', '-syntax-only', $plugins)
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'Blocks of type "required_plugins" are not expected here'
        }
    }

    Context 'what the template builds' {
        It 'names no AMI id in any file under packer/' {
            $files = @(Get-ChildItem -LiteralPath $packerDir -Recurse -File)
            $files.Count | Should -BeGreaterThan 3
            foreach ($file in $files) {
                $hits = @(Select-String -LiteralPath $file.FullName -Pattern 'ami-[0-9a-f]{8,}' -AllMatches)
                $hits | Should -BeNullOrEmpty -Because "$($file.FullName) must find its image by filter: $($hits -join '; ')"
            }
        }

        It 'starts from Amazon''s newest Amazon Linux 2023 image for the architecture' {
            $source['source_ami_filter.owners'] | Should -Be '["amazon"]'
            $source['source_ami_filter.most_recent'] | Should -Be 'true'
            $source['source_ami_filter.filters.name'] | Should -Be 'local.source_ami_name'
            $source['source_ami_filter.filters.architecture'] | Should -Be 'var.architecture'
            $source.Contains('source_ami') | Should -BeFalse -Because 'an AMI id must never be written down'
        }

        # Amazon publishes each Amazon Linux 2023 release once per kernel line, registered one after another: with
        # "kernel-*" and most_recent, the line a build got was whichever was registered last. The names below are
        # Amazon's pattern (al2023-ami-[minimal-]2023.<release>-kernel-<line>-<architecture>); EC2's name filter is a
        # glob, as PowerShell's -like is.
        It 'names one kernel line, <Line>, in the source image filter for <Architecture>' -TestCases @(
            @{ Architecture = 'arm64'; Kernel = $null; Line = '6.1' }
            @{ Architecture = 'x86_64'; Kernel = $null; Line = '6.1' }
            @{ Architecture = 'arm64'; Kernel = '6.12'; Line = '6.12' }
        ) {
            param($Architecture, $Kernel, $Line)
            $variables = if ($Kernel) { @("kernel=$Kernel") } else { @() }
            $filter = (Get-PackerValues @{ name = 'local.source_ami_name' } $Architecture $variables)['name']
            $other = if ($Line -eq '6.1') { '6.12' } else { '6.1' }
            $otherArchitecture = if ($Architecture -eq 'arm64') { 'x86_64' } else { 'arm64' }
            "al2023-ami-2023.9.20251208.0-kernel-$Line-$Architecture" | Should -BeLike $filter
            "al2023-ami-2023.10.20260302.1-kernel-$Line-$Architecture" | Should -BeLike $filter
            foreach ($name in "al2023-ami-2023.9.20251208.0-kernel-$other-$Architecture", "al2023-ami-2023.9.20251208.0-kernel-6.18-$Architecture",
                "al2023-ami-minimal-2023.9.20251208.0-kernel-$Line-$Architecture", "al2023-ami-2023.9.20251208.0-kernel-$Line-$otherArchitecture") {
                $name | Should -Not -BeLike $filter -Because "the filter '$filter' must take one kernel line of the standard image only"
            }
        }

        It 'builds on <Type> for <Architecture>' -TestCases @(
            @{ Architecture = 'arm64'; Type = 't4g.small' }, @{ Architecture = 'x86_64'; Type = 't3.small' }
        ) {
            param($Architecture, $Type)
            $values[$Architecture]['instance_type'] | Should -Be $Type
        }

        It 'requires IMDSv2 on the build instance and on instances of the image' {
            $source['metadata_options.http_tokens'] | Should -Be '"required"'
            $source['metadata_options.http_endpoint'] | Should -Be '"enabled"'
            $source['metadata_options.http_put_response_hop_limit'] | Should -Be '1'
            $source['imds_support'] | Should -Be '"v2.0"'
        }

        It 'encrypts the build instance''s root volume, and so the image, without an intermediary image to copy' {
            $source['launch_block_device_mappings.device_name'] | Should -Be '"/dev/xvda"' -Because 'that is Amazon Linux 2023''s root device'
            $source['launch_block_device_mappings.encrypted'] | Should -Be 'true'
            $source['launch_block_device_mappings.kms_key_id'] | Should -Be 'var.kms_key_id'
            # encrypt_boot makes the plugin create an intermediary image and CopyImage it (which the PackerBuilder
            # policy does not grant); the top-level kms_key_id is the key of that copy. The encrypted volume is enough.
            $source.Contains('encrypt_boot') | Should -BeFalse -Because 'encrypt_boot makes the plugin copy an intermediary image'
            $source.Contains('kms_key_id') | Should -BeFalse -Because 'the top-level kms_key_id is the key of encrypt_boot''s copy'
            $source.Contains('region_kms_key_ids') | Should -BeFalse
        }

        It 'tags everything the build makes as the PackerBuilder policy requires' {
            Test-Path -LiteralPath $modulePath | Should -BeTrue -Because 'the policy comes from the module: run ./build.sh first'
            Import-Module $modulePath -Force
            $policy = Get-HaNatIamPolicy -For PackerBuilder | ConvertFrom-Json -AsHashtable
            $required = @{}
            foreach ($statement in $policy.Statement) {
                if (-not $statement.Contains('Condition')) { continue }
                foreach ($test in $statement.Condition.Values) {
                    foreach ($key in $test.Keys) {
                        if ($key -like 'aws:RequestTag/*') { $required[$key.Substring('aws:RequestTag/'.Length)] = "$($test[$key])" }
                    }
                }
            }
            $required.Count | Should -BeGreaterThan 0 -Because 'the PackerBuilder policy scopes the build with a request tag'
            foreach ($attribute in 'run_tags', 'run_volume_tags', 'tags', 'snapshot_tags') {
                $source.Contains($attribute) | Should -BeTrue -Because "the source must set $attribute"
                $tags = $values['arm64'][$attribute]
                foreach ($key in $required.Keys) {
                    $tags[$key] | Should -Be $required[$key] -Because "$attribute must carry $key=$($required[$key])"
                }
            }
        }

        It 'tags the image and its snapshots as Get-HaNatImage looks for them, for <Architecture>' -TestCases @(
            @{ Architecture = 'arm64' }, @{ Architecture = 'x86_64' }
        ) {
            param($Architecture)
            foreach ($attribute in 'tags', 'snapshot_tags') {
                $tags = $values[$Architecture][$attribute]
                $tags[$imageKey] | Should -Be $imageValue
                $tags['hanat:version'] | Should -Be $moduleVersion
                $tags['hanat:architecture'] | Should -Be $Architecture
                $tags['Name'] | Should -Match "^hanat-nat-$([regex]::Escape($moduleVersion))-$Architecture-\d{8}-\d{6}$"
            }
            $values[$Architecture]['ami_name'] | Should -Match "^hanat-nat-$([regex]::Escape($moduleVersion))-$Architecture-\d{8}-\d{6}$"
        }

        It 'uploads the published module and monitor of its architecture, packer/files and packer/systemd, then runs provision.sh with the stage' {
            $provisioners = @([regex]::Matches($build, 'provisioner "([\w-]+)"') | ForEach-Object { $_.Groups[1].Value })
            $provisioners | Should -Be @('shell', 'file', 'file', 'file', 'file', 'shell')
            foreach ($architecture in 'arm64', 'x86_64') {
                $value = $values[$architecture]
                $publish = Join-Path $packerDir '..' "out/image/$architecture"
                $sources = @(0..3 | ForEach-Object { $value["source$_"] })
                $sources | Should -Be @("$publish/module/", "$publish/monitor/", "$packerDir/files/", "$packerDir/systemd/") -Because 'local.publish_dir defaults to out/image/<architecture>'
            }
            $value = $values['arm64']
            $destinations = @(0..3 | ForEach-Object { $value["destination$_"] })
            $stage = $value['stage']
            $stage | Should -Not -BeNullOrEmpty
            $destinations | Should -Be @("$stage/module", "$stage/monitor", "$stage/files", "$stage/systemd") -Because 'provision.sh reads module/, monitor/, files/ and systemd/ under HANAT_STAGE'
            $build | Should -Match ([regex]::Escape('script          = "${path.root}/scripts/provision.sh"'))
            $build | Should -Match ([regex]::Escape('"HANAT_STAGE=${local.stage}"'))
            $build | Should -Match ([regex]::Escape('"HANAT_PWSH_SHA256=${var.pwsh_sha256}"'))
            $build | Should -Match 'execute_command\s*=\s*"sudo '
        }
    }

    Context 'what the image installs' {
        BeforeAll {
            $provision = Join-Path $packerDir 'scripts/provision.sh'
            $dropIn = Join-Path $packerDir 'files/etc/sysctl.d/90-hanat.conf'
            $sysctlTool = @('/usr/lib/systemd/systemd-sysctl', '/lib/systemd/systemd-sysctl') | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1

            # A function of provision.sh, run by sourcing it (it runs its steps only when executed).
            function Invoke-ProvisionFunction([string] $Function, [string[]] $ArgumentList, [string] $Namespace) {
                $bash = @('bash', '-c', 'source "$1"; shift; "$@"', 'provision', $provision, $Function) + $ArgumentList
                if ($Namespace) { Invoke-Program 'ip' (@('netns', 'exec', $Namespace) + $bash) } else { Invoke-Program $bash[0] $bash[1..($bash.Count - 1)] }
            }

            # A network namespace with interfaces that exist before the drop-in is applied, as eth0 does at boot,
            # each sending redirects (the kernel's default), whatever this host's own settings.
            function New-TestNamespace {
                $name = "hanat-pk-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
                $script:namespaces += $name
                foreach ($command in @('netns', 'add', $name), @('-n', $name, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1')) {
                    $run = Invoke-Program 'ip' $command
                    $run.ExitCode | Should -Be 0 -Because $run.Output
                }
                foreach ($key in 'all', 'default', 'lo', 'v0', 'v1') {
                    $run = Invoke-Program 'ip' @('netns', 'exec', $name, 'sysctl', '-qw', "net.ipv4.conf.$key.send_redirects=1")
                    $run.ExitCode | Should -Be 0 -Because $run.Output
                }
                $name
            }

            # net.ipv4.conf.<interface>.send_redirects for every interface of the namespace (and all, default).
            function Get-SendRedirects([string] $Namespace) {
                $run = Invoke-Program 'ip' @('netns', 'exec', $Namespace, 'bash', '-c', 'for f in /proc/sys/net/ipv4/conf/*/send_redirects; do d=${f%/*}; echo "${d##*/} $(<"$f")"; done')
                $run.ExitCode | Should -Be 0 -Because $run.Output
                $values = [ordered]@{}
                foreach ($line in $run.StdOut -split "`n" | Where-Object { $_ }) { $name, $value = $line -split ' '; $values[$name] = $value }
                $values
            }
            $script:namespaces = @()
        }

        AfterAll {
            foreach ($name in $script:namespaces) { $null = Invoke-Program 'ip' @('netns', 'delete', $name) }
        }

        It 'has a sysctl drop-in that forwards IPv4 and sends no ICMP redirects, on every interface' {
            $settings = @{}
            foreach ($line in Get-Content -LiteralPath $dropIn) {
                if ($line -match '^\s*([\w.*]+)\s*=\s*(\S+)\s*$') { $settings[$Matches[1]] = $Matches[2] }
            }
            $settings['net.ipv4.ip_forward'] | Should -Be '1'
            $settings['net.ipv4.conf.*.send_redirects'] | Should -Be '0' -Because 'all and default leave the interfaces that exist already sending'
            $settings['net.ipv4.conf.all.send_redirects'] | Should -Be '0'
            $settings['net.ipv4.conf.default.send_redirects'] | Should -Be '0'
        }

        It "turns redirects off on the interfaces that exist before it is applied, applied as the boot applies it$noNetns" -Skip:([bool]$noNetns) {
            $ns = New-TestNamespace
            # systemd-sysctl with the file's path applies that file alone, as systemd-sysctl.service applies it at boot.
            $run = Invoke-Program 'ip' @('netns', 'exec', $ns, $sysctlTool, $dropIn)
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $values = Get-SendRedirects $ns
            @($values.Keys) | Should -Be @('all', 'default', 'lo', 'v0', 'v1') -Because 'the namespace has lo and a veth pair'
            foreach ($name in $values.Keys) { $values[$name] | Should -Be '0' -Because "$name must send no redirects" }
            (Invoke-Program 'ip' @('netns', 'exec', $ns, 'cat', '/proc/sys/net/ipv4/ip_forward')).StdOut.Trim() | Should -Be '1'
            # An interface added later (a second ENI) takes default's 0.
            $run = Invoke-Program 'ip' @('-n', $ns, 'link', 'add', 'v2', 'type', 'veth', 'peer', 'name', 'v3')
            $run.ExitCode | Should -Be 0 -Because $run.Output
            (Get-SendRedirects $ns)['v2'] | Should -Be '0'
        }

        It "verifies, in the build, HaNat's drop-in alone: applied, read back, a misspelt key refused$noNetns" -Skip:([bool]$noNetns) {
            $verify = [regex]::Match((Get-Content -Raw -LiteralPath $provision), '(?ms)^step_verify\(\) \{.*?^\}').Value
            $verify | Should -Match 'apply_sysctl_file /etc/sysctl\.d/90-hanat\.conf'
            $verify | Should -Not -Match 'sysctl\s+(--system|-p\b)' -Because 'sysctl --system fails the build on any package''s bad key, and procps-ng 3.3 sysctl -p cannot read the glob'

            $ns = New-TestNamespace
            $dir = Join-Path $work "sysctl-$([guid]::NewGuid().ToString('n'))"
            $null = New-Item -ItemType Directory -Path $dir
            Copy-Item -LiteralPath $dropIn -Destination "$dir/90-hanat.conf"
            # Someone else's drop-in beside it, with a key no kernel has: not HaNat's to vouch for, and not read.
            Set-Content -LiteralPath "$dir/50-someone-else.conf" -Value 'net.ipv4.no_such_key = 1'
            $run = Invoke-ProvisionFunction apply_sysctl_file "$dir/90-hanat.conf" -Namespace $ns
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'applied and read back'
            foreach ($value in (Get-SendRedirects $ns).Values) { $value | Should -Be '0' }

            # systemd-sysctl only logs a key it cannot write; the read-back is what fails the build.
            Set-Content -LiteralPath "$dir/91-misspelt.conf" -Value "net.ipv4.ip_forward = 1`nnet.ipv4.conf.*.send_redirect = 0"
            $run = Invoke-ProvisionFunction apply_sysctl_file "$dir/91-misspelt.conf" -Namespace $ns
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'sets net\.ipv4\.conf\.\*\.send_redirect, which this kernel does not have'
        }

        # PowerShell's releases publish hashes.sha256 in UTF-16LE with a byte-order mark and CRLF line ends (7.5.2 and
        # later); the samples here are written in each encoding the lookup must read, with the release's line format.
        It 'finds the tarball''s SHA-256 in a hashes.sha256 written in <Encoding>' -TestCases @(
            @{ Encoding = 'UTF-16LE with a BOM and CRLF'; Make = { [Text.UnicodeEncoding]::new($false, $true) }; NewLine = "`r`n" }
            @{ Encoding = 'UTF-16LE without a BOM, CRLF'; Make = { [Text.UnicodeEncoding]::new($false, $false) }; NewLine = "`r`n" }
            @{ Encoding = 'UTF-16BE with a BOM'; Make = { [Text.UnicodeEncoding]::new($true, $true) }; NewLine = "`n" }
            @{ Encoding = 'UTF-8 with a BOM and CRLF'; Make = { [Text.UTF8Encoding]::new($true) }; NewLine = "`r`n" }
            @{ Encoding = 'UTF-8, LF'; Make = { [Text.UTF8Encoding]::new($false) }; NewLine = "`n" }
        ) {
            param($Encoding, $Make, $NewLine)
            $arm = 'a1' * 32; $x64 = 'B2' * 32; $fxdependent = 'c3' * 32
            $lines = "$x64 *powershell-7.5.2-linux-x64.tar.gz", "$arm *powershell-7.5.2-linux-arm64.tar.gz", "$fxdependent  powershell-7.5.2-linux-x64-fxdependent.tar.gz"
            $file = Join-Path $work "hashes-$([guid]::NewGuid().ToString('n')).sha256"
            [IO.File]::WriteAllText($file, ($lines -join $NewLine) + $NewLine, (& $Make))
            if ($Encoding -like 'UTF-16LE*') {
                # The sample is what the release publishes, and what the old lookup (awk on the raw text) never matched.
                $bytes = [IO.File]::ReadAllBytes($file)
                $bytes[($bytes.Count - 4)..($bytes.Count - 1)] | Should -Be @(13, 0, 10, 0)
                $old = Invoke-Program 'awk' @('-v', 'n=powershell-7.5.2-linux-arm64.tar.gz', '{ f = $NF; sub(/^\*/, "", f) } f == n { print $1; exit }', $file)
                $old.StdOut.Trim() | Should -BeNullOrEmpty
            }
            foreach ($case in @(
                    @{ Name = 'powershell-7.5.2-linux-arm64.tar.gz'; Sum = $arm }, @{ Name = 'powershell-7.5.2-linux-x64.tar.gz'; Sum = $x64 },
                    @{ Name = 'powershell-7.5.2-linux-x64-fxdependent.tar.gz'; Sum = $fxdependent })) {
                $run = Invoke-ProvisionFunction listed_sum $file, $case.Name
                $run.ExitCode | Should -Be 0 -Because $run.Output
                $run.StdOut | Should -BeExactly "$($case.Sum)`n" -Because "the list gives $($case.Name) that sum, with no CR or BOM around it"
            }
            $run = Invoke-ProvisionFunction listed_sum $file, 'powershell-7.5.2-linux-musl-x64.tar.gz'
            $run.StdOut | Should -BeNullOrEmpty -Because 'a name the list does not have has no sum'
        }

        It 'installs PowerShell where the takeover unit starts it, HaNat where it imports it, and hanat-monitor where the monitor unit starts it' {
            $script = Get-Content -Raw -LiteralPath (Join-Path $packerDir 'scripts/provision.sh')
            $exec = @{}
            foreach ($unit in 'hanat-takeover.service', 'hanat-monitor.service') {
                $exec[$unit] = (Get-Content -LiteralPath (Join-Path $packerDir "systemd/$unit") | Where-Object { $_ -match '^ExecStart=' }) -replace '^ExecStart=', ''
            }
            $exec['hanat-takeover.service'] | Should -Match '^/usr/bin/pwsh '
            $exec['hanat-takeover.service'] | Should -Match ([regex]::Escape('/usr/local/share/powershell/Modules/HaNat/HaNat.psd1'))
            $exec['hanat-monitor.service'] | Should -BeExactly '/opt/hanat/monitor/hanat-monitor'
            $script | Should -Match '(?m)^MONITOR_TARGET=opt/hanat/monitor$'
            $script | Should -Match '(?m)^MODULE_TARGET=usr/local/share/powershell/Modules/HaNat$'
            $script | Should -Match '(?m)^PWSH_LINK=usr/bin/pwsh$'
            $script | Should -Match 'dnf -y -q install iptables-nft '
        }
    }

    # The list found at discovery, handed to the run phase (Pester keeps discovery's variables to itself).
    Context 'shell scripts' -ForEach @(@{ ScriptList = @($scripts | ForEach-Object { $_.Script }) }) {
        BeforeAll {
            # shellcheck once per script, all at once (some take seconds); each test reads its script's result.
            $checks = @{}
            $shellcheckPath = Get-Command shellcheck -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
            if ($shellcheckPath) {
                $running = foreach ($script in $ScriptList) {
                    $start = [System.Diagnostics.ProcessStartInfo]::new($shellcheckPath)
                    foreach ($a in '-x', $script) { $start.ArgumentList.Add($a) }
                    $start.WorkingDirectory = $repo
                    $start.RedirectStandardOutput = $true
                    $start.RedirectStandardError = $true
                    $process = [System.Diagnostics.Process]::Start($start)
                    [pscustomobject]@{ Script = $script; Process = $process; Out = $process.StandardOutput.ReadToEndAsync(); Err = $process.StandardError.ReadToEndAsync() }
                }
                foreach ($run in $running) {
                    if (-not $run.Process.WaitForExit(120000)) { $run.Process.Kill($true) }
                    $run.Process.WaitForExit()
                    $checks[$run.Script] = [pscustomobject]@{ ExitCode = $run.Process.ExitCode; Output = $run.Out.Result + $run.Err.Result }
                }
            }
        }

        It 'finds the repository''s shell scripts, the known ones among them' {
            foreach ($known in 'build.sh', 'test.sh', 'packer/scripts/provision.sh', 'scripts/bootstrap.sh') { $ScriptList | Should -Contain $known }
        }

        It "shellcheck finds nothing in <Script>$noShellcheck" -Skip:([bool]$noShellcheck) -TestCases $scripts {
            param($Script)
            $run = $checks[$Script]
            $run | Should -Not -BeNullOrEmpty
            $run.ExitCode | Should -Be 0 -Because $run.Output
        }
    }

    Context 'systemd' {
        BeforeAll {
            # The units as the image has them, beside their drop-ins from packer/files, which systemd-analyze loads
            # from the unit's own directory. verify insists that ExecStart's program exists, and this machine has
            # no /usr/bin/pwsh: /bin/true stands in for it (the program, not its arguments, is what verify checks).
            function New-UnitDirectory([string] $BadDropInLine) {
                $dir = Join-Path $work "units-$([guid]::NewGuid().ToString('n'))"
                $null = New-Item -ItemType Directory -Path $dir
                foreach ($unit in 'hanat-takeover.service', 'hanat-monitor.service') {
                    (Get-Content -Raw -LiteralPath (Join-Path $packerDir "systemd/$unit")).Replace('ExecStart=/usr/bin/pwsh ', 'ExecStart=/bin/true ').Replace('ExecStart=/opt/hanat/monitor/hanat-monitor', 'ExecStart=/bin/true') |
                        Set-Content -LiteralPath (Join-Path $dir $unit) -NoNewline
                    $dropIns = Join-Path $packerDir "files/etc/systemd/system/$unit.d"
                    if (Test-Path -LiteralPath $dropIns) { Copy-Item -Recurse -LiteralPath $dropIns -Destination (Join-Path $dir "$unit.d") }
                }
                if ($BadDropInLine) { Add-Content -LiteralPath (Join-Path $dir 'hanat-takeover.service.d/10-pwsh-environment.conf') -Value $BadDropInLine }
                $dir
            }

            function Invoke-Verify([string] $Dir) {
                $analyze = Get-Command systemd-analyze -CommandType Application | Select-Object -First 1 -ExpandProperty Source
                Invoke-Program $analyze @('verify', (Join-Path $Dir 'hanat-takeover.service'), (Join-Path $Dir 'hanat-monitor.service'))
            }
        }

        It "systemd-analyze verify accepts both units with the image's drop-ins$noAnalyze" -Skip:([bool]$noAnalyze) {
            Test-Path -LiteralPath (Join-Path $packerDir 'files/etc/systemd/system/hanat-takeover.service.d') | Should -BeTrue
            $run = Invoke-Verify (New-UnitDirectory)
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Not -Match 'Unknown (key|section|lvalue)|Invalid|ignoring|not executable' -Because $run.Output
        }

        It 'retries a failed or slow boot takeover a bounded number of times' {
            # [Section] -> key -> value of the unit as systemd reads it: the unit file, then its drop-ins in order.
            $settings = @{}
            $files = @(Join-Path $packerDir 'systemd/hanat-takeover.service') + @(Get-ChildItem -LiteralPath (Join-Path $packerDir 'files/etc/systemd/system/hanat-takeover.service.d') -Filter *.conf | Sort-Object Name | ForEach-Object FullName)
            foreach ($file in $files) {
                $section = ''
                foreach ($line in Get-Content -LiteralPath $file) {
                    if ($line -match '^\[(\w+)\]') { $section = $Matches[1]; continue }
                    if ($line -match '^(\w+)=(.*)$') { $settings["$section.$($Matches[1])"] = $Matches[2] }
                }
            }
            function Get-Seconds([string] $Value) {
                if ($Value -match '^(\d+)(s|sec)?$') { return [int]$Matches[1] }
                if ($Value -match '^(\d+)(min|m)$') { return 60 * [int]$Matches[1] }
                if ($Value -match '^(\d+)h$') { return 3600 * [int]$Matches[1] }
                throw "not a time span this test reads: $Value"
            }
            $settings['Service.Type'] | Should -Be 'oneshot'
            $settings['Service.Restart'] | Should -Be 'on-failure' -Because 'a failed first attempt (IMDS slow at first boot) must not leave the zone unserved for the boot'
            $restartSec = Get-Seconds $settings['Service.RestartSec']
            $restartSec | Should -BeGreaterThan 0
            # The start limit bounds the retries (a takeover refused for good must not call EC2 for ever), and must
            # belong to [Unit]: its window has to outlast the burst, or it resets before it trips.
            $burst = [int]$settings['Unit.StartLimitBurst']
            $burst | Should -BeGreaterThan 1
            $window = Get-Seconds $settings['Unit.StartLimitIntervalSec']
            $window | Should -BeGreaterThan 0 -Because 'StartLimitIntervalSec=0 would retry for ever'
            $window | Should -BeGreaterThan ($burst * ((Get-Seconds $settings['Service.TimeoutStartSec']) + $restartSec))
        }

        It "systemd-analyze verify reads the drop-ins: a misspelt key in one is reported$noAnalyze" -Skip:([bool]$noAnalyze) {
            $run = Invoke-Verify (New-UnitDirectory -BadDropInLine 'Environmnt=HANAT=1')
            $run.Output | Should -Match "Unknown key 'Environmnt'" -Because 'otherwise the check above would pass whatever the drop-ins say'
        }
    }
}
