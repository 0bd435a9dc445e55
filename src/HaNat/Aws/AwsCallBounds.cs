namespace HaNat.Aws
{
    /// <summary>
    /// How long one attempt of a call may take, and how many times the client itself tries again, for a caller that
    /// retries on its own schedule (the monitor: a takeover is retried whole, from a fresh read, see
    /// HaNat.Monitor.Ec2RetryPolicy). The cmdlets keep the defaults of <see cref="AwsSession.Configure"/>: 20 s per
    /// attempt, five retries with backoff, which suit a user at a prompt but would hold a takeover for minutes while
    /// EC2 hangs.
    /// </summary>
    /// <param name="AttemptTimeout">One attempt's limit, from the request sent to the whole reply read.</param>
    /// <param name="SdkRetries">Further attempts the client makes on its own after a throttled or transient failure.</param>
    internal sealed record AwsCallBounds(TimeSpan AttemptTimeout, int SdkRetries)
    {
        public AwsCallBounds Validate()
        {
            if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout));
            if (SdkRetries < 0) throw new ArgumentOutOfRangeException(nameof(SdkRetries));
            return this;
        }
    }
}
