// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of instances in groups, by ids or all of them; an id not in any group is simply absent.</summary>
    internal class DescribeAutoScalingInstancesRequest : AmazonAutoScalingRequest
    {
        public List<string> InstanceIds { get; set; }
        public int? MaxRecords { get; set; }
        public string NextToken { get; set; }
    }

    internal class DescribeAutoScalingInstancesResponse : AmazonWebServiceResponse
    {
        public List<AutoScalingInstanceDetails> AutoScalingInstances { get; set; }
        /// <summary>Null on the last page.</summary>
        public string NextToken { get; set; }
    }
}
