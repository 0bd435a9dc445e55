using System.Collections;
using Amazon.EC2;
using Amazon.Runtime;
using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>
    /// What the completers that read AWS share: an AwsSession from the AWS parameters already on the command line
    /// (-Region, -ProfileName, -AccessKey/-SecretKey, -EndpointUrl... as the cmdlet would resolve them), and a read
    /// that is cut off after a time limit. Completion must never throw and never hang the prompt: anything that
    /// goes wrong (no region, no credentials, no network, a slow endpoint) gives null, and the completer falls back.
    /// </summary>
    internal static class CompletionSession
    {
        /// <summary>The AWS inputs bound on the command line; Tab cannot see Set-AWSCredential's session values.</summary>
        public static AwsCredentialInputs Inputs(IDictionary? bound) => new AwsCredentialInputs
        {
            Region = Text(bound, "Region"),
            ProfileName = Text(bound, "ProfileName"),
            ProfileLocation = Text(bound, "ProfileLocation"),
            AccessKey = Text(bound, "AccessKey"),
            SecretKey = Text(bound, "SecretKey"),
            SessionToken = Text(bound, "SessionToken"),
            Credential = Value(bound, "Credential") as AWSCredentials,
            EndpointUrl = Text(bound, "EndpointUrl"),
        };

        /// <summary>The region the command would use, without asking IMDS (too slow for Tab); null when none is found or it is not one.</summary>
        public static string? Region(AwsCredentialInputs inputs)
        {
            try
            {
                var region = RegionResolver.Resolve(inputs, () => null);
                return AwsRegions.IsWellFormed(region) ? region : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>Runs <paramref name="read"/> against AWS as the command would, or gives null after <paramref name="limit"/> or on any failure.</summary>
        public static T? TryRead<T>(AwsCredentialInputs inputs, string region, TimeSpan limit, Func<AwsSession, Task<T>> read) where T : class
        {
            // Not disposed: a read cut off at the limit may still hold its token; cancelling is enough.
            var cancel = new CancellationTokenSource(limit);
            try
            {
                // Credential resolution can itself be slow (the SDK's chain asks IMDS): it runs inside the time limit too.
                var work = Task.Run(async () =>
                {
                    var session = new AwsSession(CredentialResolver.Resolve(inputs), region, inputs.EndpointUrl, new AwsCallLog(), cancel.Token);
                    return await read(session).ConfigureAwait(false);
                });
                return work.Wait(limit) ? work.Result : null;
            }
            catch (Exception)
            {
                return null;
            }
            finally
            {
                cancel.Cancel();
            }
        }

        /// <summary>
        /// An EC2 client that asks once: the cmdlets' clients retry five times with backoff, which Tab cannot wait for.
        /// </summary>
        public static IAmazonEC2 CreateEc2Client(AwsSession session)
        {
            var config = new AmazonEC2Config();
            session.Configure(config, "EC2");
            config.MaxErrorRetry = 0;
            return new AmazonEC2Client(session.Credentials.Credentials, config);
        }

        private static object? Value(IDictionary? bound, string name)
        {
            if (bound == null || !bound.Contains(name)) return null;
            var value = bound[name];
            return value is System.Management.Automation.PSObject ps ? ps.BaseObject : value;
        }

        private static string? Text(IDictionary? bound, string name) => Value(bound, name) is string s && s.Length > 0 ? s : null;
    }
}
