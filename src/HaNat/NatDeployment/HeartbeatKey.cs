using System.Security.Cryptography;
using HaNat.Layout;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// The key the NATs of one VPC sign their heartbeats with (HMAC): 32 random bytes, base64, in an SSM SecureString
    /// under /hanat/, which the NatInstance policy lets the NATs read. A key per VPC means a NAT of one HaNat VPC
    /// cannot speak for the NATs of another.
    /// </summary>
    internal static class HeartbeatKey
    {
        public const int KeyBytes = 32;

        /// <summary>The parameter's hanat:component; it is not part of the layout, which CloudFormation also renders.</summary>
        public static readonly LayoutComponent Component = new LayoutComponent("heartbeat-key", "heartbeat-key", false);

        /// <summary>/hanat/&lt;vpc name&gt;/heartbeat-key.</summary>
        public static string ParameterName(string vpcName) => "/hanat/" + vpcName + "/heartbeat-key";

        public static string Description(string vpcName) => $"HMAC key of the HaNat NAT heartbeats in VPC {vpcName}";

        public static IReadOnlyList<LayoutTag> Tags(string vpcName, string vpcId) =>
            new ResourceLayout(Component, vpcName).TagsWithVpcId(vpcId);

        /// <summary>A new key from the operating system's cryptographic generator.</summary>
        public static string NewKey()
        {
            var bytes = new byte[KeyBytes];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return Convert.ToBase64String(bytes);
        }
    }
}
