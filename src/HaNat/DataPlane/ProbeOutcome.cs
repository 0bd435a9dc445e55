namespace HaNat.DataPlane
{
    /// <summary>The outcome of one egress probe.</summary>
    internal sealed record ProbeOutcome(string Target, bool Reached, string Detail, long Milliseconds);
}
