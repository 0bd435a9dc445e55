namespace HaNat.Install
{
    /// <summary>The NAT gateways -DeleteNatGateway deletes, and each one it keeps with why.</summary>
    internal sealed class GatewayRetirementPlan
    {
        public GatewayRetirementPlan(IEnumerable<GatewayRetirement> retirements, IEnumerable<(string GatewayId, string Why)> kept)
        {
            Retirements = retirements.ToArray();
            Kept = kept.ToArray();
        }

        public IReadOnlyList<GatewayRetirement> Retirements { get; }
        public IReadOnlyList<(string GatewayId, string Why)> Kept { get; }
    }
}
