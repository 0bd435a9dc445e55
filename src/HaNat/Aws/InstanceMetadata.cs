namespace HaNat.Aws
{
    /// <summary>This instance, as IMDS describes it.</summary>
    internal sealed class InstanceMetadata
    {
        public InstanceMetadata(string instanceId, string availabilityZone, string region, string macAddress, string vpcId,
            string[] vpcCidrBlocks, string networkInterfaceId)
        {
            InstanceId = instanceId;
            AvailabilityZone = availabilityZone;
            Region = region;
            MacAddress = macAddress;
            VpcId = vpcId;
            VpcCidrBlocks = vpcCidrBlocks;
            NetworkInterfaceId = networkInterfaceId;
        }

        public string InstanceId { get; }
        public string AvailabilityZone { get; }
        public string Region { get; }
        public string MacAddress { get; }
        public string VpcId { get; }
        public string[] VpcCidrBlocks { get; }
        public string NetworkInterfaceId { get; }
    }
}
