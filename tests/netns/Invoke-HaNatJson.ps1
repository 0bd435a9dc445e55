<#
Runs one HaNat cmdlet from a freshly imported module and prints, as one JSON object, everything it said: Output
(objects, enums as names), Errors (ErrorId, Category, Message, Target), Warnings and Verbose lines. The namespace
tests run it with `ip netns exec` so the module works inside a namespace exactly as on an instance, and read the
JSON back instead of scraping formatted text.

    pwsh -NoProfile -NonInteractive -File Invoke-HaNatJson.ps1 -ModulePath out/HaNat/HaNat.psd1 `
        -Command Invoke-HaNatTakeover -ParametersJson '{"EndpointUrl":"http://127.0.0.1:5000","Region":"us-east-1"}'
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Command,
    [string] $ParametersJson = '{}'
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$parameters = $ParametersJson | ConvertFrom-Json -AsHashtable
$output = [System.Collections.Generic.List[object]]::new()
$verbose = [System.Collections.Generic.List[string]]::new()
$warnings = [System.Collections.Generic.List[string]]::new()
$errors = [System.Collections.Generic.List[object]]::new()

function Add-Error([System.Management.Automation.ErrorRecord] $record) {
    $errors.Add([ordered]@{
        # FullyQualifiedErrorId is "ErrorId,Command"; the first part is what HaNat chose.
        ErrorId  = ($record.FullyQualifiedErrorId -split ',')[0]
        Category = "$($record.CategoryInfo.Category)"
        Message  = $record.Exception.Message
        Target   = "$($record.TargetObject)"
    })
}

try {
    & $Command @parameters -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 3>&1 4>&1 | ForEach-Object {
        switch ($_) {
            { $_ -is [System.Management.Automation.VerboseRecord] } { $verbose.Add($_.Message); break }
            { $_ -is [System.Management.Automation.WarningRecord] } { $warnings.Add($_.Message); break }
            default { $output.Add($_) }
        }
    }
    foreach ($record in $failed) { Add-Error $record }
} catch {
    Add-Error $_
}

[ordered]@{
    Output   = $output.ToArray()
    Errors   = $errors.ToArray()
    Warnings = $warnings.ToArray()
    Verbose  = $verbose.ToArray()
} | ConvertTo-Json -Depth 6 -EnumsAsStrings -Compress
