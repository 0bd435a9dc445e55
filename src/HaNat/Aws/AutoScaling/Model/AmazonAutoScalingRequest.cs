// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>The base of every Auto Scaling request, as in the SDK; the signer receives it as the original request.</summary>
    internal abstract class AmazonAutoScalingRequest : AmazonWebServiceRequest
    {
    }
}
