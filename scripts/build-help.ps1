<#
.SYNOPSIS
    Writes the module's MAML help (src/HaNat/en-US/HaNat.dll-Help.xml) from docs/help/*.psd1 and the cmdlets'
    own metadata.
.DESCRIPTION
    The prose (synopsis, description, each parameter, examples) lives in docs/help/<Cmdlet>.psd1, and the AWS
    common parameters' text in docs/help/_CommonParameters.psd1. Everything a reader could get wrong by hand
    (syntax, types, positions, pipeline input, aliases, mandatory flags, an enum's values) comes from the built
    module itself. -WhatIf and -Confirm are listed for the cmdlets that support them, as PowerShell's own help
    lists them, with the text in _CommonParameters.psd1 unless the cmdlet's file has its own; a Nullable parameter
    shows its underlying type, never Nullable`1.
    What is missing (a cmdlet without a file, a parameter without text, fewer than two examples) is listed and the
    script exits 1, after writing what it could.
.PARAMETER ModulePath
    The built manifest to read the cmdlets from.
.PARAMETER OutFile
    Where to write the MAML.
#>
param(
    [string] $ModulePath = "$PSScriptRoot/../out/HaNat/HaNat.psd1",
    [string] $OutFile = "$PSScriptRoot/../src/HaNat/en-US/HaNat.dll-Help.xml",
    [string] $HelpSource = "$PSScriptRoot/../docs/help"
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$common = Import-PowerShellDataFile (Join-Path $HelpSource '_CommonParameters.psd1')
# The common parameters Get-HaNatX shares with every cmdlet go in [<CommonParameters>]; -WhatIf and -Confirm belong
# to the cmdlets that support ShouldProcess, and their help lists them (Get-Help X -Parameter WhatIf).
$skip = [System.Management.Automation.PSCmdlet]::CommonParameters + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters | Where-Object { $_ -notin 'WhatIf', 'Confirm' })
$problems = [System.Collections.Generic.List[string]]::new()

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$buffer = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($buffer, $settings)

function Para([string] $prefix, [string] $name, [string[]] $text) {
    $w.WriteStartElement($prefix, $name, $ns[$prefix])
    foreach ($line in $text) { $w.WriteElementString('maml', 'para', $ns.maml, $line) }
    $w.WriteEndElement()
}

function PipelineText($attributes) {
    $kinds = @()
    if ($attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# What a parameter takes, as a reader names it: Nullable<T> is T (an optional enum is still that enum), an array
# keeps its brackets.
function ValueType([type] $type) {
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $underlying } else { $type }
}

# The values a parameter accepts, when they are a closed list: an enum's names, or a ValidateSet's values.
function AcceptedValues($parameter) {
    $type = ValueType $parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    if ($type.IsEnum) { return @([enum]::GetNames($type)) }
    @()
}

function Parameter($cmdletName, $parameter, [string] $setName, [string] $text) {
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $inSet = @($attributes | Where-Object { $_.ParameterSetName -eq $setName -or $_.ParameterSetName -eq '__AllParameterSets' })
    $first = if ($inSet) { $inSet[0] } else { $attributes[0] }
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', "$([bool]$first.Mandatory)".ToLowerInvariant())
    $w.WriteAttributeString('variableLength', "$($parameter.ParameterType.IsArray)".ToLowerInvariant())
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (PipelineText $inSet))
    $w.WriteAttributeString('position', $(if ($first.Position -ge 0) { "$($first.Position)" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $parameter.Name)
    $values = @(AcceptedValues $parameter)
    $paras = @($text)
    # (Unless the text names them all already.)
    if ($values -and @($values | Where-Object { $text -notmatch "\b$([regex]::Escape($_))\b" })) { $paras += "Accepted values: $($values -join ', ')." }
    Para 'maml' 'description' $paras
    $type = ValueType $parameter.ParameterType
    $typeName = if ($type -eq [System.Management.Automation.SwitchParameter]) { 'SwitchParameter' } else { $type.Name }
    if ($values) {
        # Get-Help shows these in the syntax as {a | b}.
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $values) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false')
            $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($value)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    if ($typeName -ne 'SwitchParameter') {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant())
        $w.WriteString($typeName)
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, $type.FullName)
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, 'None')
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')

foreach ($cmdlet in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $sourceFile = Join-Path $HelpSource "$($cmdlet.Name).psd1"
    if (-not (Test-Path $sourceFile)) { $problems.Add("$($cmdlet.Name): no docs/help/$($cmdlet.Name).psd1"); continue }
    $doc = Import-PowerShellDataFile $sourceFile
    $own = $cmdlet.Parameters.Values | Where-Object { $_.Name -notin $skip }
    $textOf = @{}
    foreach ($parameter in $own) {
        $text = if ($doc.Parameters.ContainsKey($parameter.Name)) { $doc.Parameters[$parameter.Name] } else { $common[$parameter.Name] }
        if ($text) { $text = ([string]$text).Replace('{ConfirmImpact}', "$($cmdlet.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact)") }
        if (-not $text) { $problems.Add("$($cmdlet.Name) -$($parameter.Name): no description") }
        $textOf[$parameter.Name] = [string]$text
    }
    if (@($doc.Examples).Count -lt 2) { $problems.Add("$($cmdlet.Name): fewer than two examples") }
    foreach ($key in @($doc.Parameters.Keys)) {
        if (-not $cmdlet.Parameters.ContainsKey($key)) { $problems.Add("$($cmdlet.Name): help describes -$key, which the cmdlet does not have") }
    }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $cmdlet.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $cmdlet.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $cmdlet.Noun)
    Para 'maml' 'description' @($doc.Synopsis)
    $w.WriteEndElement()
    Para 'maml' 'description' @($doc.Description)

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $cmdlet.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $cmdlet.Name)
        # Positional parameters first, by position, as PowerShell's own syntax lines show them (a base class's
        # parameters come last in reflection order otherwise).
        $ordered = $set.Parameters | Where-Object { $_.Name -notin $skip } |
            Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }
        foreach ($parameter in $ordered) {
            Parameter $cmdlet.Name $cmdlet.Parameters[$parameter.Name] $set.Name $textOf[$parameter.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    $ownOrdered = $own | Sort-Object -Stable { $p = $_.ParameterSets.Values | ForEach-Object Position | Where-Object { $_ -ge 0 } | Select-Object -First 1; if ($null -ne $p) { $p } else { [int]::MaxValue } }
    foreach ($parameter in $ownOrdered) { Parameter $cmdlet.Name $parameter '__AllParameterSets' $textOf[$parameter.Name] }
    $w.WriteEndElement()

    foreach ($pair in @(@('inputTypes', 'inputType', $doc.Inputs), @('returnValues', 'returnValue', $doc.Outputs))) {
        $w.WriteStartElement('command', $pair[0], $ns.command)
        foreach ($item in @($pair[2])) {
            $w.WriteStartElement('command', $pair[1], $ns.command)
            $w.WriteStartElement('dev', 'type', $ns.dev)
            $w.WriteElementString('maml', 'name', $ns.maml, ($item -split ':', 2)[0])
            $w.WriteEndElement()
            Para 'maml' 'description' @($item)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    $w.WriteStartElement('maml', 'alertSet', $ns.maml)
    $w.WriteStartElement('maml', 'alert', $ns.maml)
    $w.WriteElementString('maml', 'para', $ns.maml, [string]$doc.Notes)
    $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in @($doc.Examples)) {
        $number++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        Para 'dev' 'remarks' @($example.Remarks)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @($doc.Links)) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush()
$w.Dispose()

$text = [System.Text.Encoding]::UTF8.GetString($buffer.ToArray()) -replace "`r`n", "`n"
$existing = if (Test-Path $OutFile) { Get-Content -Raw $OutFile } else { '' }
if ($existing -ne "$text`n") { Set-Content -Path $OutFile -Value $text -NoNewline:$false -Encoding utf8NoBOM }

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" }
    exit 1
}
