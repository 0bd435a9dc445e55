// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>An alarm's tags, by its ARN: DescribeAlarms does not return them.</summary>
    internal class ListTagsForResourceRequest : QueryRequest<ListTagsForResourceResponse>
    {
        public string ResourceARN { get; set; }

        internal override string LogDetail => ResourceARN;
    }

    internal class ListTagsForResourceResponse : AmazonWebServiceResponse
    {
        public List<Tag> Tags { get; set; }
    }
}
