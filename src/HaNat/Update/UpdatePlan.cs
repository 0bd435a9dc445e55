namespace HaNat.Update
{
    /// <summary>
    /// What Update-HaNatVpc will do, decided before any write (<see cref="UpdatePlanner"/>): a new launch template
    /// version when the settings change (made the default, and named by the group when it pins a number), then each
    /// zone whose NAT is not on that version replaced, one zone at a time, in order.
    /// </summary>
    internal sealed class UpdatePlan
    {
        public UpdatePlan(UpdateSnapshot snapshot, LaunchSettings current, LaunchSettings desired, IReadOnlyList<string> changes,
            IEnumerable<ZoneReplacement> replacements, int? raiseMaxSizeTo, NatDeployment.SpotLayout? spot = null, bool switchesPurchase = false)
        {
            Spot = spot;
            SwitchesPurchase = switchesPurchase;
            Snapshot = snapshot;
            Current = current;
            Desired = desired;
            Changes = changes;
            Replacements = replacements.ToArray();
            RaiseMaxSizeTo = raiseMaxSizeTo;
        }

        public UpdateSnapshot Snapshot { get; }
        public string Name => Snapshot.Name;
        public TemplateState Template => Snapshot.Template!;
        public GroupState Group => Snapshot.Group!;

        /// <summary>The template's default version's settings now.</summary>
        public LaunchSettings Current { get; }

        public LaunchSettings Desired { get; }

        /// <summary>What the new version changes ("image ami-1 -> ami-2"); empty when the default version stays.</summary>
        public IReadOnlyList<string> Changes { get; }

        public bool CreatesVersion => Changes.Count > 0;

        /// <summary>The version the NATs end on: the next one when the plan makes it, else the default.</summary>
        public long TargetVersion => CreatesVersion ? Template.LatestVersion + 1 : Template.DefaultVersion;

        /// <summary>Whether the group names its version by number and so must be told the new one.</summary>
        public bool UpdatesGroupVersion => CreatesVersion && Group.PinsVersion;

        public IReadOnlyList<ZoneReplacement> Replacements { get; }

        /// <summary>
        /// The MaxSize the group needs while a zone has two NATs (its desired capacity plus one), when it is below that;
        /// the rollout puts <see cref="GroupState.MaxSize"/> back at the end.
        /// </summary>
        public int? RaiseMaxSizeTo { get; }

        /// <summary>The group's purchase option once the update is done: its mixed instances policy, or null for on-demand.</summary>
        public NatDeployment.SpotLayout? Spot { get; }

        /// <summary>Whether the group moves between on-demand and spot (-Spot on an on-demand group, -OnDemand on a spot one).</summary>
        public bool SwitchesPurchase { get; }

        /// <summary>
        /// Whether the group's launch settings are rewritten: to switch its purchase option, or, on spot, because its
        /// mixed instances policy names the template's version or the instance types (which a new version may change).
        /// </summary>
        public bool UpdatesGroupLaunch => SwitchesPurchase ||
            (Spot != null && CreatesVersion && (Group.PinsVersion || Desired.InstanceType != Current.InstanceType));

        public bool IsEmpty => !CreatesVersion && !UpdatesGroupLaunch && Replacements.Count == 0;
    }

    /// <summary>One zone of the rollout: its NAT now, the subnet the new one launches in, and the tables it must take.</summary>
    internal sealed class ZoneReplacement
    {
        public ZoneReplacement(string zone, string oldInstanceId, long? oldVersion, string subnetId, IEnumerable<string> tableIds, bool launchesSpot = false)
        {
            LaunchesSpot = launchesSpot;
            Zone = zone;
            OldInstanceId = oldInstanceId;
            OldVersion = oldVersion;
            SubnetId = subnetId;
            TableIds = tableIds.ToArray();
        }

        public string Zone { get; }
        public string OldInstanceId { get; }

        /// <summary>The template version the old NAT was launched from; null when EC2 does not say.</summary>
        public long? OldVersion { get; }

        public string SubnetId { get; }
        public IReadOnlyList<string> TableIds { get; }

        /// <summary>Whether the new NAT is launched on spot: the group is (or becomes) spot, and its on-demand base is filled.</summary>
        public bool LaunchesSpot { get; }

        public override string ToString() => $"{Zone}: {OldInstanceId} (version {OldVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})";
    }
}
