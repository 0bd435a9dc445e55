// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// Terminates one instance of a group through the group: its lifecycle goes to Terminating (what a NAT's monitor
    /// reads as leaving on purpose), and with ShouldDecrementDesiredCapacity the group launches no replacement.
    /// </summary>
    internal class TerminateInstanceInAutoScalingGroupRequest : QueryRequest<TerminateInstanceInAutoScalingGroupResponse>
    {
        public string InstanceId { get; set; }
        public bool? ShouldDecrementDesiredCapacity { get; set; }

        internal override string LogDetail => $"{InstanceId} decrement={ShouldDecrementDesiredCapacity}";
    }

    /// <summary>The reply's Activity is not read: the group's own description says what became of the instance.</summary>
    internal class TerminateInstanceInAutoScalingGroupResponse : AmazonWebServiceResponse
    {
    }
}
