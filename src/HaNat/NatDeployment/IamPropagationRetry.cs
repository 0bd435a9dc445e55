using HaNat.Aws;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// IAM is eventually consistent: for some seconds after CreateInstanceProfile, EC2 and Auto Scaling may not know
    /// the new profile yet, and refuse a launch template or group that names it ("InvalidParameterValue ... Invalid
    /// IAM Instance Profile", or Auto Scaling's ValidationError saying the same). That one refusal is retried, with
    /// growing pauses, for about a minute; any other failure, or the same one after that, is the caller's.
    /// </summary>
    internal sealed class IamPropagationRetry
    {
        /// <summary>The pauses before the second, third, ... attempt: 2+4+8+15+15+15 s = 59 s.</summary>
        public static readonly TimeSpan[] DefaultPauses =
        {
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15),
        };

        private readonly TimeSpan[] _pauses;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public IamPropagationRetry(TimeSpan[]? pauses = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _pauses = pauses ?? DefaultPauses;
            _delay = delay ?? ((pause, token) => Task.Delay(pause, token));
        }

        public async Task<T> RunAsync<T>(Func<Task<T>> call, Action<string> log, CancellationToken cancellation)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await call().ConfigureAwait(false);
                }
                catch (AwsCallException ex) when (attempt < _pauses.Length && IsProfileNotYetKnown(ex))
                {
                    log($"the new instance profile is not visible to {ex.Service} yet (IAM is eventually consistent); retrying in {_pauses[attempt].TotalSeconds:0} s");
                    await _delay(_pauses[attempt], cancellation).ConfigureAwait(false);
                }
            }
        }

        public static bool IsProfileNotYetKnown(AwsCallException ex) =>
            (ex.AwsErrorCode == "InvalidParameterValue" || ex.AwsErrorCode == "ValidationError") &&
            (ex.Message.IndexOf("instance profile", StringComparison.OrdinalIgnoreCase) >= 0 ||
             ex.Message.IndexOf("iamInstanceProfile", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
