namespace HaNat.Aws
{
    /// <summary>
    /// Resolves the region as AWS.Tools does: -Region, the session default (Set-DefaultAWSRegion),
    /// the profile's region, AWS_REGION / AWS_DEFAULT_REGION, and last the instance's own region from IMDS.
    /// </summary>
    internal static class RegionResolver
    {
        public static string Resolve(AwsCredentialInputs inputs, Func<string?> instanceRegion)
        {
            if (!string.IsNullOrWhiteSpace(inputs.Region)) return inputs.Region!.Trim();
            if (!string.IsNullOrWhiteSpace(inputs.StoredRegion)) return inputs.StoredRegion!.Trim();

            var profileName = inputs.ProfileName ?? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
            if (inputs.ProfileStore().TryGetProfile(profileName, out var profile) && profile.Region != null)
            {
                return profile.Region.SystemName;
            }

            foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                var value = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrWhiteSpace(value)) return value!.Trim();
            }

            var fromInstance = instanceRegion();
            if (!string.IsNullOrWhiteSpace(fromInstance)) return fromInstance!;

            throw new HaNatException("NoRegion", HaNatErrorKind.InvalidArgument,
                "No AWS region was found. Pass -Region, run Set-DefaultAWSRegion, set AWS_REGION, or give the profile a region.");
        }
    }
}
