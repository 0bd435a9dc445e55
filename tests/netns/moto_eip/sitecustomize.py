"""moto, as the failover harness's -ElasticIps fabric runs it: three gaps of moto 5.2.1 filled where AWS differs.

Python imports this module at start-up when its directory is on PYTHONPATH (FailoverInternetGateway.ps1 puts it
there for moto_server only). It never changes what HaNat sends; it makes moto answer as EC2 does:

1. AssociateAddress with NetworkInterfaceId and PrivateIpAddress: moto ignores the private IP and reports the
   interface's primary one in DescribeAddresses. EC2 associates the address with that private IP and reports it, and
   the harness's internet gateway (igw.py) translates by it. The address also names the interface's instance, as EC2's
   InstanceId does for an interface association.
2. UnassignPrivateIpAddresses of a secondary IP with an address on it: EC2 disassociates the address; moto keeps it.
3. AssignPrivateIpAddresses with a count: moto picks a random address of the subnet, even one another interface
   holds; EC2 picks a free one. Here: the first free one from .100 of the subnet.
4. AllocateAddress without an address: moto picks a random 127.x.y.z, which no namespace can route (a martian
   outside loopback); EC2 picks one of Amazon's pool. Here: the first free address of HANAT_MOTO_EIP_POOL
   ("FIRST-LAST"), the harness's internet's own range, which its internet gateway holds (so an address HaNat
   allocates itself, as Add-HaNatVpc does, is as reachable as the ones the harness chose). Unset: moto's own choice.
"""
import ipaddress
import os


def _patch():
    from moto.ec2.models import elastic_ip_addresses as eips
    from moto.ec2.models import elastic_network_interfaces as enis
    from moto.ec2.responses import elastic_ip_addresses as eip_responses

    def private_ip_address(self):
        if self.eni is None:
            return None
        return getattr(self, "hanat_private_ip", None) or self.eni.private_ip_address

    def instance_id(self):
        if self.instance:
            return self.instance.id
        instance = getattr(self.eni, "instance", None) if self.eni is not None else None
        return instance.id if instance else ""

    eips.ElasticAddress.private_ip_address = property(private_ip_address)
    eips.ElasticAddress.instance_id = property(instance_id)

    associate = eip_responses.ElasticIPAddresses.associate_address

    def associate_address(self):
        result = associate(self)
        allocation_id = self._get_param("AllocationId")
        found = (self.ec2_backend.address_by_allocation([allocation_id]) if allocation_id
                 else self.ec2_backend.address_by_ip([self._get_param("PublicIp")]))
        found[0].hanat_private_ip = self._get_param("PrivateIpAddress") if "NetworkInterfaceId" in self._get_params() else None
        return result

    eip_responses.ElasticIPAddresses.associate_address = associate_address

    unassign = enis.NetworkInterfaceBackend.unassign_private_ip_addresses

    def unassign_private_ip_addresses(self, eni_id, private_ip_address=None):
        for address in list(self.addresses):
            if address.eni is not None and address.eni.id == eni_id and getattr(address, "hanat_private_ip", None) in (private_ip_address or []):
                address.hanat_private_ip = None
                self.disassociate_address(address=address.public_ip)
        return unassign(self, eni_id, private_ip_address)

    enis.NetworkInterfaceBackend.unassign_private_ip_addresses = unassign_private_ip_addresses

    assign = enis.NetworkInterfaceBackend.assign_private_ip_addresses

    def assign_private_ip_addresses(self, eni_id, private_ip_addresses=None, secondary_ips_count=None):
        if private_ip_addresses or not secondary_ips_count:
            return assign(self, eni_id, private_ip_addresses, secondary_ips_count)
        eni = self.get_network_interface(eni_id)
        used = {item.get("PrivateIpAddress") for nic in self.enis.values() for item in nic.private_ip_addresses}
        used |= {nic.private_ip_address for nic in self.enis.values()}
        free = [str(host) for host in list(ipaddress.ip_network(eni.subnet.cidr_block).hosts())[99:] if str(host) not in used]
        return assign(self, eni_id, free[:secondary_ips_count], None)

    enis.NetworkInterfaceBackend.assign_private_ip_addresses = assign_private_ip_addresses

    pool = os.environ.get("HANAT_MOTO_EIP_POOL")
    if pool:
        first, last = (ipaddress.ip_address(end) for end in pool.split("-"))
        allocate = eips.ElasticAddressBackend.allocate_address

        def allocate_address(self, domain, address=None, tags=None):
            if not address:
                taken = {held.public_ip for held in self.addresses}
                free = (str(ipaddress.ip_address(n)) for n in range(int(first), int(last) + 1))
                address = next((candidate for candidate in free if candidate not in taken), None)
                if address is None:
                    raise RuntimeError("HANAT_MOTO_EIP_POOL %s is used up" % pool)
            return allocate(self, domain, address=address, tags=tags)

        eips.ElasticAddressBackend.allocate_address = allocate_address


try:
    _patch()
except Exception as error:  # pragma: no cover - a moto this patch does not fit must say so, not serve wrong answers
    import sys
    sys.stderr.write("tests/netns/moto_eip/sitecustomize.py: cannot patch moto: %r\n" % (error,))
    raise
