namespace HaNat.Peering
{
    /// <summary>What to do about the peering connection between the two VPCs (reuse, await, accept or create), and which.</summary>
    /// <param name="Existing">The connection to use; null when one is to be created.</param>
    /// <param name="Accepter">The end whose owner and region accept the connection.</param>
    /// <param name="Name">The Name tag of a connection to create: "&lt;local name&gt;-to-&lt;peer name&gt;".</param>
    internal sealed record ConnectionDecision(ConnectionStep Step, PeeringConnectionInfo? Existing, PeeringEnd Accepter,
        string Name)
    {
        public string? Id => Existing?.Id;
    }
}
