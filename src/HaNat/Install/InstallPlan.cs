namespace HaNat.Install
{
    /// <summary>What Add-HaNatVpc will do in a VPC it did not build, decided before any write (<see cref="InstallPlanner"/>).</summary>
    internal sealed class InstallPlan
    {
        public InstallPlan(string name, string vpcId, IEnumerable<string> cidrBlocks, IEnumerable<ZoneInstall> zones,
            IEnumerable<LeftTable> leftTables, bool alreadyInstalled)
        {
            Name = name;
            VpcId = vpcId;
            CidrBlocks = cidrBlocks.ToArray();
            Zones = zones.ToArray();
            LeftTables = leftTables.ToArray();
            AlreadyInstalled = alreadyInstalled;
        }

        public string Name { get; }
        public string VpcId { get; }
        public IReadOnlyList<string> CidrBlocks { get; }
        public IReadOnlyList<ZoneInstall> Zones { get; }
        public IReadOnlyList<LeftTable> LeftTables { get; }

        /// <summary>The VPC already carries hanat:served-by with this name: the deployment exists, only new tables get tags.</summary>
        public bool AlreadyInstalled { get; }

        public IEnumerable<ServedTable> ServedTables => Zones.SelectMany(z => z.ServedTables);

        /// <summary>The tables that still need HaNat's tags (or a table of their own).</summary>
        public IEnumerable<ServedTable> TablesToWrite => ServedTables.Where(t => !t.AlreadyServed);

        /// <summary>Whether running the plan writes anything at all.</summary>
        public bool HasWrites => !AlreadyInstalled || TablesToWrite.Any();
    }
}
