using System.Text.RegularExpressions;
using Amazon;

namespace HaNat.Aws
{
    /// <summary>
    /// The regions and partitions the AWS SDK's partition data knows, offline. A region the SDK does not know gets
    /// endpoints the SDK makes up (ec2.xx-fake-1.amazonaws.com), so a typo would end in retries and an unrelated
    /// error page; HaNat refuses it before any call.
    /// </summary>
    internal static class AwsRegions
    {
        // Lower-case words joined by hyphens and a number: us-east-1, us-isob-east-1, eusc-de-east-1.
        private static readonly Regex Shape = new Regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        private static readonly Lazy<IReadOnlyDictionary<string, string>> PartitionByRegion = new Lazy<IReadOnlyDictionary<string, string>>(() =>
            RegionEndpoint.EnumerableAllRegions
                // The SDK lists endpoint variants among the regions (us-east-1-regional); they are not regions.
                .Where(r => IsWellFormed(r.SystemName))
                .GroupBy(r => r.SystemName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().PartitionName, StringComparer.Ordinal));

        /// <summary>Every region the SDK knows, sorted.</summary>
        public static IReadOnlyList<string> Known => PartitionByRegion.Value.Keys.OrderBy(r => r, StringComparer.Ordinal).ToList();

        /// <summary>Every partition the SDK knows: aws, aws-cn, aws-us-gov, and the isolated ones (aws-iso, aws-iso-b, ...).</summary>
        public static IReadOnlyList<string> Partitions =>
            PartitionByRegion.Value.Values.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();

        public static bool IsKnown(string region) => PartitionByRegion.Value.ContainsKey(region);

        public static bool IsKnownPartition(string partition) => PartitionByRegion.Value.Values.Contains(partition, StringComparer.Ordinal);

        /// <summary>Shaped like a region name (us-east-1), known or not.</summary>
        public static bool IsWellFormed(string region) => Shape.IsMatch(region);

        /// <summary>The partition of a region the SDK knows; null for one it does not.</summary>
        public static string? PartitionOf(string region) => PartitionByRegion.Value.TryGetValue(region, out var partition) ? partition : null;

        /// <summary>
        /// Fits the naming pattern of one of the SDK's partitions (aws: us|eu|ap|sa|ca|me|af|il|mx-..., cn-..., us-gov-...):
        /// a region that could exist, such as one newer than this SDK.
        /// </summary>
        public static bool FitsAPartition(string region) =>
            RegionEndpoint.AllPartitionRegionRegex.Any(pattern => Regex.IsMatch(region, pattern, RegexOptions.CultureInvariant));

        /// <summary>
        /// Refuses a region that is not shaped like one (InvalidRegion), and one the SDK does not know (UnknownRegion).
        /// The one exception: with an endpoint configured (-EndpointUrl, AWS_ENDPOINT_URL), a region that fits a
        /// partition's naming pattern is let through, for a region newer than this SDK. Emulators serve the regions
        /// AWS has (moto answers an unknown one with an HTML error page), so xx-fake-1 is refused with or without one.
        /// </summary>
        public static void Validate(string region, bool endpointConfigured)
        {
            if (!IsWellFormed(region))
            {
                throw new HaNatException("InvalidRegion", HaNatErrorKind.InvalidArgument,
                    $"'{region}' is not an AWS region name. Pass -Region with a name such as us-east-1 (Tab completes them).") { Target = region };
            }
            if (IsKnown(region) || endpointConfigured && FitsAPartition(region)) return;
            throw new HaNatException("UnknownRegion", HaNatErrorKind.InvalidArgument,
                $"'{region}' is not a region that AWS has (the nearest are {string.Join(", ", NearestKnown(region))}; Tab after -Region lists them all). " +
                "Check the spelling. A region newer than this HaNat can be reached by giving its endpoint with -EndpointUrl or AWS_ENDPOINT_URL.")
            { Target = region };
        }

        // A few known regions sharing the longest prefix with the one given, for the message.
        private static IEnumerable<string> NearestKnown(string region)
        {
            int Common(string known)
            {
                var n = 0;
                while (n < known.Length && n < region.Length && known[n] == region[n]) n++;
                return n;
            }
            return Known.OrderByDescending(Common).ThenBy(k => k, StringComparer.Ordinal).Take(3);
        }
    }
}
