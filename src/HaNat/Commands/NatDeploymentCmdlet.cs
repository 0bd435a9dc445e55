using System.Management.Automation;

namespace HaNat.Commands
{
    /// <summary>
    /// The NAT inputs of the cmdlets that deploy NATs, New-HaNatVpc (into a VPC it builds) and Add-HaNatVpc (into one
    /// that exists): the same parameters, the same defaults, checked the same way.
    /// </summary>
    public abstract class NatDeploymentCmdlet : HaNatCmdlet
    {
        /// <summary>The NAT image; by default the newest HaNat image in the region (Get-HaNatImage), of -InstanceType's architecture when given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ImageId { get; set; }

        /// <summary>A key pair for the NATs; no SSH rule is made for it unless -SshCidr is given.</summary>
        [Parameter]
        public string? KeyName { get; set; }

        /// <summary>By default a small type of the image's architecture (t4g.nano, t3.nano).</summary>
        [Parameter]
        public string? InstanceType { get; set; }

        /// <summary>Where SSH (tcp 22) to the NATs may come from; no SSH rule without it.</summary>
        [Parameter]
        public string? SshCidr { get; set; }
    }
}
