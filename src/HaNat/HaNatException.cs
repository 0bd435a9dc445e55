namespace HaNat
{
    /// <summary>
    /// A failure HaNat can explain: it carries the ErrorId a PowerShell user sees and a message that says what to do.
    /// The logic throws it without knowing about PowerShell; the cmdlet turns it into an ErrorRecord.
    /// </summary>
    public class HaNatException : Exception
    {
        public HaNatException(string errorId, HaNatErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }
        public HaNatErrorKind Kind { get; }
        public object? Target { get; set; }
    }
}
