// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    internal class GetInstanceProfileRequest : QueryRequest<GetInstanceProfileResponse>
    {
        public string InstanceProfileName { get; set; }

        internal override string LogDetail => InstanceProfileName;
    }

    internal class GetInstanceProfileResponse : AmazonWebServiceResponse
    {
        public InstanceProfile InstanceProfile { get; set; }
    }
}
