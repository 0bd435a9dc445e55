using HaNat.Aws.Ec2;
using HaNat.Images;
using HaNat.Model;

namespace HaNat.Build
{
    /// <summary>
    /// The decisions New-HaNatVpc takes on what it read from AWS before writing anything: which zones, whether the
    /// image and key pair will do, whether the name is free. Each refusal is a HaNatException that says what to do.
    /// </summary>
    internal static class BuildChecks
    {
        /// <summary>A HaNat zone: available, and a real availability zone (local and Wavelength zones lack what a NAT needs).</summary>
        private static bool IsUsable(Ec2AvailabilityZone zone) =>
            zone.State == "available" && (zone.ZoneType == null || zone.ZoneType == "availability-zone");

        public static IReadOnlyList<string> ChooseZones(IReadOnlyList<Ec2AvailabilityZone> regionZones, IReadOnlyList<string>? requested, int zoneCount, string region)
        {
            var usable = regionZones.Where(IsUsable).Select(z => z.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var list = string.Join(", ", usable);
            if (requested == null)
            {
                if (usable.Count == 0)
                {
                    throw new HaNatException("NoAvailableZone", HaNatErrorKind.ObjectNotFound,
                        $"{region} lists no available availability zone. Check -Region, or name the zones with -AvailabilityZone.") { Target = region };
                }
                return usable.Take(Math.Max(1, zoneCount)).ToList();
            }
            foreach (var name in requested)
            {
                var zone = regionZones.FirstOrDefault(z => z.Name == name);
                if (zone == null)
                {
                    throw new HaNatException("UnknownAvailabilityZone", HaNatErrorKind.ObjectNotFound,
                        $"{name} is not an availability zone of {region}. Its zones are: {list}. Name zones of {region}, or pass the region of {name} with -Region.")
                    { Target = name };
                }
                if (!IsUsable(zone))
                {
                    var why = zone.State != "available" ? $"is {zone.State}" : $"is a {zone.ZoneType}, not an availability zone";
                    throw new HaNatException("AvailabilityZoneNotUsable", HaNatErrorKind.InvalidArgument,
                        $"{name} {why}. Use available availability zones of {region}: {list}.") { Target = name };
                }
            }
            return requested;
        }

        /// <summary>The image's architecture and root device, or why it will not do.</summary>
        public static (NatArchitecture Architecture, string RootDeviceName) CheckImage(Amazon.EC2.Model.Image? image, string imageId, string region)
        {
            if (image == null)
            {
                throw new HaNatException("ImageNotFound", HaNatErrorKind.ObjectNotFound,
                    $"AMI {imageId} does not exist in {region}, or this account cannot use it. AMIs are regional: Get-HaNatImage finds HaNat's image in {region}.")
                { Target = imageId };
            }
            var state = image.State?.Value ?? "unknown";
            if (state != "available")
            {
                throw new HaNatException("ImageNotAvailable", HaNatErrorKind.InvalidArgument,
                    $"AMI {imageId} is {state}, not available. Wait until it is available, or use another image (Get-HaNatImage).") { Target = imageId };
            }
            var architecture = ImageArchitectures.Parse(image.Architecture?.Value);
            if (architecture == null)
            {
                throw new HaNatException("UnsupportedImageArchitecture", HaNatErrorKind.InvalidArgument,
                    $"AMI {imageId} is built for {image.Architecture?.Value ?? "an unknown architecture"}; HaNat NATs run on arm64 or x86_64. Use a HaNat image (Get-HaNatImage).")
                { Target = imageId };
            }
            var root = string.IsNullOrEmpty(image.RootDeviceName) ? "/dev/xvda" : image.RootDeviceName;
            return (architecture.Value, root);
        }

        public static void CheckKeyPair(bool exists, string keyName, string region)
        {
            if (exists) return;
            throw new HaNatException("KeyPairNotFound", HaNatErrorKind.ObjectNotFound,
                $"Key pair '{keyName}' does not exist in {region}. Key pairs are regional: create or import it in {region}, " +
                "or leave -KeyName out to launch the NATs without one.")
            { Target = keyName };
        }

        /// <summary>Refuses a name that a HaNat VPC, or any resource New-HaNatVpc would create by name, already has.</summary>
        public static void CheckNameFree(NameUse use)
        {
            if (use.VpcIds.Count > 0)
            {
                var existing = use.ExistingName ?? use.Name;
                var caseOnly = string.Equals(existing, use.Name, StringComparison.Ordinal)
                    ? string.Empty
                    : $" Names that differ only in case collide: IAM role names ignore case.";
                throw new HaNatException("NameInUse", HaNatErrorKind.ResourceExists,
                    $"A HaNat VPC named '{existing}' already exists in {use.Region} ({string.Join(", ", use.VpcIds)}).{caseOnly} " +
                    $"Choose another -Name, or see it with Get-HaNatVpc -Name {existing}.")
                { Target = use.Name };
            }
            if (use.Taken.Count > 0)
            {
                throw new HaNatException("NameInUse", HaNatErrorKind.ResourceExists,
                    $"No VPC is named '{use.Name}', but what New-HaNatVpc would create by that name exists: {string.Join("; ", use.Taken)}. " +
                    $"If they are left over from a HaNat VPC, Remove-HaNatVpc -Name {use.Name} removes them; otherwise choose another -Name.")
                { Target = use.Name };
            }
        }
    }
}
