using System.Runtime.CompilerServices;

// The classes that take EC2 client types in their constructors are internal: PowerShell's import scans the
// constructors of every public type, and a public one would load the 5 MB AWSSDK.EC2 at Import-Module time
// instead of at the first EC2 call. The tests still reach them.
[assembly: InternalsVisibleTo("HaNat.Tests")]
