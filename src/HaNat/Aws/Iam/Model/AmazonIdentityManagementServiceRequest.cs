// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>The base of every IAM request, as in the SDK; the signer receives it as the original request.</summary>
    internal abstract class AmazonIdentityManagementServiceRequest : AmazonWebServiceRequest
    {
    }
}
