using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace HaNat.Completion
{
    /// <summary>A completer whose candidates HaNat knows offline (from the AWS SDK): no call, instant.</summary>
    internal abstract class OfflineCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionMatches.For(Candidates, wordToComplete, ToolTip);

        protected abstract IEnumerable<string> Candidates { get; }

        /// <summary>What Tab's list shows beside a candidate; by default the candidate itself.</summary>
        protected virtual string ToolTip(string candidate) => candidate;
    }
}
