using System.Management.Automation;
using HaNat.Model;
using HaNat.Topology.Build;

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
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.VpcNameCompleter))]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var autoScaling = session.CreateAutoScalingClient();
            try
            {
                var inventories = Await(new VpcInventoryReader(session, ec2, autoScaling).ReadSummariesAsync(Name));
                if (Name != null && inventories.Count == 0)
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
