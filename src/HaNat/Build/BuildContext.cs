using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.Iam;

namespace HaNat.Build
{
    /// <summary>
    /// What every piece of a build shares: the session and clients, the ONE <see cref="BuildJournal"/> they all record
    /// in (so a failure anywhere rolls back every piece, last first), and the helpers each write goes through.
    /// </summary>
    internal sealed class BuildContext(AwsSession session, IAmazonEC2 ec2, IIamClient iam,
        IAutoScalingClient autoScaling, IAmazonSimpleSystemsManagement ssm)
    {
        public AwsSession Session { get; } = session;
        public IAmazonEC2 Ec2Client { get; } = ec2;
        public IIamClient Iam { get; } = iam;
        public IAutoScalingClient AutoScaling { get; } = autoScaling;
        public IAmazonSimpleSystemsManagement Ssm { get; } = ssm;
        public NamedResourceProbe Probe { get; } = new NamedResourceProbe(session, ec2, iam, autoScaling, ssm);
        public BuildJournal Journal { get; } = new BuildJournal();

        private ICloudWatchClient? _cloudWatch;

        /// <summary>
        /// CloudWatch, for the alarms: made on first use, so that a build without alarms (-NoAlarms) and the callers
        /// that build a context for other work need not open it. Its HTTP connections are the process's shared ones.
        /// </summary>
        public ICloudWatchClient CloudWatch => _cloudWatch ??= Session.CreateCloudWatchClient();

        public CancellationToken Cancellation => Session.Cancellation;

        /// <summary>An EC2 call through the session: its -Verbose line, its errors, Ctrl+C.</summary>
        public Task<T> Ec2<T>(string operation, string detail, Func<CancellationToken, Task<T>> call) =>
            Session.Call("EC2", operation, detail, call);

        /// <summary>
        /// Creates a resource that is addressed by name. If the call fails, it may still have made the resource (its
        /// reply was lost, or a retry of a call that had succeeded was refused as AlreadyExists), so an undo is recorded
        /// then too; it deletes the resource only if <paramref name="madeByThisBuild"/> says it carries this build's
        /// VPC id, so a rollback never deletes what another run made under the same name meanwhile.
        /// </summary>
        public async Task CreateNamedAsync<T>(string description, Func<Task<T>> create, Action<T> created, Func<Task> undo, Func<Task<bool>> madeByThisBuild)
        {
            T response;
            try
            {
                response = await create().ConfigureAwait(false);
            }
            catch (AwsCallException)
            {
                Journal.Record(description + " (if the failed call made it)", async () =>
                {
                    if (await madeByThisBuild().ConfigureAwait(false)) await AwsExistence.RemoveAsync(undo).ConfigureAwait(false);
                });
                throw;
            }
            created(response);
            Journal.Record(description, () => AwsExistence.RemoveAsync(undo));
        }

        public static string Required(string? id) =>
            id ?? throw new InvalidOperationException("A build step ran before the step that creates what it needs.");
    }
}
