namespace HaNat.Removal
{
    /// <summary>
    /// A removal, planned from an inventory: the steps in dependency order, what blocks it (resources in the VPC that
    /// HaNat did not make), and what carries a HaNat name but not HaNat's tags and is left alone.
    /// </summary>
    internal sealed class TeardownPlan
    {
        public TeardownPlan(string name, string? vpcId, IEnumerable<TeardownStep> steps, IEnumerable<string> blockers, IEnumerable<string> leftAlone,
            bool isAdded = false, IEnumerable<string>? warnings = null)
        {
            IsAdded = isAdded;
            Warnings = (warnings ?? Array.Empty<string>()).ToArray();
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

        /// <summary>
        /// A deployment in a VPC HaNat did not build (Add-HaNatVpc's): the removal puts back what was there and
        /// deletes only the deployment; the VPC and everything HaNat did not make stay.
        /// </summary>
        public bool IsAdded { get; }

        /// <summary>What cannot be put back as it was (a served table whose NAT gateway is gone), one sentence each.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
