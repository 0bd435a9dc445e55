namespace HaNat.Removal
{
    /// <summary>The writes a removal makes, each one call (the group's also waits for its instances).</summary>
    internal enum TeardownAction
    {
        DeleteAutoScalingGroup,
        DeleteLaunchTemplate,
        RemoveRoleFromInstanceProfile,
        DeleteInstanceProfile,
        DeleteRolePolicy,
        DeleteRole,
        DeleteParameter,
        /// <summary>A peering HaNat made, with the routes to it in HaNat's tables on both sides (Disconnect-HaNatVpc's writes).</summary>
        DisconnectPeering,
        DisassociateAddress,
        ReleaseAddress,
        DisassociateRouteTable,
        DeleteRouteTable,
        DeleteSubnet,
        DetachInternetGateway,
        DeleteInternetGateway,
        DeleteSecurityGroup,
        DeleteVpc,
    }
}
