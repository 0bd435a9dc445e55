using System.Management.Automation;
using HaNat.Inventory;
using HaNat.Model;

namespace HaNat.Commands
{
    /// <summary>
    /// Lists the HaNat VPCs of the region, or the one named, as the objects New-HaNatVpc returns. One round of
    /// describe calls answers for every VPC, however many there are.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HaNatVpc")]
    [OutputType(typeof(HaNatVpc))]
    public sealed class GetHaNatVpcCommand : HaNatCmdlet
    {
        /// <summary>The name, or a wildcard pattern ('pr*'), matched without regard to case.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotEmptyUnlessNull]
        [ArgumentCompleter(typeof(Completion.VpcNameCompleter))]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var session = GetSession();
                using var ec2 = session.CreateEc2Client();
                using var autoScaling = session.CreateAutoScalingClient();
                using var ssm = session.CreateSsmClient();
                // As Get-Process -Name: wildcards, and no regard to case (IAM names ignore it, so two HaNat VPCs never
                // differ only in case). A pattern that matches nothing is no error; a plain name that does is.
                var pattern = Name == null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                var inventories = Await(new VpcInventoryReader(session, ec2, autoScaling, ssm: ssm).ReadSummariesAsync(pattern == null ? null : pattern.IsMatch));
                if (Name != null && inventories.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    Report(new HaNatException("HaNatVpcNotFound", HaNatErrorKind.ObjectNotFound,
                        $"No HaNat VPC is named '{Name}' in {session.Region}. Get-HaNatVpc with no name lists them all; check -Region.") { Target = Name });
                    return;
                }
                foreach (var inventory in inventories) WriteObject(HaNatVpcAssembler.Assemble(inventory));
            }
            catch (HaNatException ex)
            {
                Report(ex, Name);
            }
        }
    }
}
