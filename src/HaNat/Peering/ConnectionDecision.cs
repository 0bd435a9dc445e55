namespace HaNat.Peering
{
    internal sealed class ConnectionDecision
    {
        public ConnectionDecision(ConnectionStep step, PeeringConnectionInfo? existing, PeeringEnd accepter, string name)
        {
            Step = step;
            Existing = existing;
            Accepter = accepter;
            Name = name;
        }

        public ConnectionStep Step { get; }
        /// <summary>The connection to use; null when one is to be created.</summary>
        public PeeringConnectionInfo? Existing { get; }
        public string? Id => Existing?.Id;
        /// <summary>The end whose owner and region accept the connection.</summary>
        public PeeringEnd Accepter { get; }
        /// <summary>The Name tag of a connection to create: "&lt;local name&gt;-to-&lt;peer name&gt;".</summary>
        public string Name { get; }
    }
}
