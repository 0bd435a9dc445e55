// The compiler needs this type for init accessors, and so for records; netstandard2.0 does not have it, and
// declaring it internally is the documented way to use them on older targets.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
