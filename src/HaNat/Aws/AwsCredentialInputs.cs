using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace HaNat.Aws
{
    /// <summary>
    /// What a cmdlet was given to find credentials and a region, before any resolution.
    /// Mirrors the AWS.Tools common parameters plus the session defaults that
    /// Set-AWSCredential and Set-DefaultAWSRegion leave behind.
    /// </summary>
    internal sealed class AwsCredentialInputs
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        /// <summary>The shared credentials file to read profiles from (AWS.Tools' -ProfileLocation).</summary>
        public string? ProfileLocation { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        public AWSCredentials? Credential { get; set; }
        public string? EndpointUrl { get; set; }

        /// <summary>Value of $StoredAWSCredentials, when AWS.Tools set one in this session.</summary>
        public object? StoredCredentials { get; set; }

        /// <summary>Value of $StoredAWSRegion, when AWS.Tools set one in this session.</summary>
        public string? StoredRegion { get; set; }

        /// <summary>
        /// The profile store to read. The SDK reads AWS_SHARED_CREDENTIALS_FILE once per process, so HaNat reads it
        /// itself on every call: a session that sets it later is still honored.
        /// </summary>
        public CredentialProfileStoreChain ProfileStore()
        {
            var location = ProfileLocation ?? System.Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            return string.IsNullOrWhiteSpace(location) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
        }
    }
}
