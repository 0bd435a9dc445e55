using System.Net;
using HaNat.Aws;
using HaNat.Aws.Query;

namespace HaNat.Monitor
{
    /// <summary>
    /// When the monitor tries an EC2 action again after EC2 failed it, and how its calls are bounded. Pure: no clock,
    /// no randomness of its own (the caller passes a uniform draw).
    ///
    /// A takeover is retried whole: its reads again, a new plan, then the writes. So a retry is never a blind replay of
    /// a write: a route that moved since (the write went through though its answer was lost, or a replacement took the
    /// zone) is read and left alone, and the policy's single-taker rule decides every attempt as it decided the first.
    /// That is why the clients make no retries of their own (<see cref="CallBounds"/>): one attempt of a takeover is
    /// bounded by its few calls × <see cref="AttemptTimeoutSeconds"/>, and the cadence of attempts is this policy's.
    ///
    /// Only a failure that waiting can cure is retried fast: throttling, EC2's 5xx (InternalError, Unavailable), no
    /// answer in time, no connection. Anything else (a permission, a missing table) would fail the same way again, and
    /// waits the zone's cool-down (<see cref="FailoverSettings.ZoneCooldownSeconds"/>), as before.
    /// </summary>
    internal sealed class Ec2RetryPolicy
    {
        /// <summary>The policy at the monitor's defaults.</summary>
        public static Ec2RetryPolicy Default { get; } = new Ec2RetryPolicy();

        /// <param name="firstDelaySeconds">The wait before the first retry; each further one doubles it, up to <paramref name="capSeconds"/>.</param>
        /// <param name="capSeconds">The longest wait between attempts: EC2 that accepts writes again is tried within this long.</param>
        /// <param name="maxFastRetries">Retries at this cadence per failure; after them, the zone's cool-down paces the attempts.</param>
        /// <param name="attemptTimeoutSeconds">One call's limit (one attempt: the clients do not retry).</param>
        public Ec2RetryPolicy(double firstDelaySeconds = 0.25, double capSeconds = 1, int maxFastRetries = 60, double attemptTimeoutSeconds = 2)
        {
            if (firstDelaySeconds <= 0) throw new ArgumentOutOfRangeException(nameof(firstDelaySeconds));
            if (capSeconds < firstDelaySeconds) throw new ArgumentOutOfRangeException(nameof(capSeconds));
            if (maxFastRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxFastRetries));
            if (attemptTimeoutSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(attemptTimeoutSeconds));
            FirstDelaySeconds = firstDelaySeconds;
            CapSeconds = capSeconds;
            MaxFastRetries = maxFastRetries;
            AttemptTimeoutSeconds = attemptTimeoutSeconds;
        }

        /// <summary>
        /// A quarter of a second: a brief blip (one 500, one throttled call) costs a takeover no more than that, and a
        /// failure that lasts is not hammered (the waits double: 0.25, 0.5, 1, 1, … s).
        /// </summary>
        public double FirstDelaySeconds { get; }

        /// <summary>
        /// One second: EC2 that answers again is written to within a second of it (the goal: egress back within 2 s of
        /// EC2's recovery), while one NAT's attempts stay far below EC2's request rate limits, throttled or not (a
        /// takeover is a handful of calls).
        /// </summary>
        public double CapSeconds { get; }

        /// <summary>
        /// Sixty: about a minute of attempts at the capped cadence, the outages a takeover can still save a zone from
        /// quickly. Longer ones are paced by the zone's cool-down (10 s), so that a NAT does not call EC2 every second for
        /// hours; a success, or the zone's own NAT alive again, starts the count afresh.
        /// </summary>
        public int MaxFastRetries { get; }

        /// <summary>
        /// Two seconds per call: EC2 answers its reads and route writes in well under a second, so a call without an
        /// answer after two is stuck, and waiting the SDK's 20 s (or its default 100 s) would hold the zone's egress
        /// that long after EC2 recovered.
        /// </summary>
        public double AttemptTimeoutSeconds { get; }

        /// <summary>What the monitor's clients are made with: one attempt per call, each bounded; the retries are this policy's.</summary>
        public AwsCallBounds CallBounds => new AwsCallBounds(TimeSpan.FromSeconds(AttemptTimeoutSeconds), SdkRetries: 0);

        /// <summary>Whether waiting may cure the failure: throttling, a 5xx, no answer in time, no connection.</summary>
        public static bool IsTransient(Exception error)
        {
            for (var e = error; e != null; e = e.InnerException)
            {
                if (e is AwsCallException call) return IsTransient(call.AwsErrorCode, call.StatusCode);
            }
            return false;
        }

        /// <summary>The same, from an AWS error code and HTTP status (0 when no reply came).</summary>
        public static bool IsTransient(string? errorCode, HttpStatusCode status) =>
            errorCode == "RequestTimeout" || errorCode == "ConnectionError" || errorCode == "Unavailable" ||
            QueryRetryPolicy.IsRetryable(status, errorCode);

        /// <summary>
        /// The wait after the <paramref name="failures"/>-th failure in a row (1 for the first), counted by the caller
        /// from the failed attempt's start (<see cref="FailoverState.Finished"/>), or null when the fast
        /// retries are used up (the cool-down paces the next attempt). Jittered between half the wait and all of it, so
        /// that NATs failed by the same outage do not call EC2 in lockstep when it comes back.
        /// </summary>
        /// <param name="unitRandom">A uniform draw in [0, 1).</param>
        public double? DelayAfter(int failures, double unitRandom)
        {
            if (failures < 1) throw new ArgumentOutOfRangeException(nameof(failures));
            if (failures > MaxFastRetries) return null;
            var ceiling = Math.Min(CapSeconds, FirstDelaySeconds * Math.Pow(2, Math.Min(failures - 1, 30)));
            var unit = Math.Min(Math.Max(unitRandom, 0), 1);
            return ceiling * (0.5 + 0.5 * unit);
        }
    }
}
