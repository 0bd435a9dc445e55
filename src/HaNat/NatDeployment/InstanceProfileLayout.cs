using HaNat.Layout;

namespace HaNat.NatDeployment
{
    /// <summary>The instance profile that carries <see cref="NatRoleLayout"/> to the NATs; it has the role's name and path.</summary>
    internal sealed class InstanceProfileLayout : ResourceLayout
    {
        public InstanceProfileLayout(string vpcName, string? region) : base(LayoutComponents.NatInstanceProfile, vpcName)
        {
            ProfileName = LayoutNames.IamName(vpcName, region);
        }

        public string ProfileName { get; }

        public string Path => LayoutNames.IamPath;
    }
}
