using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>-Region and -PeerRegion: the regions the AWS SDK knows, offline (no call, instant).</summary>
    internal sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionMatches.For(AwsRegions.Known, wordToComplete, region => $"{region} ({AwsRegions.PartitionOf(region)})");
    }
}
