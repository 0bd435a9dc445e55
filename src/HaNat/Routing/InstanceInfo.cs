using HaNat.Tagging;

namespace HaNat.Routing
{
    internal sealed class InstanceInfo
    {
        public InstanceInfo(string id, string state, string availabilityZone, string vpcId, bool sourceDestCheck,
            IEnumerable<string>? networkInterfaceIds = null, IReadOnlyDictionary<string, string>? tags = null)
        {
            Tags = tags ?? new Dictionary<string, string>();
            Id = id;
            State = state;
            AvailabilityZone = availabilityZone;
            VpcId = vpcId;
            SourceDestCheck = sourceDestCheck;
            NetworkInterfaceIds = (networkInterfaceIds ?? Array.Empty<string>()).ToArray();
        }

        public string Id { get; }
        /// <summary>EC2's state name: pending, running, stopping, stopped, shutting-down, terminated.</summary>
        public string State { get; }
        public string AvailabilityZone { get; }
        public string VpcId { get; }
        public bool SourceDestCheck { get; }
        public IReadOnlyList<string> NetworkInterfaceIds { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        public bool IsRunning => State == "running" || State == "pending";

        /// <summary>
        /// HaNat's own NAT: tagged hanat:managed=true, as the launch template tags every instance it launches. An
        /// application instance is not, and HaNat neither turns it into a NAT nor calls a route to it healthy.
        /// </summary>
        public bool IsHaNatManaged => HaNatTags.IsManaged(Tags);
    }
}
