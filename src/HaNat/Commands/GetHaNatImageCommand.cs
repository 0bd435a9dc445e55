using System.Management.Automation;
using Amazon.EC2.Model;
using HaNat.Images;
using HaNat.Model;

namespace HaNat.Commands
{
    /// <summary>
    /// The newest NAT image HaNat's Packer template built in the region (owned by this account, tagged
    /// hanat:image=nat), as EC2's own Image object: its ImageId binds to New-HaNatVpc -ImageId.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HaNatImage")]
    [OutputType(typeof(Image))]
    public sealed class GetHaNatImageCommand : HaNatCmdlet
    {
        /// <summary>Only images of this architecture; by default the newest of any.</summary>
        [Parameter(Position = 0)]
        public NatArchitecture? Architecture { get; set; }

        protected override void EndProcessing()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            try
            {
                WriteObject(Await(new HaNatImageFinder(ec2, session).FindNewestAsync(Architecture)));
            }
            catch (HaNatException ex)
            {
                Fail(ex, session.Region);
            }
        }
    }
}
