namespace HaNat.Update
{
    /// <summary>
    /// What Update-HaNatVpc read of one HaNat deployment before deciding anything: its launch template, its group and
    /// the group's NATs, and per zone where its NAT launches and the tables it serves. Plain data:
    /// <see cref="UpdatePlanner"/> decides from it without any call.
    /// </summary>
    internal sealed class UpdateSnapshot
    {
        public UpdateSnapshot(string name, string vpcId, bool isAdded, TemplateState? template, GroupState? group,
            IEnumerable<ZoneState> zones, IEnumerable<NatState> nats)
        {
            Name = name;
            VpcId = vpcId;
            IsAdded = isAdded;
            Template = template;
            Group = group;
            Zones = zones.ToArray();
            Nats = nats.ToArray();
        }

        public string Name { get; }
        public string VpcId { get; }
        public bool IsAdded { get; }

        /// <summary>Null when the deployment has no launch template (a removal that stopped half-way).</summary>
        public TemplateState? Template { get; }

        /// <summary>Null when the deployment has no Auto Scaling group.</summary>
        public GroupState? Group { get; }

        /// <summary>In the deployment's zone order: the order of the rollout.</summary>
        public IReadOnlyList<ZoneState> Zones { get; }

        /// <summary>The group's instances, in whatever state the group lists them.</summary>
        public IReadOnlyList<NatState> Nats { get; }
    }

    /// <summary>The launch template: its default version (what the group and a rollout launch) and that version's settings.</summary>
    internal sealed class TemplateState
    {
        public TemplateState(string id, string name, long defaultVersion, long latestVersion, LaunchSettings settings)
        {
            Id = id;
            Name = name;
            DefaultVersion = defaultVersion;
            LatestVersion = latestVersion;
            Settings = settings;
        }

        public string Id { get; }
        public string Name { get; }
        public long DefaultVersion { get; }
        public long LatestVersion { get; }
        public LaunchSettings Settings { get; }
    }

    /// <summary>The group: how it names its template's version ($Default, $Latest or a number) and its sizes.</summary>
    internal sealed class GroupState
    {
        public GroupState(string name, string? templateVersion, int minSize, int maxSize, int desiredCapacity, bool isSpot = false)
        {
            IsSpot = isSpot;
            Name = name;
            TemplateVersion = templateVersion;
            MinSize = minSize;
            MaxSize = maxSize;
            DesiredCapacity = desiredCapacity;
        }

        public string Name { get; }
        public string? TemplateVersion { get; }
        public int MinSize { get; }
        public int MaxSize { get; }
        public int DesiredCapacity { get; }

        /// <summary>Whether the group runs its NATs on spot: a mixed instances policy (New-HaNatVpc -Spot) names its template.</summary>
        public bool IsSpot { get; }

        /// <summary>Whether the group names a version by number, which a new default version does not move.</summary>
        public bool PinsVersion => long.TryParse(TemplateVersion, out _);
    }

    /// <summary>One zone: the subnet its NAT launches in, and each table it serves with the instance its default route goes to.</summary>
    internal sealed class ZoneState
    {
        public ZoneState(string zone, string? natSubnetId, IEnumerable<ServedTable> tables)
        {
            Zone = zone;
            NatSubnetId = natSubnetId;
            Tables = tables.ToArray();
        }

        public string Zone { get; }
        public string? NatSubnetId { get; }
        public IReadOnlyList<ServedTable> Tables { get; }
    }

    /// <summary>A served table and its default route: the instance it goes to, or what else (a NAT gateway, nothing).</summary>
    internal sealed class ServedTable
    {
        public ServedTable(string id, string? routeInstanceId, string? routeTarget)
        {
            Id = id;
            RouteInstanceId = routeInstanceId;
            RouteTarget = routeTarget;
        }

        public string Id { get; }
        public string? RouteInstanceId { get; }

        /// <summary>The target as a person would name it; null when the table has no default route.</summary>
        public string? RouteTarget { get; }
    }

    /// <summary>
    /// One of the group's NATs: its zone, the group's view of it (LifecycleState, HealthStatus), and the launch
    /// template version it was launched from (EC2's aws:ec2launchtemplate:version tag), null when unknown.
    /// </summary>
    internal sealed class NatState
    {
        public NatState(string instanceId, string zone, string lifecycleState, string healthStatus, long? templateVersion, bool isSpot = false)
        {
            IsSpot = isSpot;
            InstanceId = instanceId;
            Zone = zone;
            LifecycleState = lifecycleState;
            HealthStatus = healthStatus;
            TemplateVersion = templateVersion;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public string LifecycleState { get; }
        public string HealthStatus { get; }
        public long? TemplateVersion { get; }

        /// <summary>A spot instance (EC2's InstanceLifecycle); false for on-demand.</summary>
        public bool IsSpot { get; }

        public bool IsInService => LifecycleState == "InService";

        public bool IsHealthy => string.Equals(HealthStatus, "Healthy", StringComparison.OrdinalIgnoreCase);

        /// <summary>On its way out of the group, or gone: no longer one of the zone's NATs.</summary>
        public bool IsLeaving => LifecycleState.StartsWith("Terminat", StringComparison.Ordinal) ||
            LifecycleState.StartsWith("Detach", StringComparison.Ordinal);
    }
}
