namespace HaNat.Removal
{
    /// <summary>
    /// A removal, planned from an inventory: the steps in dependency order, what blocks it (resources in the VPC that
    /// HaNat did not make), and what carries a HaNat name but not HaNat's tags and is left alone.
    /// </summary>
    internal sealed class TeardownPlan
    {
        public TeardownPlan(string name, string? vpcId, IEnumerable<TeardownStep> steps, IEnumerable<string> blockers, IEnumerable<string> leftAlone)
        {
            Name = name;
            VpcId = vpcId;
            Steps = steps.ToArray();
            Blockers = blockers.ToArray();
            LeftAlone = leftAlone.ToArray();
        }

        public string Name { get; }
        public string? VpcId { get; }
        public IReadOnlyList<TeardownStep> Steps { get; }

        /// <summary>Non-empty: the removal must not start (see <see cref="TeardownPlanner.Refusal"/>).</summary>
        public IReadOnlyList<string> Blockers { get; }

        public IReadOnlyList<string> LeftAlone { get; }
    }
}
