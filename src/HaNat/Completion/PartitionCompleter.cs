using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using HaNat.Aws;

namespace HaNat.Completion
{
    /// <summary>-Partition: the partitions the AWS SDK knows, offline.</summary>
    internal sealed class PartitionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionMatches.For(AwsRegions.Partitions, wordToComplete);
    }
}
