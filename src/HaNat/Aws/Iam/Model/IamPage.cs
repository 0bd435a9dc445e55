// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of an IAM list: IsTruncated while more follow, and Marker says where the next page starts.</summary>
    internal abstract class IamPage : AmazonWebServiceResponse
    {
        private bool? _isTruncated;

        /// <summary>False when the reply does not say.</summary>
        public bool? IsTruncated
        {
            get => _isTruncated;
            set => _isTruncated = value ?? false;
        }

        [PageToken]
        public string Marker { get; set; }
    }
}
