@{
    Synopsis    = 'Changes the image, instance type or key pair of a HaNat VPC''s NATs, built or added, by a rolling, make-before-break replacement one zone at a time.'
    Description = @(
        'Update-HaNatVpc reads the deployment as Get-HaNatVpc does (New-HaNatVpc''s or Add-HaNatVpc''s), then the launch template''s default version. The settings asked for are that version with the changes: by default the newest HaNat image (tag hanat:image=nat, owned by this account) of the instance type''s architecture, -ImageId checked as New-HaNatVpc checks it (it exists, it runs on the instance type), -InstanceType, -KeyName. When they differ, it creates a launch template version from the default one, states the image, instance type and key pair in it (a new image brings its own root device and size), makes it the default, and moves the Auto Scaling group to it when the group names a version by number.'
        'Then each zone whose NAT was not launched from that version (EC2''s aws:ec2launchtemplate:version tag) is replaced, one zone at a time, in the deployment''s zone order: a new NAT from the new version in the zone''s NAT subnet (RunInstances), attached to the group (AttachInstances; MaxSize is raised by one for the rollout when the group needs it, and put back at the end whatever happens); the new NAT boots, passes its own data-plane check and takes its zone (its boot takeover, from the image''s hanat-takeover unit); once every table the old NAT served routes to the new one, the old NAT is terminated through the group (TerminateInstanceInAutoScalingGroup, lowering the desired capacity), whose monitor reads that as leaving on purpose. The zone never has no NAT.'
        'A new NAT that does not take its zone within -ZoneTimeoutSeconds, stops running, or is marked Unhealthy by the group stops the rollout: any table it took goes back to the old NAT, the new NAT is terminated, MaxSize is put back, and the error (RolloutStopped) names the zone, which stays on its old NAT, and the new NAT to look at (its takeover log: journalctl -u hanat-takeover). The new launch template version stays the default: running Update-HaNatVpc again resumes with the NATs not yet replaced.'
        'Before any write it refuses a deployment that is not steady: a zone with no NAT or with two (a replacement under way), a NAT the group does not count InService and Healthy (ZoneNotSteady), a table not routed to its zone''s own NAT (ZoneNotSteady) or routed to another zone''s NAT (ZoneServedByPeer: a failover in progress). With nothing to change and every NAT on the default version it writes nothing and says so.'
    )
    Parameters  = @{
        Name               = 'The HaNat VPC''s name (tag hanat:vpc-name, or hanat:served-by on a VPC Add-HaNatVpc serves), exactly.'
        ImageId            = 'The NATs'' new image. By default the newest HaNat image of the instance type''s architecture (Get-HaNatImage lists them).'
        InstanceType       = 'The NATs'' new instance type; by default the launch template''s. An arm64 type needs an arm64 image.'
        KeyName            = 'The key pair the NATs take, which must exist; left as it is when not given. Taking a key pair off is refused (KeyPairRemovalNotSupported): a new version inherits it.'
        ZoneTimeoutSeconds = 'How long a new NAT has, from its launch, to take its zone before the rollout stops (10 to 3600; default 600).'
        Force              = 'Rolls without asking for confirmation.'
    }
    Inputs      = @('System.String', 'HaNat.Model.HaNatVpc (by its Name)')
    Outputs     = @('HaNat.Model.HaNatZoneUpdate: per zone replaced, the zone, the old and the new NAT, the launch template version and the seconds it took.')
    Notes       = 'ConfirmImpact High: it asks first unless -Confirm:$false or -Force. ErrorIds: InvalidName, VpcNotFound, AmbiguousName, HaNatVpcIncomplete, ImageNotFound and the image checks of New-HaNatVpc (NoHaNatImage, InstanceTypeArchitectureMismatch), KeyPairNotFound, KeyPairRemovalNotSupported, ZoneNotSteady, ZoneServedByPeer, RolloutStopped; a failed call keeps the AWS call''s ErrorId. -WhatIf prints the version change and each zone''s old NAT and its replacement, in order, and writes nothing. The Operator policy (Get-HaNatIamPolicy -Kind Operator) allows its calls.'
    Examples    = @(
        @{ Code = 'Update-HaNatVpc -Name dev -WhatIf'; Remarks = 'Prints the new launch template version (with the newest HaNat image) and each zone''s replacement, and makes none.' }
        @{ Code = 'Update-HaNatVpc -Name dev -Confirm:$false'; Remarks = 'Rolls the newest HaNat image out to dev''s NATs, one zone at a time, and writes one object per zone replaced.' }
        @{ Code = 'Update-HaNatVpc -Name prod -InstanceType t4g.small -ZoneTimeoutSeconds 900'; Remarks = 'Moves the NATs to a larger instance type, giving each new NAT up to 15 minutes to take its zone.' }
    )
    Links       = @('Get-HaNatImage', 'Get-HaNatVpc', 'New-HaNatVpc', 'Add-HaNatVpc', 'Test-HaNatRouting')
}
