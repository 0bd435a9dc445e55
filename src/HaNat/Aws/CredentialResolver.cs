using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using System.Diagnostics.CodeAnalysis;

namespace HaNat.Aws
{
    /// <summary>
    /// Resolves credentials in the order AWS.Tools uses: explicit keys, a named profile, a credential object,
    /// the session's stored credentials, then the SDK's default chain (environment, default profile,
    /// container, instance profile).
    /// </summary>
    internal static class CredentialResolver
    {
        /// <summary>
        /// Refuses what was typed wrong, without reading any credential: one key of a pair (IncompleteAccessKey), a
        /// profile that no file holds (ProfileNotFound).
        /// </summary>
        public static void CheckInputs(AwsCredentialInputs inputs)
        {
            var hasAccessKey = !string.IsNullOrEmpty(inputs.AccessKey);
            var hasSecretKey = !string.IsNullOrEmpty(inputs.SecretKey);
            if (hasAccessKey != hasSecretKey)
            {
                var (given, missing) = hasAccessKey ? ("-AccessKey", "-SecretKey") : ("-SecretKey", "-AccessKey");
                throw new HaNatException("IncompleteAccessKey", HaNatErrorKind.InvalidArgument,
                    $"{given} was given without {missing}; they go together. Pass both, or neither and use -ProfileName or -Credential.")
                { Target = missing };
            }
            if (!hasAccessKey && !string.IsNullOrEmpty(inputs.ProfileName) && !inputs.ProfileStore().TryGetProfile(inputs.ProfileName, out _))
            {
                throw new HaNatException("ProfileNotFound", HaNatErrorKind.ObjectNotFound,
                    $"No AWS profile named '{inputs.ProfileName}' is in {ProfileFiles(inputs)}. " +
                    "Check the name (Get-AWSCredential -ListProfileDetail lists them), create it with Set-AWSCredential -StoreAs or aws configure --profile, " +
                    "or point -ProfileLocation at the file that holds it.") { Target = inputs.ProfileName };
            }
        }

        public static ResolvedCredentials Resolve(AwsCredentialInputs inputs)
        {
            CheckInputs(inputs);
            if (!string.IsNullOrEmpty(inputs.AccessKey))
            {
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
                throw new HaNatException("ProfileHasNoCredentials", HaNatErrorKind.AuthenticationError,
                    $"The AWS profile '{inputs.ProfileName}' exists but gives no credentials HaNat can use (no keys, or an SSO session " +
                    "that is not logged in). Add keys to it, run aws sso login --profile " + inputs.ProfileName + ", or pass another profile.")
                { Target = inputs.ProfileName };
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
                // The SDK's own message lists each provider's failure: kept as the inner exception for -Debug, not
                // in the message, which says what to do.
                throw new HaNatException("NoCredentials", HaNatErrorKind.AuthenticationError,
                    "No AWS credentials were found. Pass -ProfileName, -AccessKey with -SecretKey, or -Credential; run Set-AWSCredential; " +
                    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); or run on an instance with an instance profile.", ex);
            }
        }

        private static string ProfileFiles(AwsCredentialInputs inputs)
        {
            var credentials = inputs.ProfileLocation ?? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials";
            var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? "~/.aws/config";
            return inputs.ProfileLocation != null ? credentials : $"{credentials} or {config}";
        }

        // AWS.Tools keeps either an AWSCredentials or a wrapper with a Credentials property in $StoredAWSCredentials.
        [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Only a PowerShell session has stored credentials (AWS.Tools' objects); the trimmed monitor never has one, and the module is never trimmed.")]
        private static AWSCredentials? UnwrapStored(object? stored)
        {
            if (stored is AWSCredentials direct) return direct;
            if (stored == null) return null;
            var property = stored.GetType().GetProperty("Credentials");
            return property?.GetValue(stored) as AWSCredentials;
        }
    }
}
