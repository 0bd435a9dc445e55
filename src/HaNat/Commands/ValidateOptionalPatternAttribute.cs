using System.Management.Automation;
using System.Text.RegularExpressions;

namespace HaNat.Commands
{
    /// <summary>
    /// [ValidatePattern] for an optional parameter that binds from the pipeline by property name: a null value (an
    /// Amazon.EC2.Model.Instance whose VpcId is not filled in, say) means "not given" and passes, as a missing property
    /// would, where ValidatePattern refuses it and fails the whole record.
    /// </summary>
    internal sealed class ValidateOptionalPatternAttribute : ValidateArgumentsAttribute
    {
        private readonly Regex _pattern;

        public ValidateOptionalPatternAttribute(string pattern)
        {
            Pattern = pattern;
            _pattern = new Regex(pattern, RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments == null || ReferenceEquals(arguments, System.Management.Automation.Internal.AutomationNull.Value)) return;
            var text = arguments.ToString();
            if (!_pattern.IsMatch(text))
            {
                throw new ValidationMetadataException($"The argument \"{text}\" does not match the \"{Pattern}\" pattern. Supply an argument that matches \"{Pattern}\" and try the command again.");
            }
        }
    }
}
