using System.Runtime.CompilerServices;

// HaNat's API is its cmdlets and the types they take as parameters or write to the pipeline (and HaNatException,
// which users catch); every other type is internal, so that no refactor inside can break a user. It also keeps
// Import-Module light: PowerShell's import scans the constructors of every public type, and a public type that
// took EC2 client types would load the 5 MB AWSSDK.EC2 at import instead of at the first EC2 call.
// xunit reaches the internals; Pester reaches the few it needs through TestHelpers' Get-HaNatInternalType.
[assembly: InternalsVisibleTo("HaNat.Tests")]
// The hanat-monitor executable (src/HaNat.MonitorHost) runs the monitor through the same internal types as Start-HaNatMonitor.
[assembly: InternalsVisibleTo("hanat-monitor")]
