namespace HaNat.Aws
{
    /// <summary>The partition a region belongs to, for ARNs and service principals.</summary>
    internal static class AwsPartition
    {
        /// <summary>The SDK's partition for a region it knows; for one it does not (an emulator's), by its prefix.</summary>
        public static string OfRegion(string region)
        {
            if (AwsRegions.PartitionOf(region) is string known) return known;
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "aws-cn";
            if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
            if (region.StartsWith("us-iso-", StringComparison.Ordinal)) return "aws-iso";
            if (region.StartsWith("us-isob-", StringComparison.Ordinal)) return "aws-iso-b";
            return "aws";
        }

        /// <summary>The partition and account of an ARN (arn:partition:service:region:account:resource); null parts when it is not one.</summary>
        public static (string? Partition, string? Account) OfArn(string? arn)
        {
            var parts = (arn ?? string.Empty).Split(':');
            if (parts.Length < 6 || parts[0] != "arn") return (null, null);
            return (parts[1], parts[4].Length == 0 ? null : parts[4]);
        }
    }
}
