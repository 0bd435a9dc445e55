namespace HaNat
{
    /// <summary>The error categories HaNat's logic reports; the cmdlets map them to PowerShell's ErrorCategory.</summary>
    public enum HaNatErrorKind
    {
        InvalidArgument,
        ObjectNotFound,
        InvalidOperation,
        ResourceExists,
        AuthenticationError,
        PermissionDenied,
        ConnectionError,
        NotInstalled,
        InvalidResult,
        OperationStopped,
    }
}
