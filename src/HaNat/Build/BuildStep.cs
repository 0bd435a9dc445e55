namespace HaNat.Build
{
    /// <summary>
    /// One write of a build: what it does and to what (the ShouldProcess and Write-Progress text), and the call.
    /// Steps run one at a time, in order, on the cmdlet's thread, so that progress and -Verbose lines follow them.
    /// </summary>
    internal sealed class BuildStep
    {
        public BuildStep(string action, string target, Func<Task> run)
        {
            Action = action;
            Target = target;
            Run = run;
        }

        /// <summary>"Create subnet", "Attach internet gateway", ...</summary>
        public string Action { get; }

        /// <summary>The resource, by its Name tag and what identifies it before it exists.</summary>
        public string Target { get; }

        public Func<Task> Run { get; }

        public override string ToString() => Action + ": " + Target;
    }
}
