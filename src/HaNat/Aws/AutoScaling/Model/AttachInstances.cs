// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// Puts running instances into a group, raising its desired capacity by as many; refused when that would pass the
    /// group's MaxSize.
    /// </summary>
    internal class AttachInstancesRequest : QueryRequest<AttachInstancesResponse>
    {
        public List<string> InstanceIds { get; set; }
        public string AutoScalingGroupName { get; set; }

        internal override string LogDetail => $"{AutoScalingGroupName} {string.Join(",", InstanceIds ?? Enumerable.Empty<string>())}";
    }

    internal class AttachInstancesResponse : AmazonWebServiceResponse
    {
    }
}
