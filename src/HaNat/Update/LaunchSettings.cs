namespace HaNat.Update
{
    /// <summary>
    /// The launch settings Update-HaNatVpc can change, as a launch template version holds them: the image, the
    /// instance type and the key pair (null: no key). Everything else of the version is carried over as it is.
    /// </summary>
    internal sealed class LaunchSettings
    {
        public LaunchSettings(string imageId, string instanceType, string? keyName)
        {
            ImageId = imageId;
            InstanceType = instanceType;
            KeyName = string.IsNullOrEmpty(keyName) ? null : keyName;
        }

        public string ImageId { get; }
        public string InstanceType { get; }
        public string? KeyName { get; }

        /// <summary>What differs from <paramref name="current"/>, one phrase each ("image ami-1 -> ami-2"); empty when nothing.</summary>
        public IReadOnlyList<string> ChangesFrom(LaunchSettings current)
        {
            var changes = new List<string>();
            if (!string.Equals(ImageId, current.ImageId, StringComparison.Ordinal)) changes.Add($"image {current.ImageId} -> {ImageId}");
            if (!string.Equals(InstanceType, current.InstanceType, StringComparison.Ordinal)) changes.Add($"instance type {current.InstanceType} -> {InstanceType}");
            if (!string.Equals(KeyName, current.KeyName, StringComparison.Ordinal)) changes.Add($"key pair {current.KeyName ?? "(none)"} -> {KeyName ?? "(none)"}");
            return changes;
        }

        public override string ToString() => $"{ImageId}, {InstanceType}, key {KeyName ?? "(none)"}";
    }
}
