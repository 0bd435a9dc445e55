using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>-Partition: the partitions the AWS SDK knows, offline.</summary>
    internal sealed class PartitionCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Candidates => AwsRegions.Partitions;
    }
}
