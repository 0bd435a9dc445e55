using System.Management.Automation;

namespace HaNat.Commands
{
    /// <summary>
    /// [ValidateNotNullOrEmpty] for an optional parameter that binds from the pipeline by property name: null is
    /// "not given" and passes; an empty or blank string, which no one means, is refused.
    /// </summary>
    internal sealed class ValidateNotEmptyUnlessNullAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments == null || ReferenceEquals(arguments, System.Management.Automation.Internal.AutomationNull.Value)) return;
            if (arguments is string text && text.Trim().Length == 0)
            {
                throw new ValidationMetadataException("The argument is empty. Supply a value, or leave the parameter out, and try the command again.");
            }
        }
    }
}
