using System.Net;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// When a Query call is tried again and how long to wait first: throttling and transient server or network
    /// failures are retried, up to <see cref="MaxAttempts"/> attempts in all, with exponential backoff and full
    /// jitter (a random wait between zero and the exponential ceiling), so many NATs throttled at once do not
    /// retry in lockstep. This is the SDK's standard retry mode, which the EC2 client uses too.
    /// </summary>
    internal sealed class QueryRetryPolicy
    {
        // The throttling codes of the SDKs' standard retry mode that Query services use. Quota errors such as
        // LimitExceeded are not among them: waiting does not lift a quota.
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "RequestThrottled",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "SlowDown",
            "PriorRequestNotComplete",
        };

        private static readonly HashSet<string> TransientCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "RequestTimeout",
            "RequestTimeoutException",
            "InternalError",
            "InternalFailure",
            "ServiceUnavailable",
        };

        public static QueryRetryPolicy Default { get; } = new QueryRetryPolicy();

        public QueryRetryPolicy(int maxAttempts = 5, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? attemptTimeout = null)
        {
            if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), "At least one attempt is needed.");
            MaxAttempts = maxAttempts;
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(100);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(20);
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(20);
        }

        /// <summary>Attempts in all, the first one included.</summary>
        public int MaxAttempts { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        /// <summary>One attempt's limit; an attempt that outlives it is a transient failure, retried while attempts are left.</summary>
        public TimeSpan AttemptTimeout { get; }

        public static bool IsThrottling(string? code) => code != null && ThrottlingCodes.Contains(code);

        /// <summary>Whether an error reply is worth another attempt: throttling, or a server that is briefly unwell.</summary>
        public static bool IsRetryable(HttpStatusCode status, string? code)
        {
            if (IsThrottling(code) || (code != null && TransientCodes.Contains(code))) return true;
            var number = (int)status;
            return number == 429 || number == 500 || number == 502 || number == 503 || number == 504;
        }

        /// <summary>
        /// The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry): a uniform draw in
        /// [0, min(MaxDelay, BaseDelay × 2^(nextAttempt-2))]. <paramref name="unitRandom"/> is in [0, 1).
        /// </summary>
        public TimeSpan DelayBefore(int nextAttempt, double unitRandom)
        {
            var exponent = Math.Min(Math.Max(nextAttempt - 2, 0), 30);
            var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
            return TimeSpan.FromMilliseconds(ceilingMs * unitRandom);
        }
    }
}
