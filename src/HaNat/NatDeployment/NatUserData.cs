using System.Text;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// The NATs' user data: a shell script that runs Invoke-HaNatTakeover with pwsh. The AMI's
    /// hanat-takeover.service already runs the takeover at boot; running it once more after cloud-init covers a unit
    /// that failed, and costs nothing otherwise, since a takeover that finds its zone done writes nothing.
    /// </summary>
    internal static class NatUserData
    {
        /// <summary>
        /// The script for one VPC. Each argument may also be a CloudFormation Fn::Sub expression ("${Name}",
        /// "${Vpc.CidrBlock}", "${Vpc}"), which is why the script itself never uses the shell's ${...} syntax.
        /// <paramref name="privateSubnetTag"/> is the tag of the subnets the NATs serve: network=private when null.
        /// </summary>
        public static string Render(string vpcName, string vpcCidr, string vpcId, string? privateSubnetTag = null)
        {
            var tag = privateSubnetTag ?? PrivateSubnetTag.Parse(null).ToString();
            var command = $"Import-Module HaNat; Invoke-HaNatTakeover -VpcId '{vpcId}' -PrivateSubnetTag '{tag}' -ErrorAction Stop -Verbose";
            return new StringBuilder()
                .Append("#!/bin/bash\n")
                .Append($"# HaNat NAT instance of VPC {vpcName} ({vpcCidr}).\n")
                .Append("# hanat-takeover.service ran the takeover at boot; this runs it again after cloud-init, in case the unit failed.\n")
                .Append("# A takeover that finds its zone already served writes nothing.\n")
                .Append("set -euo pipefail\n")
                .Append($"pwsh -NoLogo -NoProfile -NonInteractive -Command \"{command}\" 2>&1 | logger -t hanat-user-data\n")
                .ToString();
        }
    }
}
