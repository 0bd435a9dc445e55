using Amazon;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// One AWS service spoken over the Query protocol: how HaNat names it in logs and errors, the name it signs
    /// with, its API version, its AWS_ENDPOINT_URL_&lt;id&gt; identifier, and where it lives when no endpoint is
    /// configured.
    /// </summary>
    internal sealed class QueryService
    {
        private readonly Func<RegionEndpoint, QueryEndpoint> _defaultEndpoint;

        public QueryService(string name, string signingName, string apiVersion, string endpointEnvironmentId,
            Func<RegionEndpoint, QueryEndpoint> defaultEndpoint)
        {
            Name = name;
            SigningName = signingName;
            ApiVersion = apiVersion;
            EndpointEnvironmentId = endpointEnvironmentId;
            _defaultEndpoint = defaultEndpoint;
        }

        /// <summary>The name in log lines and in AwsCallException.Service (AutoScaling, IAM, CloudWatch).</summary>
        public string Name { get; }
        public string SigningName { get; }
        public string ApiVersion { get; }
        public string EndpointEnvironmentId { get; }

        public static QueryService AutoScaling { get; } = new QueryService("AutoScaling", "autoscaling", "2011-01-01", "AUTO_SCALING",
            region => new QueryEndpoint(new Uri($"https://autoscaling.{region.SystemName}.{region.PartitionDnsSuffix}/"), region.SystemName));

        /// <summary>CloudWatch (metrics and alarms) speaks the Query protocol too; endpoint id CLOUDWATCH.</summary>
        public static QueryService CloudWatch { get; } = new QueryService("CloudWatch", "monitoring", "2010-08-01", "CLOUDWATCH",
            region => new QueryEndpoint(new Uri($"https://monitoring.{region.SystemName}.{region.PartitionDnsSuffix}/"), region.SystemName));

        /// <summary>
        /// IAM is global: one endpoint per partition, signed for the partition's home region whatever region the
        /// session uses (us-east-1 for the commercial partition, cn-north-1 in China, us-gov-west-1 in GovCloud).
        /// A partition not listed here falls back to the regional pattern, which is how newer partitions name IAM.
        /// </summary>
        public static QueryService Iam { get; } = new QueryService("IAM", "iam", "2010-05-08", "IAM", region =>
            region.PartitionName switch
            {
                "aws" => new QueryEndpoint(new Uri("https://iam.amazonaws.com/"), "us-east-1"),
                "aws-cn" => new QueryEndpoint(new Uri("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1"),
                "aws-us-gov" => new QueryEndpoint(new Uri("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1"),
                "aws-iso" => new QueryEndpoint(new Uri("https://iam.us-iso-east-1.c2s.ic.gov/"), "us-iso-east-1"),
                "aws-iso-b" => new QueryEndpoint(new Uri("https://iam.us-isob-east-1.sc2s.sgov.gov/"), "us-isob-east-1"),
                _ => new QueryEndpoint(new Uri($"https://iam.{region.SystemName}.{region.PartitionDnsSuffix}/"), region.SystemName),
            });

        /// <summary>The service's own endpoint for a region, from the SDK's partition data (so cn- regions get amazonaws.com.cn).</summary>
        public QueryEndpoint DefaultEndpoint(string region) => _defaultEndpoint(RegionEndpoint.GetBySystemName(region));

        /// <summary>
        /// The endpoint a session calls: a configured one (-EndpointUrl, AWS_ENDPOINT_URL_&lt;id&gt;, AWS_ENDPOINT_URL)
        /// wins and is signed for the region the service would sign for anyway; otherwise the default.
        /// </summary>
        public QueryEndpoint EndpointFor(AwsSession session)
        {
            var standard = DefaultEndpoint(session.Region);
            var configured = session.EndpointFor(EndpointEnvironmentId);
            return configured == null ? standard : new QueryEndpoint(new Uri(configured), standard.SigningRegion);
        }
    }
}
