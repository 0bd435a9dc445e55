using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace HaNat.Aws
{
    internal sealed class ResolvedCredentials
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
