// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    internal class CreateInstanceProfileRequest : QueryRequest<CreateInstanceProfileResponse>
    {
        public string InstanceProfileName { get; set; }
        public string Path { get; set; }
        public List<Tag> Tags { get; set; }

        internal override string LogDetail => InstanceProfileName;
    }

    internal class CreateInstanceProfileResponse : AmazonWebServiceResponse
    {
        public InstanceProfile InstanceProfile { get; set; }
    }
}
