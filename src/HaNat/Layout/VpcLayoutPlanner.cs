using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// Plans a HaNat VPC from its inputs, with no I/O: the network (<see cref="NetworkLayoutPlanner"/>), then the NAT
    /// deployment that serves it (<see cref="NatDeploymentPlanner"/>), each checking its inputs first (each refusal a
    /// <see cref="HaNatException"/> with an ErrorId) in the order name, CIDR block, zones, then the NAT inputs.
    /// What needs AWS to check (that the zones, image and key pair exist, that the name is free) is the builder's job.
    /// </summary>
    internal static class VpcLayoutPlanner
    {
        public static VpcLayout Plan(VpcLayoutRequest request)
        {
            var network = NetworkLayoutPlanner.Plan(request.Name, request.CidrBlock, request.AvailabilityZones);
            var deployment = NatDeploymentPlanner.Plan(new NatDeploymentRequest
            {
                Name = network.Name,
                Region = request.Region,
                VpcCidrBlocks = new[] { network.Cidr },
                // The half where every private subnet lives, also those added there later.
                ForwardedRanges = new[] { network.PrivateHalf },
                ForwardedRangesDescription = "the private subnets' half of the VPC",
                AvailabilityZones = request.AvailabilityZones,
                Nat = request,
            });
            return new VpcLayout(network, deployment);
        }
    }
}
