using System.Management.Automation;
using Amazon.Runtime;
using HaNat.Aws;
using HaNat.Tagging;

namespace HaNat.Commands
{
    /// <summary>
    /// The base of every HaNat cmdlet that calls AWS: the AWS.Tools common parameters, one resolved
    /// <see cref="AwsSession"/>, Ctrl+C that cancels calls in flight, -Verbose lines for each call, and the
    /// mapping of HaNat's errors to ErrorRecords.
    /// </summary>
    public abstract class HaNatCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private AwsSession? _session;

        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(Completion.RegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string? ProfileName { get; set; }

        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        [Parameter]
        public AWSCredentials? Credential { get; set; }

        [Parameter]
        public string? EndpointUrl { get; set; }

        protected CancellationToken Cancellation => _stop.Token;

        private protected AwsCallLog CallLog { get; } = new AwsCallLog();

        /// <summary>
        /// Resolves credentials and region once; <paramref name="instanceRegion"/> is the last resort for the region.
        /// Every refusal (NoRegion, NoCredentials, ProfileNotFound, InvalidEndpointUrl, IncompleteAccessKey,
        /// InvalidRegion, UnknownRegion) ends the command before any AWS call: it holds for every input.
        /// </summary>
        private protected AwsSession GetSession(Func<string?>? instanceRegion = null)
        {
            if (_session != null && (Region == null || Region == _session.Region)) return _session;
            try
            {
                _session = ResolveSession(instanceRegion);
            }
            catch (HaNatException ex)
            {
                Fail(ex);
                throw; // Fail throws; the compiler does not know.
            }
            WriteVerbose($"AWS region {_session.Region}, credentials from {_session.Credentials.Source}" +
                (_session.EndpointFor("EC2") is string endpoint ? $", endpoint {endpoint}" : ""));
            return _session;
        }

        private AwsSession ResolveSession(Func<string?>? instanceRegion)
        {
            var inputs = new AwsCredentialInputs
            {
                Region = Region,
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                Credential = Credential,
                EndpointUrl = EndpointUrl,
                StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
                StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion"))?.ToString(),
            };
            return SessionResolver.Resolve(inputs, instanceRegion, CallLog, Cancellation);
        }

        /// <summary>Waits for async work on the pipeline thread; Ctrl+C turns into a stopped pipeline.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushCallLog();
            }
        }

        protected void FlushCallLog()
        {
            foreach (var line in CallLog.Drain()) WriteVerbose(line);
        }

        /// <summary>Writes the AWS calls made inside a <c>using</c> block as -Verbose lines when it ends, however it ends.</summary>
        private protected IDisposable VerboseCallsWhenDone() => new CallLogFlush(this);

        private sealed class CallLogFlush : IDisposable
        {
            private readonly HaNatCmdlet _cmdlet;

            public CallLogFlush(HaNatCmdlet cmdlet) => _cmdlet = cmdlet;

            public void Dispose() => _cmdlet.FlushCallLog();
        }

        /// <summary>Parses a -PrivateSubnetTag value, or ends the command with InvalidPrivateSubnetTag.</summary>
        private protected PrivateSubnetTag ParsePrivateSubnetTag(string? text)
        {
            try
            {
                return Tagging.PrivateSubnetTag.Parse(text);
            }
            catch (HaNatException ex)
            {
                Fail(ex, text);
                throw; // Fail throws; the compiler does not know.
            }
        }

        protected override void StopProcessing() => _stop.Cancel();

        protected override void EndProcessing() => FlushCallLog();

        protected ErrorRecord ToErrorRecord(HaNatException ex, object? target = null)
        {
            ex = WithOffInstanceAdvice(ex);
            return new ErrorRecord(ex, ex.ErrorId, CategoryOf(ex.Kind), ex.Target ?? target);
        }

        /// <summary>
        /// What a user off an EC2 instance should do instead, in the words of this cmdlet's own parameters: IMDS
        /// only knows that it got no answer. By default, -InstanceId when the cmdlet takes one; a cmdlet that takes
        /// something else, or must run on a NAT, says so.
        /// </summary>
        protected virtual string OffInstanceAdvice =>
            MyInvocation.MyCommand.Parameters.ContainsKey("InstanceId")
                ? "Off an instance, pass -InstanceId (and -Region)."
                : $"{MyInvocation.MyCommand.Name} runs on a HaNat NAT instance.";

        private HaNatException WithOffInstanceAdvice(HaNatException ex)
        {
            if (ex.ErrorId != InstanceMetadataClient.NotOnInstance && ex.ErrorId != InstanceMetadataClient.MetadataDisabled) return ex;
            return new HaNatException(ex.ErrorId, ex.Kind, ex.Message + " " + OffInstanceAdvice, ex.InnerException) { Target = ex.Target };
        }

        /// <summary>Bad input or a failure that ends the command.</summary>
        protected void Fail(HaNatException ex, object? target = null)
        {
            FlushCallLog();
            ThrowTerminatingError(ToErrorRecord(ex, target));
        }

        /// <summary>One failed item among many: report it and go on with the next.</summary>
        protected void Report(HaNatException ex, object? target = null)
        {
            FlushCallLog();
            WriteError(ToErrorRecord(ex, target));
        }

        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent;

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        public static ErrorCategory CategoryOf(HaNatErrorKind kind) => kind switch
        {
            HaNatErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            HaNatErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            HaNatErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            HaNatErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            HaNatErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            HaNatErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            HaNatErrorKind.NotInstalled => ErrorCategory.NotInstalled,
            HaNatErrorKind.InvalidResult => ErrorCategory.InvalidResult,
            HaNatErrorKind.OperationStopped => ErrorCategory.OperationStopped,
            _ => ErrorCategory.InvalidOperation,
        };
    }
}
