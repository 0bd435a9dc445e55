using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Tagging;
using static HaNat.Aws.Ec2.Ec2Reads;

namespace HaNat.Monitor
{
    /// <summary>
    /// The EC2 calls of a zone's address: reads of this NAT's interface and of the VPC's zone addresses, and the three
    /// writes (assign a secondary private IP, associate the address with it, unassign it). Each call is one line of the
    /// session's log, and carries the session's token.
    /// </summary>
    internal sealed class ZoneAddressEc2(IAmazonEC2 ec2, AwsSession session)
    {
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly AwsSession _session = session;

        /// <summary>The instance's primary interface (device index 0), or null when EC2 lists none.</summary>
        public async Task<OwnInterface?> OwnInterfaceAsync(string instanceId)
        {
            var response = await _session.Call("EC2", "DescribeNetworkInterfaces", "attachment.instance-id=" + instanceId,
                ct => _ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
                {
                    Filters = new List<Filter> { By("attachment.instance-id", instanceId) },
                }, ct)).ConfigureAwait(false);
            var nics = response.NetworkInterfaces ?? new List<NetworkInterface>();
            var nic = nics.FirstOrDefault(n => (n.Attachment?.DeviceIndex ?? 0) == 0) ?? nics.FirstOrDefault();
            if (nic == null) return null;
            var ips = nic.PrivateIpAddresses ?? new List<NetworkInterfacePrivateIpAddress>();
            var primary = ips.FirstOrDefault(i => i.Primary == true)?.PrivateIpAddress ?? nic.PrivateIpAddress;
            return new OwnInterface(nic.NetworkInterfaceId, primary,
                ips.Select(i => i.PrivateIpAddress).Where(ip => !string.IsNullOrEmpty(ip) && ip != primary).Distinct().ToList());
        }

        /// <summary>Every zone address of the VPC (tagged hanat:vpc-id and hanat:zone), associated or not.</summary>
        public async Task<IReadOnlyList<ZoneAddress>> VpcAddressesAsync(string vpcId)
        {
            var response = await _session.Call("EC2", "DescribeAddresses", $"tag:{HaNatTags.VpcId}={vpcId}",
                ct => _ec2.DescribeAddressesAsync(new DescribeAddressesRequest
                {
                    Filters = new List<Filter> { By("tag:" + HaNatTags.VpcId, vpcId), By("domain", "vpc") },
                }, ct)).ConfigureAwait(false);
            return (response.Addresses ?? new List<Address>())
                .Select(a => (Address: a, Zone: a.Tags?.FirstOrDefault(t => t.Key == HaNatTags.Zone)?.Value))
                .Where(p => !string.IsNullOrEmpty(p.Zone) && !string.IsNullOrEmpty(p.Address.AllocationId))
                .Select(p => new ZoneAddress(p.Address.AllocationId, p.Address.PublicIp, p.Zone!,
                    NullIfEmpty(p.Address.NetworkInterfaceId), NullIfEmpty(p.Address.PrivateIpAddress)))
                .ToList();
        }

        /// <summary>Assigns one new secondary private IP to the interface and returns it.</summary>
        public async Task<string> AssignAsync(OwnInterface own, string instanceId)
        {
            var response = await _session.Call("EC2", "AssignPrivateIpAddresses", $"{own.Id} SecondaryPrivateIpAddressCount=1",
                ct => _ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
                {
                    NetworkInterfaceId = own.Id,
                    SecondaryPrivateIpAddressCount = 1,
                }, ct)).ConfigureAwait(false);
            var known = new HashSet<string>(own.SecondaryIps.Append(own.PrimaryIp), StringComparer.Ordinal);
            var assigned = (response.AssignedPrivateIpAddresses ?? new List<AssignedPrivateIpAddress>())
                .Select(a => a.PrivateIpAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip) && !known.Contains(ip));
            if (assigned != null) return assigned;
            // The answer named no new address: read the interface again.
            var after = await OwnInterfaceAsync(instanceId).ConfigureAwait(false);
            return after?.SecondaryIps.FirstOrDefault(ip => !known.Contains(ip))
                ?? throw new HaNatException("SecondaryIpNotAssigned", HaNatErrorKind.InvalidResult,
                    $"EC2 assigned no new secondary private IP to {own.Id}. Check the interface's limit of addresses per interface for the instance type.");
        }

        /// <summary>Associates the zone's address with the secondary IP; AllowReassociation takes it from wherever it is.</summary>
        public Task AssociateAsync(ZoneAddressHold hold, string privateIp) =>
            _session.Call("EC2", "AssociateAddress", $"{hold.AllocationId} ({hold.PublicIp}) -> {hold.InterfaceId} {privateIp}",
                ct => _ec2.AssociateAddressAsync(new AssociateAddressRequest
                {
                    AllocationId = hold.AllocationId,
                    NetworkInterfaceId = hold.InterfaceId,
                    PrivateIpAddress = privateIp,
                    AllowReassociation = true,
                }, ct));

        /// <summary>Associates the zone's address with the zone's own NAT (its primary IP), as that NAT's boot takeover does.</summary>
        public Task HandBackAsync(string allocationId, string instanceId) =>
            _session.Call("EC2", "AssociateAddress", $"{allocationId} -> {instanceId} (the zone's own NAT)",
                ct => _ec2.AssociateAddressAsync(new AssociateAddressRequest
                {
                    AllocationId = allocationId,
                    InstanceId = instanceId,
                    AllowReassociation = true,
                }, ct));

        /// <summary>Unassigns a secondary IP (EC2 disassociates an address still on it).</summary>
        /// <param name="rollback">A rollback runs even after the session's token tripped (the monitor stopping).</param>
        public Task UnassignAsync(string interfaceId, string privateIp, bool rollback = false) =>
            _session.Call("EC2", "UnassignPrivateIpAddresses", $"{interfaceId} {privateIp}" + (rollback ? " (rollback)" : ""),
                ct => _ec2.UnassignPrivateIpAddressesAsync(new UnassignPrivateIpAddressesRequest
                {
                    NetworkInterfaceId = interfaceId,
                    PrivateIpAddresses = new List<string> { privateIp },
                }, rollback ? CancellationToken.None : ct));

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
