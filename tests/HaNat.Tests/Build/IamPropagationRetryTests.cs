using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws;
using HaNat.NatDeployment;
using Xunit;

namespace HaNat.Tests.Build
{
    public class IamPropagationRetryTests
    {
        private static AwsCallException Error(string code, string message) =>
            new AwsCallException("EC2", "CreateLaunchTemplate", code, HttpStatusCode.BadRequest, message, new Exception(message));

        private static readonly AwsCallException NotYet =
            Error("InvalidParameterValue", "Value (arn:aws:iam::1:instance-profile/hanat/dev) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN");

        private readonly List<TimeSpan> _waited = new List<TimeSpan>();

        private IamPropagationRetry Retry(int attempts) => new IamPropagationRetry(
            new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3) }.AsSpan(0, attempts).ToArray(),
            (pause, _) => { _waited.Add(pause); return Task.CompletedTask; });

        [Fact]
        public async Task RetriesWhileTheNewProfileIsUnknownThenSucceeds()
        {
            var calls = 0;
            var log = new List<string>();

            var result = await Retry(3).RunAsync(() => ++calls < 3 ? throw NotYet : Task.FromResult("lt-1"), log.Add, CancellationToken.None);

            Assert.Equal("lt-1", result);
            Assert.Equal(3, calls);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, _waited);
            Assert.Equal(2, log.Count);
            Assert.Contains("eventually consistent", log[0]);
        }

        [Fact]
        public async Task GivesUpAfterTheLastPause()
        {
            var calls = 0;

            var ex = await Assert.ThrowsAsync<AwsCallException>(() => Retry(2).RunAsync<string>(() => { calls++; throw NotYet; }, _ => { }, CancellationToken.None));

            Assert.Same(NotYet, ex);
            Assert.Equal(3, calls);
        }

        [Fact]
        public async Task AnyOtherErrorIsNotRetried()
        {
            var calls = 0;
            var other = Error("InvalidParameterValue", "Invalid value 't9.huge' for InstanceType.");

            await Assert.ThrowsAsync<AwsCallException>(() => Retry(3).RunAsync<string>(() => { calls++; throw other; }, _ => { }, CancellationToken.None));

            Assert.Equal(1, calls);
            Assert.Empty(_waited);
        }

        [Theory]
        [InlineData("ValidationError", "You must use a valid fully-formed launch template. Invalid IAM Instance Profile name", true)]
        [InlineData("InvalidParameterValue", "Value (x) for parameter iamInstanceProfile.name is invalid.", true)]
        [InlineData("ValidationError", "AutoScalingGroup name not found", false)]
        [InlineData("AccessDenied", "not authorized to perform iam:PassRole on the instance profile role", false)]
        public void OnlyTheUnknownProfileRefusalCounts(string code, string message, bool expected)
        {
            Assert.Equal(expected, IamPropagationRetry.IsProfileNotYetKnown(Error(code, message)));
        }
    }
}
