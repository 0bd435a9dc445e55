using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// Fetches the heartbeat key: an SSM SecureString (decrypted on read) holding base64 of at least 16 random
    /// bytes (New-HaNatVpc makes 32), under /hanat/&lt;vpc-name&gt;/heartbeat-key unless a name is given. Retries with
    /// backoff until it has one: without a key the monitor neither sends nor believes heartbeats. A failure that waiting
    /// cures (EC2 or SSM throttling, failing, not answering) is retried on the monitor's capped cadence
    /// (<see cref="Ec2RetryPolicy"/>, at most a second apart): a NAT that started during an outage must beat within
    /// a second of its end, before its peers' grace for a NAT never heard (30 s) runs out and they take its zone.
    /// Any other (no such parameter, access denied) backs off to 30 s, as a user fixes it.
    /// </summary>
    internal sealed class HeartbeatKeySource
    {
        public const int MinimumKeyBytes = 16;
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

        private readonly AwsSession _session;
        private readonly Ec2Reader _reader;
        private readonly string _vpcId;
        private readonly MonitorLog _log;
        private readonly Ec2RetryPolicy? _retry;
        private string? _parameterName;
        private volatile byte[]? _key;

        /// <param name="retry">The monitor's policy: its call bounds for SSM, its cadence for transient failures; null: the cmdlets' client and backoff only.</param>
        public HeartbeatKeySource(AwsSession session, Ec2Reader reader, string vpcId, string? parameterName, MonitorLog log, Ec2RetryPolicy? retry = null)
        {
            _session = session;
            _reader = reader;
            _vpcId = vpcId;
            _parameterName = parameterName;
            _log = log;
            _retry = retry;
        }

        public byte[]? Key => _key;

        public static string DefaultParameterName(string vpcName) => $"/hanat/{vpcName}/heartbeat-key";

        /// <summary>Tries until the key is read or <paramref name="cancellation"/> trips; one try only when <paramref name="once"/>.</summary>
        public async Task RunAsync(CancellationToken cancellation, bool once = false)
        {
            var backoff = TimeSpan.FromSeconds(1);
            var transientFailures = 0;
            while (!cancellation.IsCancellationRequested)
            {
                var wait = backoff;
                try
                {
                    _key = await FetchAsync().ConfigureAwait(false);
                    _log.Event("key-loaded", ("parameter", _parameterName));
                    return;
                }
                catch (HaNatException ex) when (!cancellation.IsCancellationRequested)
                {
                    var fast = _retry != null && Ec2RetryPolicy.IsTransient(ex) ? _retry.DelayAfter(++transientFailures, 0.5) : null;
                    if (fast.HasValue) wait = TimeSpan.FromSeconds(fast.Value);
                    _log.Event("key-unavailable", ("parameter", _parameterName ?? "unknown"), ("error", ex.Message),
                        ("retry_s", once ? null : (object)Math.Round(wait.TotalSeconds, 2)));
                    // Only a failure that waiting does not cure lengthens the slow backoff.
                    if (!fast.HasValue) backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                }
                if (once) return;
                try
                {
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task<byte[]> FetchAsync()
        {
            if (_parameterName == null)
            {
                var tags = await _reader.DescribeVpcTagsAsync(_vpcId).ConfigureAwait(false)
                    ?? throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound, $"VPC {_vpcId} was not found.");
                // A VPC HaNat built is named by hanat:vpc-name; one Add-HaNatVpc serves carries the deployment's name
                // in hanat:served-by, and the key is that deployment's.
                var name = HaNatTags.DeploymentNameOf(tags);
                if (name == null)
                {
                    throw new HaNatException("HeartbeatKeyParameterUnknown", HaNatErrorKind.ObjectNotFound,
                        $"{_vpcId} has neither a {HaNatTags.VpcName} nor a {HaNatTags.ServedBy} tag, so the heartbeat key's name is unknown: tag the VPC, or pass -HeartbeatKeyParameter.");
                }
                _parameterName = DefaultParameterName(name);
            }

            using var ssm = _session.CreateSsmClient(_retry?.CallBounds);
            var name2 = _parameterName;
            var response = await _session.Call("SSM", "GetParameter", name2 + " (decrypted)",
                ct => ssm.GetParameterAsync(new GetParameterRequest { Name = name2, WithDecryption = true }, ct)).ConfigureAwait(false);
            return Parse(response.Parameter?.Value, name2);
        }

        /// <summary>The key bytes from the parameter's value, or why they are unusable.</summary>
        public static byte[] Parse(string? value, string parameterName)
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String((value ?? "").Trim());
            }
            catch (FormatException)
            {
                throw new HaNatException("HeartbeatKeyInvalid", HaNatErrorKind.InvalidResult,
                    $"{parameterName} is not base64. It must hold base64 of at least {MinimumKeyBytes} random bytes (32 recommended).");
            }
            if (key.Length < MinimumKeyBytes)
            {
                throw new HaNatException("HeartbeatKeyInvalid", HaNatErrorKind.InvalidResult,
                    $"{parameterName} holds {key.Length} bytes; a heartbeat key needs at least {MinimumKeyBytes} (32 recommended).");
            }
            return key;
        }
    }
}
