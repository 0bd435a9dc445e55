using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// Fetches the heartbeat key: an SSM SecureString (decrypted on read) holding base64 of at least 16 random
    /// bytes (New-HaNatVpc makes 32), under /hanat/&lt;vpc-name&gt;/heartbeat-key unless a name is given. Retries with
    /// backoff until it has one: without a key the monitor neither sends nor believes heartbeats.
    /// </summary>
    internal sealed class HeartbeatKeySource
    {
        public const int MinimumKeyBytes = 16;
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

        private readonly AwsSession _session;
        private readonly Ec2Reader _reader;
        private readonly string _vpcId;
        private readonly MonitorLog _log;
        private string? _parameterName;
        private volatile byte[]? _key;

        public HeartbeatKeySource(AwsSession session, Ec2Reader reader, string vpcId, string? parameterName, MonitorLog log)
        {
            _session = session;
            _reader = reader;
            _vpcId = vpcId;
            _parameterName = parameterName;
            _log = log;
        }

        public byte[]? Key => _key;

        public static string DefaultParameterName(string vpcName) => $"/hanat/{vpcName}/heartbeat-key";

        /// <summary>Tries until the key is read or <paramref name="cancellation"/> trips; one try only when <paramref name="once"/>.</summary>
        public async Task RunAsync(CancellationToken cancellation, bool once = false)
        {
            var backoff = TimeSpan.FromSeconds(1);
            while (!cancellation.IsCancellationRequested)
            {
                try
                {
                    _key = await FetchAsync().ConfigureAwait(false);
                    _log.Event("key-loaded", ("parameter", _parameterName));
                    return;
                }
                catch (HaNatException ex) when (!cancellation.IsCancellationRequested)
                {
                    _log.Event("key-unavailable", ("parameter", _parameterName ?? "unknown"), ("error", ex.Message),
                        ("retry_s", once ? null : (object)backoff.TotalSeconds));
                }
                if (once) return;
                try
                {
                    await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }

        private async Task<byte[]> FetchAsync()
        {
            if (_parameterName == null)
            {
                var tags = await _reader.DescribeVpcTagsAsync(_vpcId).ConfigureAwait(false)
                    ?? throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound, $"VPC {_vpcId} was not found.");
                if (!tags.TryGetValue(HaNatTags.VpcName, out var name) || string.IsNullOrWhiteSpace(name))
                {
                    throw new HaNatException("HeartbeatKeyParameterUnknown", HaNatErrorKind.ObjectNotFound,
                        $"{_vpcId} has no {HaNatTags.VpcName} tag, so the heartbeat key's name is unknown: tag the VPC, or pass -HeartbeatKeyParameter.");
                }
                _parameterName = DefaultParameterName(name.Trim());
            }

            using var ssm = _session.CreateSsmClient();
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
