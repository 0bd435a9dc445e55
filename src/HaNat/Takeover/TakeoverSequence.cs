using Amazon.EC2;
using HaNat.Aws;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Takeover
{
    /// <summary>
    /// The one takeover of a zone by a NAT, for Invoke-HaNatTakeover and the monitor alike: read the zone's subnets,
    /// routes and address → plan → apply the plan. The caller has found the NAT and checked it may act; the
    /// <see cref="TakeoverObserver"/> says what to ask, where to report, and whether to go on once the zone is read.
    /// </summary>
    internal static class TakeoverSequence
    {
        /// <param name="holdNatGatewaysBecause">Why this NAT cannot carry traffic yet: tables on a working NAT gateway or a running NAT stay there (see <see cref="TakeoverPlanner"/>).</param>
        /// <returns>What each subnet of the zone now routes to; null when the sequence ended before a plan.</returns>
        public static IReadOnlyList<TakeoverResult>? Run(IAmazonEC2 ec2, AwsSession session, InstanceInfo nat, string zone,
            PrivateSubnetTag tag, bool force, TakeoverObserver observer,
            string? holdNatGatewaysBecause = null)
        {
            var snapshot = observer.Wait(TakeoverSnapshot.ReadAsync(new Ec2Reader(ec2, session), nat, zone, tag, readRouteTargets: holdNatGatewaysBecause != null));
            if (!observer.Proceed(snapshot)) return null;
            if (snapshot.PrivateSubnets.Count == 0)
            {
                observer.NoSubnets();
                return null;
            }
            var plan = TakeoverPlanner.Plan(nat, zone, snapshot, force, ServedTables.DeploymentOf(tag), holdNatGatewaysBecause);
            observer.Planned(plan);
            return new TakeoverExecutor(ec2, session).Apply(plan, observer);
        }
    }
}
