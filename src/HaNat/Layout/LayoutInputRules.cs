using System.Text.RegularExpressions;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// The checks on a layout's inputs, each throwing a <see cref="HaNatException"/> whose ErrorId names the input and
    /// whose message says what to type instead.
    /// </summary>
    internal static class LayoutInputRules
    {
        /// <summary>
        /// 32 characters keeps every derived name inside its service's limit, the tightest being the IAM role name
        /// (64): &lt;name&gt;-nat-&lt;region&gt;.
        /// </summary>
        public const int MaxNameLength = 32;

        // Letters, digits and hyphens are the characters every named resource accepts: IAM [\w+=,.@-], launch
        // templates [a-zA-Z0-9().\-/_], SSM parameter paths, CloudFormation logical ids aside.
        private static readonly Regex NamePattern = new Regex("^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant);
        private static readonly Regex ZonePattern = new Regex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);
        private static readonly Regex InstanceTypePattern = new Regex("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ImageIdPattern = new Regex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
        private static readonly Regex DevicePattern = new Regex("^/dev/[a-z0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>The pattern, for the CloudFormation parameter that takes the same name.</summary>
        public static string NameRegex => NamePattern.ToString();

        public static string CheckName(string? name)
        {
            var value = name?.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                throw Invalid("InvalidName", name, "The name is empty. Give a short name such as 'prod' or 'dev-eu': it names the VPC and every resource in it.");
            }
            if (value.Length > MaxNameLength || !NamePattern.IsMatch(value))
            {
                throw Invalid("InvalidName", name,
                    $"'{value}' cannot name a HaNat VPC: use 1 to {MaxNameLength} letters, digits and hyphens, starting with a letter and not ending with a hyphen. " +
                    "The name becomes part of IAM role, launch template, security group and Auto Scaling group names, which accept nothing else in common.");
            }
            if (value.Equals("sg", StringComparison.OrdinalIgnoreCase) || value.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("InvalidName", name, $"'{value}' cannot name a HaNat VPC: security group names may not start with 'sg-'. Choose another name.");
            }
            return value;
        }

        public static IReadOnlyList<string> CheckZones(IReadOnlyList<string>? zones)
        {
            var list = (zones ?? Array.Empty<string>()).Select(z => z?.Trim() ?? string.Empty).ToList();
            if (list.Count == 0)
            {
                throw Invalid("NoZones", null, "No availability zone was given. Give one to six zone names, for example us-east-1a, us-east-1b, us-east-1c.");
            }
            foreach (var zone in list)
            {
                if (zone.Length == 0 || zone.Length > 32 || !ZonePattern.IsMatch(zone))
                {
                    throw Invalid("InvalidZone", zone, $"'{zone}' is not an availability zone name. Use names as EC2 lists them, in lower case, for example us-east-1a.");
                }
            }
            var duplicate = list.GroupBy(z => z, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw Invalid("DuplicateZone", duplicate.Key, $"Zone {duplicate.Key} is given more than once. Each zone gets its own NAT and subnets: name each zone once.");
            }
            if (list.Count > SubnetCarving.MaxZones)
            {
                throw Invalid("TooManyZones", string.Join(",", list),
                    $"{list.Count} zones were given; HaNat lays out at most {SubnetCarving.MaxZones}. Pass {SubnetCarving.MaxZones} zones or fewer.");
            }
            return list;
        }

        public static string? CheckRegion(string? region)
        {
            if (region == null) return null;
            var value = region.Trim();
            if (!RegionPattern.IsMatch(value))
            {
                throw Invalid("InvalidRegion", region, $"'{region}' is not an AWS region name. Use a name such as us-east-1 or eu-west-2.");
            }
            return value;
        }

        public static string CheckInstanceType(string? instanceType, NatArchitecture architecture)
        {
            if (instanceType == null) return NatInstanceTypes.DefaultFor(architecture);
            var value = instanceType.Trim();
            if (!InstanceTypePattern.IsMatch(value))
            {
                throw Invalid("InvalidInstanceType", instanceType,
                    $"'{instanceType}' is not an instance type. Use a family and a size, for example {NatInstanceTypes.DefaultFor(architecture)}.");
            }
            return value;
        }

        /// <summary>
        /// An instance type must run the image's architecture: EC2 refuses the launch otherwise, which New-HaNatVpc
        /// would meet only in the Auto Scaling group, after every other write. The family name tells (a Graviton
        /// family has a 'g' after its generation digit: t4g, c7gn); a type a user names is checked, a default is right.
        /// </summary>
        public static void CheckInstanceTypeArchitecture(string instanceType, NatArchitecture imageArchitecture, string imageId)
        {
            var implied = NatInstanceTypes.GuessArchitecture(instanceType);
            if (implied == imageArchitecture) return;
            throw Invalid("InstanceTypeArchitectureMismatch", instanceType,
                $"Instance type {instanceType} is an {Describe(implied)} type, but image {imageId} is {Describe(imageArchitecture)}: EC2 cannot launch it. " +
                $"Use an {Describe(imageArchitecture)} type such as {NatInstanceTypes.DefaultFor(imageArchitecture)}, or an {Describe(implied)} image " +
                $"(Get-HaNatImage -Architecture {implied}), or leave out -InstanceType.");
        }

        private static string Describe(NatArchitecture architecture) => architecture == NatArchitecture.Arm64 ? "arm64" : "x86_64";

        public static string? CheckImageId(string? imageId)
        {
            if (imageId == null) return null;
            var value = imageId.Trim();
            if (!ImageIdPattern.IsMatch(value))
            {
                throw Invalid("InvalidImageId", imageId, $"'{imageId}' is not an AMI id. AMI ids look like ami-0123456789abcdef0; Get-HaNatImage finds HaNat's.");
            }
            return value;
        }

        public static string? CheckKeyName(string? keyName)
        {
            if (keyName == null || keyName.Length == 0) return null;
            if (keyName.Length > 255 || keyName.Any(c => c < 0x20 || c > 0x7e) || keyName.Trim().Length != keyName.Length)
            {
                throw Invalid("InvalidKeyName", keyName, $"'{keyName}' is not a key pair name: EC2 key names are 1 to 255 printable ASCII characters without leading or trailing spaces.");
            }
            return keyName;
        }

        public static Ipv4Block? CheckSshCidr(string? sshCidr)
        {
            if (sshCidr == null || sshCidr.Trim().Length == 0) return null;
            var block = Ipv4Block.TryParse(sshCidr);
            if (block == null)
            {
                throw Invalid("InvalidSshCidr", sshCidr,
                    $"'{sshCidr}' is not an IPv4 CIDR block with its host bits clear. Give where SSH may come from, for example 203.0.113.7/32 for one address.");
            }
            return block;
        }

        public static string CheckRootDeviceName(string? device)
        {
            var value = device?.Trim() ?? string.Empty;
            if (!DevicePattern.IsMatch(value))
            {
                throw Invalid("InvalidRootDeviceName", device, $"'{device}' is not a device name. Give the image's root device as DescribeImages reports it, for example /dev/xvda.");
            }
            return value;
        }

        public static int CheckGracePeriod(int seconds)
        {
            if (seconds < 0 || seconds > 7200)
            {
                throw Invalid("InvalidHealthCheckGracePeriod", seconds, $"A health check grace period of {seconds} s is out of range: give 0 to 7200 seconds.");
            }
            return seconds;
        }

        private static HaNatException Invalid(string errorId, object? target, string message) =>
            new HaNatException(errorId, HaNatErrorKind.InvalidArgument, message) { Target = target };
    }
}
