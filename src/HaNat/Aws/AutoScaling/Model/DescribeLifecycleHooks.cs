// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A group's lifecycle hooks (all of them, or those named); not paged.</summary>
    internal class DescribeLifecycleHooksRequest : QueryRequest<DescribeLifecycleHooksResponse>
    {
        public string AutoScalingGroupName { get; set; }
        public List<string> LifecycleHookNames { get; set; }

        internal override string LogDetail => AutoScalingGroupName;
    }

    internal class DescribeLifecycleHooksResponse : AmazonWebServiceResponse
    {
        public List<LifecycleHook> LifecycleHooks { get; set; }
    }
}
