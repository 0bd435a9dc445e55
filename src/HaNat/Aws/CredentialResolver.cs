using System;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace HaNat.Aws
{
    /// <summary>
    /// Resolves credentials in the order AWS.Tools uses: explicit keys, a named profile, a credential object,
    /// the session's stored credentials, then the SDK's default chain (environment, default profile,
    /// container, instance profile).
    /// </summary>
    public static class CredentialResolver
    {
        public static ResolvedCredentials Resolve(AwsCredentialInputs inputs)
        {
            if (!string.IsNullOrEmpty(inputs.AccessKey) || !string.IsNullOrEmpty(inputs.SecretKey))
            {
                if (string.IsNullOrEmpty(inputs.AccessKey) || string.IsNullOrEmpty(inputs.SecretKey))
                {
                    throw new HaNatException("IncompleteAccessKey", HaNatErrorKind.InvalidArgument,
                        "-AccessKey and -SecretKey go together: pass both, or neither and use -ProfileName or -Credential.");
                }
                AWSCredentials keys = string.IsNullOrEmpty(inputs.SessionToken)
                    ? new BasicAWSCredentials(inputs.AccessKey, inputs.SecretKey)
                    : new SessionAWSCredentials(inputs.AccessKey, inputs.SecretKey, inputs.SessionToken);
                return new ResolvedCredentials(keys, "parameters -AccessKey/-SecretKey");
            }

            if (!string.IsNullOrEmpty(inputs.ProfileName))
            {
                if (inputs.ProfileStore().TryGetAWSCredentials(inputs.ProfileName, out var fromProfile))
                {
                    return new ResolvedCredentials(fromProfile, $"profile '{inputs.ProfileName}'");
                }
                throw new HaNatException("ProfileNotFound", HaNatErrorKind.ObjectNotFound,
                    $"No AWS credential profile named '{inputs.ProfileName}' was found in the shared credentials or config file. " +
                    "Create it with Set-AWSCredential -StoreAs, or pass a profile that exists.");
            }

            if (inputs.Credential != null)
            {
                return new ResolvedCredentials(inputs.Credential, "parameter -Credential");
            }

            var stored = UnwrapStored(inputs.StoredCredentials);
            if (stored != null)
            {
                return new ResolvedCredentials(stored, "$StoredAWSCredentials (Set-AWSCredential)");
            }

            try
            {
                var chain = DefaultAWSCredentialsIdentityResolver.GetCredentials();
                return new ResolvedCredentials(chain, "the SDK default chain (" + chain.GetType().Name + ")");
            }
            catch (Exception ex) when (ex is AmazonClientException || ex is AmazonServiceException)
            {
                throw new HaNatException("NoCredentials", HaNatErrorKind.AuthenticationError,
                    "No AWS credentials were found. Pass -AccessKey/-SecretKey, -ProfileName or -Credential, run Set-AWSCredential, " +
                    "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance with an instance profile. (" + ex.Message + ")", ex);
            }
        }

        // AWS.Tools keeps either an AWSCredentials or a wrapper with a Credentials property in $StoredAWSCredentials.
        private static AWSCredentials? UnwrapStored(object? stored)
        {
            if (stored is AWSCredentials direct) return direct;
            if (stored == null) return null;
            var property = stored.GetType().GetProperty("Credentials");
            return property?.GetValue(stored) as AWSCredentials;
        }
    }

    public sealed class ResolvedCredentials
    {
        public ResolvedCredentials(AWSCredentials credentials, string source)
        {
            Credentials = credentials;
            Source = source;
        }

        public AWSCredentials Credentials { get; }
        public string Source { get; }
    }
}
