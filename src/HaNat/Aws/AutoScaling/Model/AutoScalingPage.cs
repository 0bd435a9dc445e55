// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of a describe call.</summary>
    internal abstract class AutoScalingPage : AmazonWebServiceResponse
    {
        /// <summary>Null on the last page.</summary>
        [PageToken]
        public string NextToken { get; set; }
    }
}
