// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    internal class DeleteAutoScalingGroupRequest : QueryRequest<DeleteAutoScalingGroupResponse>
    {
        public string AutoScalingGroupName { get; set; }
        /// <summary>Deletes the group with its instances still in it (they are terminated) instead of refusing.</summary>
        public bool? ForceDelete { get; set; }

        internal override string LogDetail => AutoScalingGroupName;
    }

    internal class DeleteAutoScalingGroupResponse : AmazonWebServiceResponse
    {
    }
}
