using HaNat.Layout;
using HaNat.Model;

namespace HaNat.NatDeployment
{
    /// <summary>The NATs' launch template.</summary>
    internal sealed class LaunchTemplateLayout : ResourceLayout
    {
        public LaunchTemplateLayout(string vpcName, NatArchitecture architecture, string instanceType, string? imageId,
            string? keyName, string rootDeviceName)
            : base(LayoutComponents.LaunchTemplate, vpcName)
        {
            TemplateName = LayoutNames.LaunchTemplateName(vpcName);
            Architecture = architecture;
            InstanceType = instanceType;
            ImageId = imageId;
            KeyName = keyName;
            RootDeviceName = rootDeviceName;
            LaunchedResources = new ResourceLayout(LayoutComponents.NatInstance, vpcName);
        }

        public string TemplateName { get; }
        public NatArchitecture Architecture { get; }
        public string InstanceType { get; }

        /// <summary>Null when the image is decided later (a template parameter, or Get-HaNatImage in the builder).</summary>
        public string? ImageId { get; }

        public string? KeyName { get; }

        /// <summary>IMDSv2 only: a request without a session token is refused, so a forged GET cannot read the role's credentials.</summary>
        public string HttpTokens => "required";

        /// <summary>
        /// One hop: HaNat's pwsh runs on the host, so its token request never crosses a second hop. A container on the
        /// NAT, or anything the NAT forwards, would need two and cannot reach the role's credentials.
        /// </summary>
        public int HttpPutResponseHopLimit => 1;

        public string HttpEndpoint => "enabled";

        /// <summary>Must be the image's own root device name, or the mapping adds a second volume instead of encrypting the root.</summary>
        public string RootDeviceName { get; }

        public string RootVolumeType => "gp3";

        /// <summary>Encrypted with the account's default EBS key, even when the image's snapshot is not.</summary>
        public bool RootVolumeEncrypted => true;

        public bool DeleteRootVolumeOnTermination => true;

        /// <summary>
        /// A NAT needs a public address before it has its zone's Elastic IP: the takeover calls EC2 through the
        /// internet gateway, and a failover NAT keeps this address while it serves another zone.
        /// </summary>
        public bool AssociatePublicIpAddress => true;

        /// <summary>The tags the template puts on every instance, volume and network interface it launches.</summary>
        public ResourceLayout LaunchedResources { get; }

        /// <summary>
        /// The network interface must carry hanat:managed=true too: AssociateAddress is authorized on the interface as
        /// well as on the address.
        /// </summary>
        public IReadOnlyList<string> TaggedResourceTypes { get; } = new[] { "instance", "volume", "network-interface" };
    }
}
