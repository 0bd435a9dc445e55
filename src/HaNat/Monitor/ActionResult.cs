namespace HaNat.Monitor
{
    /// <summary>What a finished action changed, for the loop's own bookkeeping.</summary>
    internal sealed class ActionResult
    {
        public ActionResult(FailoverAction action, bool succeeded)
        {
            Action = action;
            Succeeded = succeeded;
        }

        public FailoverAction Action { get; }
        public bool Succeeded { get; }
    }
}
