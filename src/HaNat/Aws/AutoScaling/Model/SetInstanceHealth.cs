// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>Marks an instance Healthy or Unhealthy; the group replaces an Unhealthy one.</summary>
    internal class SetInstanceHealthRequest : QueryRequest<SetInstanceHealthResponse>
    {
        public string InstanceId { get; set; }
        /// <summary>Healthy or Unhealthy.</summary>
        public string HealthStatus { get; set; }
        /// <summary>When true, a mark during the group's grace period is ignored; HaNat's monitor sets false.</summary>
        public bool? ShouldRespectGracePeriod { get; set; }

        internal override string LogDetail => $"{InstanceId} {HealthStatus}";
    }

    internal class SetInstanceHealthResponse : AmazonWebServiceResponse
    {
    }
}
