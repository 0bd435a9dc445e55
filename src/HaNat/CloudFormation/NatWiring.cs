using System.Text.Json.Nodes;

namespace HaNat.CloudFormation
{
    /// <summary>How the template's NATs are tied to the VPC they serve (see <see cref="NatResources"/>).</summary>
    internal sealed class NatWiring
    {
        public NatWiring(JsonNode policy, string userData, IReadOnlyList<JsonNode> launchSubnets, IReadOnlyList<string> groupDependsOn)
        {
            Policy = policy;
            UserData = userData;
            LaunchSubnets = launchSubnets;
            GroupDependsOn = groupDependsOn;
        }

        /// <summary>The NAT role's inline policy document.</summary>
        public JsonNode Policy { get; }

        /// <summary>The launch template's user data, as the text of an Fn::Sub.</summary>
        public string UserData { get; }

        /// <summary>Per zone, in zone order, the subnet the zone's NAT launches in.</summary>
        public IReadOnlyList<JsonNode> LaunchSubnets { get; }

        /// <summary>What must exist before the first NAT boots and takes its zone over.</summary>
        public IReadOnlyList<string> GroupDependsOn { get; }
    }
}
