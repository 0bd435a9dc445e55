@{
    Synopsis    = 'Returns the newest NAT image HaNat''s Packer template built in the region.'
    Description = @(
        'Get-HaNatImage finds the AMIs this account owns in the region that are available and tagged hanat:image=nat, the tag HaNat''s Packer template puts on the image, and returns the newest by creation date as EC2''s own Image object. It replaces a map of AMI ids per region kept by hand.'
        'When there is none it fails with NoHaNatImage, saying how to build one. New-HaNatVpc uses the same lookup when it is given no -ImageId.'
    )
    Parameters  = @{
        Architecture = 'Only images of this architecture: Arm64 or X86_64. Without it, the newest of either.'
    }
    Inputs      = @('None')
    Outputs     = @('Amazon.EC2.Model.Image, whose ImageId binds by property name into New-HaNatVpc.')
    Notes       = 'ErrorIds: NoHaNatImage.'
    Examples    = @(
        @{ Code = 'Get-HaNatImage'; Remarks = 'The newest HaNat image of the region, of either architecture.' }
        @{ Code = 'Get-HaNatImage -Architecture X86_64 -Region eu-west-1 | Select-Object ImageId, Name, CreationDate'; Remarks = 'The newest x86_64 HaNat image in eu-west-1.' }
    )
    Links       = @('New-HaNatVpc')
}
