using HaNat.Routing;
using HaNat.Takeover;

namespace HaNat.Monitor
{
    /// <summary>
    /// The monitor's takeover observer for a handover: once the zone is planned and before its routes move, the
    /// connections the leaving NAT carries for the subnets coming here are relayed to it (<see cref="ConnectionRelay"/>),
    /// after whatever the inner observer does then (the zone's address step). Everything else is the inner observer's.
    /// </summary>
    internal sealed class RelayObserver(TakeoverObserver inner, ConnectionRelay relay, string zone, string previousId) : TakeoverObserver
    {
        private readonly TakeoverObserver _inner = inner;

        public override bool WhatIf => _inner.WhatIf;
        public override bool ShouldProcess(string target, string action) => _inner.ShouldProcess(target, action);
        public override void Warn(string message) => _inner.Warn(message);
        public override T Wait<T>(Task<T> task) => _inner.Wait(task);
        public override bool Proceed(VpcSnapshot snapshot) => _inner.Proceed(snapshot);
        public override void NoSubnets() => _inner.NoSubnets();

        public override void Planned(TakeoverPlan plan)
        {
            _inner.Planned(plan);
            relay.Begin(zone, previousId, ZoneAddressObserver.ServedHere(plan));
        }
    }
}
