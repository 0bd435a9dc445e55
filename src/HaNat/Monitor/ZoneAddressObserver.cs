using HaNat.Routing;
using HaNat.Takeover;

namespace HaNat.Monitor
{
    /// <summary>
    /// The monitor's takeover observer with the zone's address step in it: once the zone is read, found free to take
    /// (<see cref="TakeoverObserver.Proceed"/>) and planned, and before any route is written, the subnets the plan
    /// sends to this NAT get the zone's Elastic IP (<see cref="ZoneAddressKeeper.Take"/>). Everything else is the
    /// monitor's own observer's.
    /// </summary>
    internal sealed class ZoneAddressObserver(TakeoverObserver inner, ZoneAddressKeeper keeper, string zone) : TakeoverObserver
    {
        private readonly TakeoverObserver _inner = inner;
        private readonly ZoneAddressKeeper _keeper = keeper;
        private readonly string _zone = zone;

        /// <summary>What the address step took; null when it took nothing.</summary>
        public ZoneAddressTaken? Taken { get; private set; }

        public override bool WhatIf => _inner.WhatIf;
        public override bool ShouldProcess(string target, string action) => _inner.ShouldProcess(target, action);
        public override void Warn(string message) => _inner.Warn(message);
        public override T Wait<T>(Task<T> task) => _inner.Wait(task);
        public override bool Proceed(VpcSnapshot snapshot) => _inner.Proceed(snapshot);
        public override void NoSubnets() => _inner.NoSubnets();

        public override void Planned(TakeoverPlan plan)
        {
            _inner.Planned(plan);
            Taken = _keeper.Take(_zone, ServedHere(plan));
        }

        /// <summary>The CIDRs of the subnets whose traffic the plan brings to this NAT (not those left elsewhere or sent to a NAT gateway).</summary>
        public static IReadOnlyList<string> ServedHere(TakeoverPlan plan) =>
            plan.Subnets.Where(s => s.Target == null).Select(s => s.Subnet.CidrBlock).Where(c => !string.IsNullOrEmpty(c))
                .Distinct(StringComparer.Ordinal).ToList();
    }
}
