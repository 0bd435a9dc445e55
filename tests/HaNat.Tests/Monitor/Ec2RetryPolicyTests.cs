using System;
using System.Linq;
using System.Net;
using HaNat.Aws;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// When the monitor tries again what EC2 failed: which failures, how soon, how many times fast, and the cap. Pure.
    /// </summary>
    public class Ec2RetryPolicyTests
    {
        private static readonly Ec2RetryPolicy Policy = Ec2RetryPolicy.Default;

        [Theory]
        [InlineData("InternalError", 500)]
        [InlineData("Unavailable", 503)]
        [InlineData("RequestLimitExceeded", 503)]
        [InlineData("Throttling", 400)]
        [InlineData("RequestTimeout", 0)]
        [InlineData("ConnectionError", 0)]
        [InlineData("SomethingNew", 502)]
        public void Throttling_5xx_no_answer_and_no_connection_are_retried(string code, int status)
        {
            Assert.True(Ec2RetryPolicy.IsTransient(code, (HttpStatusCode)status));
        }

        [Theory]
        [InlineData("UnauthorizedOperation", 403)]
        [InlineData("InvalidRouteTableID.NotFound", 400)]
        [InlineData("InvalidParameterValue", 400)]
        [InlineData("ClientError", 0)]
        public void A_failure_waiting_does_not_cure_is_not_retried_fast(string code, int status)
        {
            Assert.False(Ec2RetryPolicy.IsTransient(code, (HttpStatusCode)status));
        }

        [Fact]
        public void An_exception_is_judged_by_the_aws_call_inside_it()
        {
            var throttled = new AwsCallException("EC2", "ReplaceRoute", "RequestLimitExceeded", (HttpStatusCode)503, "slow down", new Exception());
            Assert.True(Ec2RetryPolicy.IsTransient(throttled));
            Assert.True(Ec2RetryPolicy.IsTransient(new InvalidOperationException("wrapped", throttled)));
            var denied = new AwsCallException("EC2", "ReplaceRoute", "UnauthorizedOperation", HttpStatusCode.Forbidden, "no", new Exception());
            Assert.False(Ec2RetryPolicy.IsTransient(denied));
            Assert.False(Ec2RetryPolicy.IsTransient(new HaNatException("X", HaNatErrorKind.InvalidOperation, "not AWS")));
        }

        [Fact]
        public void The_waits_double_from_a_quarter_second_up_to_the_one_second_cap()
        {
            // The ceiling (a draw of 1 just below): 0.25, 0.5, 1, 1, ...
            var ceilings = Enumerable.Range(1, 6).Select(n => Policy.DelayAfter(n, 0.999999)!.Value).ToArray();
            Assert.Equal(new[] { 0.25, 0.5, 1, 1, 1, 1 }, ceilings.Select(c => Math.Round(c, 3)).ToArray());
            // The jitter keeps at least half of the ceiling: never a burst, never more than the cap.
            Assert.Equal(0.125, Policy.DelayAfter(1, 0)!.Value, 6);
            Assert.Equal(0.5, Policy.DelayAfter(10, 0)!.Value, 6);
        }

        [Fact]
        public void No_wait_ever_exceeds_the_cap_however_many_failures()
        {
            var random = new Random(7);
            for (var failures = 1; failures <= Policy.MaxFastRetries; failures++)
            {
                var delay = Policy.DelayAfter(failures, random.NextDouble());
                Assert.NotNull(delay);
                Assert.InRange(delay!.Value, 0.1, Policy.CapSeconds);
            }
        }

        [Fact]
        public void The_fast_retries_end_after_sixty_and_the_cool_down_paces_the_rest()
        {
            Assert.Equal(60, Policy.MaxFastRetries);
            Assert.NotNull(Policy.DelayAfter(60, 0.5));
            Assert.Null(Policy.DelayAfter(61, 0.5));
            Assert.Null(new Ec2RetryPolicy(maxFastRetries: 2).DelayAfter(3, 0.5));
        }

        [Fact]
        public void The_monitor_s_calls_get_one_attempt_of_two_seconds()
        {
            Assert.Equal(TimeSpan.FromSeconds(2), Policy.CallBounds.AttemptTimeout);
            Assert.Equal(0, Policy.CallBounds.SdkRetries);
        }

        [Fact]
        public void Nonsense_settings_are_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Ec2RetryPolicy(firstDelaySeconds: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Ec2RetryPolicy(firstDelaySeconds: 2, capSeconds: 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Ec2RetryPolicy(maxFastRetries: -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(0, 0.5));
        }
    }
}
