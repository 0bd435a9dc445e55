using HaNat.Aws;

namespace HaNat.Takeover
{
    /// <summary>
    /// Whether this process runs on an EC2 instance, and which. Asked once per process: the answer does not change,
    /// and off an instance each probe costs a timeout.
    /// </summary>
    internal static class LocalInstance
    {
        private static readonly object Gate = new object();
        private static string? _probedEndpoint;
        private static InstanceMetadata? _identity;
        private static HaNatException? _failure;

        /// <summary>This instance's identity, or the reason there is none (thrown).</summary>
        public static InstanceMetadata Require(CancellationToken cancellation)
        {
            Probe(cancellation);
            if (_identity != null) return _identity;
            throw _failure!;
        }

        /// <summary>This instance's identity, or null off an instance.</summary>
        public static InstanceMetadata? TryGet(CancellationToken cancellation)
        {
            Probe(cancellation);
            return _identity;
        }

        private static void Probe(CancellationToken cancellation)
        {
            var endpoint = InstanceMetadataClient.ConfiguredEndpoint();
            lock (Gate)
            {
                if (_probedEndpoint == endpoint && !InstanceMetadataClient.Disabled) return;
                _identity = null;
                _failure = null;
                try
                {
                    _identity = new InstanceMetadataClient(endpoint, TimeSpan.FromSeconds(1)).GetIdentity(cancellation);
                }
                catch (HaNatException ex)
                {
                    _failure = ex;
                }
                _probedEndpoint = InstanceMetadataClient.Disabled ? null : endpoint;
            }
        }
    }
}
