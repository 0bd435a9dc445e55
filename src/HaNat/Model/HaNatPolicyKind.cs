namespace HaNat.Model
{
    /// <summary>Who a HaNat policy is for.</summary>
    public enum HaNatPolicyKind
    {
        /// <summary>The NAT instances' role: takeover and monitor.</summary>
        NatInstance,

        /// <summary>Whoever runs the Packer build of the NAT image.</summary>
        PackerBuilder,

        /// <summary>Whoever builds, peers and removes HaNat VPCs.</summary>
        Operator,
    }
}
