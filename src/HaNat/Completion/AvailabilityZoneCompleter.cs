using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>
    /// -AvailabilityZone: the zones of the command's region. The region is the one typed so far when it is a known
    /// region (us-west-2<Tab>), else -Region or the default region. The zones come from EC2's DescribeAvailabilityZones
    /// with the command line's AWS parameters, cut off after <see cref="Limit"/> and kept for ten minutes; without an
    /// answer they are derived from the region (its name and a to f), which is fast and never fails.
    /// </summary>
    internal sealed class AvailabilityZoneCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
        private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<string> Zones)> Known =
            new ConcurrentDictionary<string, (DateTime, IReadOnlyList<string>)>(StringComparer.Ordinal);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var inputs = CompletionSession.Inputs(fakeBoundParameters);
                var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var region = RegionOfTyped(typed) ?? CompletionSession.Region(inputs);
                if (region == null) return Array.Empty<CompletionResult>();
                var (zones, asked) = Zones(inputs, region);
                return CompletionMatches.For(zones, typed, zone => asked ? $"{zone} (EC2)" : $"{zone} (derived from {region}; EC2 did not answer)");
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        // "eu-west-1" or "eu-west-1b" typed: that region, whatever -Region says.
        private static string? RegionOfTyped(string typed)
        {
            for (var length = typed.Length; length > 0; length--)
            {
                var candidate = typed.Substring(0, length);
                if (AwsRegions.IsKnown(candidate)) return candidate;
            }
            return null;
        }

        private static (IReadOnlyList<string> Zones, bool Asked) Zones(AwsCredentialInputs inputs, string region)
        {
            var key = $"{region}|{inputs.EndpointUrl}|{inputs.ProfileName}|{inputs.AccessKey}";
            if (Known.TryGetValue(key, out var kept) && DateTime.UtcNow - kept.At < Keep) return (kept.Zones, true);

            var read = CompletionSession.TryRead(inputs, region, Limit, async session =>
            {
                using var ec2 = CompletionSession.CreateEc2Client(session);
                var zones = await new HaNat.Aws.Ec2.Ec2Reads(ec2, session).AvailabilityZonesAsync().ConfigureAwait(false);
                // Zones only: Local and Wavelength Zones (us-east-1-bos-1a) are not where HaNat places NATs.
                return (IReadOnlyList<string>)zones
                    .Where(z => z.ZoneType == null || z.ZoneType == "availability-zone")
                    .Select(z => z.Name).OrderBy(z => z, StringComparer.Ordinal).ToList();
            });
            if (read != null && read.Count > 0)
            {
                Known[key] = (DateTime.UtcNow, read);
                return (read, true);
            }
            return ("abcdef".Select(letter => region + letter).ToList(), false);
        }
    }
}
