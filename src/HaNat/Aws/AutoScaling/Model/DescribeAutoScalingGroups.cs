// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of groups, by names, by filters, or all of them.</summary>
    internal class DescribeAutoScalingGroupsRequest : AmazonAutoScalingRequest
    {
        public List<string> AutoScalingGroupNames { get; set; }
        public List<Filter> Filters { get; set; }
        /// <summary>At most 100; the service's default is 50.</summary>
        public int? MaxRecords { get; set; }
        public string NextToken { get; set; }
    }

    internal class DescribeAutoScalingGroupsResponse : AmazonWebServiceResponse
    {
        public List<AutoScalingGroup> AutoScalingGroups { get; set; }
        /// <summary>Null on the last page.</summary>
        public string NextToken { get; set; }
    }
}
