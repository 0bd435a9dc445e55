// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>Ends an instance's wait in a lifecycle hook: by the instance id (no token needed), CONTINUE or ABANDON.</summary>
    internal class CompleteLifecycleActionRequest : QueryRequest<CompleteLifecycleActionResponse>
    {
        public string LifecycleHookName { get; set; }
        public string AutoScalingGroupName { get; set; }
        public string LifecycleActionToken { get; set; }
        /// <summary>CONTINUE or ABANDON.</summary>
        public string LifecycleActionResult { get; set; }
        public string InstanceId { get; set; }

        internal override string LogDetail => $"{AutoScalingGroupName} {LifecycleHookName} {InstanceId} {LifecycleActionResult}";
    }

    internal class CompleteLifecycleActionResponse : AmazonWebServiceResponse
    {
    }
}
