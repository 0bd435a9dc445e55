using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>-Region and -PeerRegion: the regions the AWS SDK knows, offline (no call, instant).</summary>
    internal sealed class RegionCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Candidates => AwsRegions.Known;

        protected override string ToolTip(string region) => $"{region} ({AwsRegions.PartitionOf(region)})";
    }
}
