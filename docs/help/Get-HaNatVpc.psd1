@{
    Synopsis    = 'Lists the HaNat VPCs of a region, or finds one by name.'
    Description = @(
        'Get-HaNatVpc finds the VPCs New-HaNatVpc built (tagged hanat:managed=true with a hanat:vpc-name) and writes one HaNatVpc for each, the same object New-HaNatVpc returns: the zones with their subnets, private route table and Elastic IP, the gateway, the public route table, the NAT security group, the Auto Scaling group and its launch template. Parts it expected and did not find are listed in Missing, the heartbeat key (/hanat/<name>/heartbeat-key) among them: without it no NAT of the VPC can fail over.'
        'It finds too the deployments Add-HaNatVpc put into VPCs it did not build (the VPC tagged hanat:served-by=<name>), with IsAdded set: per zone the public subnet its NAT launches in (the Auto Scaling group''s subnet there), the zone''s Elastic IP, and ServedRouteTableIds, the tables tagged hanat:served-by and hanat:zone for that zone. Missing then lists only HaNat''s parts (a zone''s public subnet, Elastic IP or served tables, the security group, the group, the heartbeat key): the VPC''s gateway, subnets and tables are the user''s. A second Add-HaNatVpc writes the deployment as Get-HaNatVpc finds it.'
        'It reads all the VPCs at once: two calls for the VPCs (those HaNat built and those it serves, at once), one call each for the subnets, route tables, security groups, internet gateways, Elastic IPs and Auto Scaling groups, however many VPCs there are, and one for every ten heartbeat keys. It never writes.'
    )
    Parameters  = @{
        Name = 'The HaNat VPC''s name, or a wildcard pattern (''pr*'', ''?ev''), matched without regard to case as Get-Process -Name is. Without it, every HaNat VPC of the region, by name. Binds from the pipeline by value or by property name.'
    }
    Inputs      = @('System.String', 'Any object with a Name property')
    Outputs     = @('HaNat.Model.HaNatVpc (IsSpot says whether its group runs the NATs on spot, read from the group''s mixed instances policy), whose VpcId binds by property name into Test-HaNatRouting and Remove-HaNatVpc.')
    Notes       = 'ErrorIds: HaNatVpcNotFound (a -Name without wildcards that no HaNat VPC has; a pattern that matches nothing writes nothing, and no error).'
    Examples    = @(
        @{ Code = 'Get-HaNatVpc'; Remarks = 'Every HaNat VPC of the region.' }
        @{ Code = 'Get-HaNatVpc | Where-Object IsAdded | Select-Object Name, VpcId, @{ n = ''Served''; e = { $_.Zones.ServedRouteTableIds } }'; Remarks = 'The deployments Add-HaNatVpc put into existing VPCs, and the route tables each serves.' }
        @{ Code = 'Get-HaNatVpc -Name prod | Test-HaNatRouting'; Remarks = 'Audits the private subnets of the HaNat VPC named prod.' }
        @{ Code = 'Get-HaNatVpc | Where-Object { -not $_.IsComplete } | Select-Object Name, VpcId, Missing'; Remarks = 'The HaNat VPCs that lack a part, for example after a removal that did not finish.' }
    )
    Links       = @('New-HaNatVpc', 'Remove-HaNatVpc', 'Test-HaNatRouting')
}
