using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace HaNat.Aws
{
    internal sealed record ResolvedCredentials(AWSCredentials Credentials, string Source);
}
