namespace HaNat.Build
{
    /// <summary>
    /// One write of a build: what it does and to what (the ShouldProcess and Write-Progress text), and the call.
    /// Steps run one at a time, in order, on the cmdlet's thread, so that progress and -Verbose lines follow them.
    /// </summary>
    /// <param name="Action">"Create subnet", "Attach internet gateway", ...</param>
    /// <param name="Target">The resource, by its Name tag and what identifies it before it exists.</param>
    internal sealed record BuildStep(string Action, string Target, Func<Task> Run)
    {
        public override string ToString() => Action + ": " + Target;
    }
}
