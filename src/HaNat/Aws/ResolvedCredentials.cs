using Amazon.Runtime;

namespace HaNat.Aws
{
    internal sealed record ResolvedCredentials(AWSCredentials Credentials, string Source);
}
