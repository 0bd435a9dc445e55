using System.Text.RegularExpressions;
using HaNat.Aws;

namespace HaNat.Policies
{
    /// <summary>
    /// Fills the placeholders of HaNat's policy documents. "*" for region and account lets a policy work anywhere; an
    /// operator who knows both can narrow it. The CloudFormation template does not use this: it hands the same
    /// placeholders to Fn::Sub as AWS::Partition, AWS::Region, AWS::AccountId and AWS::URLSuffix.
    /// </summary>
    internal sealed class ArnContext
    {
        public const string PartitionToken = "${Partition}";
        public const string RegionToken = "${Region}";
        public const string AccountToken = "${Account}";
        public const string UrlSuffixToken = "${UrlSuffix}";

        /// <summary>An IAM policy variable, which IAM fills in per request: left as it is here.</summary>
        public const string SourceVpcVariable = "${aws:Ec2InstanceSourceVpc}";

        public ArnContext(string partition = "aws", string region = "*", string account = "*")
        {
            // The partitions are those of the SDK's partition data (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...):
            // a policy for any other would name ARNs that match nothing.
            if (!AwsRegions.IsKnownPartition(partition))
            {
                throw new HaNatException("InvalidPartition", HaNatErrorKind.InvalidArgument,
                    $"'{partition}' is not an AWS partition. Use one of {string.Join(", ", AwsRegions.Partitions)}.") { Target = partition };
            }
            if (region != "*" && !AwsRegions.IsWellFormed(region))
            {
                throw new HaNatException("InvalidRegion", HaNatErrorKind.InvalidArgument,
                    $"'{region}' is not an AWS region name. Use a name such as us-east-1, or * for every region.") { Target = region };
            }
            if (region != "*" && AwsRegions.PartitionOf(region) is string regionPartition && regionPartition != partition)
            {
                throw new HaNatException("RegionNotInPartition", HaNatErrorKind.InvalidArgument,
                    $"{region} is in the {regionPartition} partition, not in {partition}. Pass -Partition {regionPartition}, or a region of {partition}.")
                { Target = region };
            }
            if (account != "*" && !Regex.IsMatch(account, "^[0-9]{12}$", RegexOptions.CultureInvariant))
            {
                throw new HaNatException("InvalidAccountId", HaNatErrorKind.InvalidArgument,
                    $"'{account}' is not an AWS account id: give its 12 digits, or * for any account.") { Target = account };
            }
            Partition = partition;
            Region = region;
            Account = account;
        }

        public string Partition { get; }
        public string Region { get; }
        public string Account { get; }

        /// <summary>The domain of service principals: amazonaws.com.cn in China, amazonaws.com elsewhere.</summary>
        public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

        public string Render(string template) => template
            .Replace(PartitionToken, Partition)
            .Replace(RegionToken, Region)
            .Replace(AccountToken, Account)
            .Replace(UrlSuffixToken, UrlSuffix);

        /// <summary>
        /// The same placeholders as CloudFormation pseudo parameters, for Fn::Sub; IAM's own policy variables are
        /// escaped (${!aws:...}) so that Fn::Sub writes them as they are.
        /// </summary>
        public static string ToCloudFormation(string template) => template
            .Replace("${aws:", "${!aws:")
            .Replace(PartitionToken, "${AWS::Partition}")
            .Replace(RegionToken, "${AWS::Region}")
            .Replace(AccountToken, "${AWS::AccountId}")
            .Replace(UrlSuffixToken, "${AWS::URLSuffix}");

        public static bool HasPlaceholder(string text) => text.Contains("${");

        /// <summary>Whether a rendered policy still holds one of HaNat's placeholders (IAM's own variables aside).</summary>
        public static bool HasHaNatPlaceholder(string text) =>
            text.Contains(PartitionToken) || text.Contains(RegionToken) || text.Contains(AccountToken) || text.Contains(UrlSuffixToken);
    }
}
