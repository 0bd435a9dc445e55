namespace HaNat.Removal
{
    /// <summary>The writes a removal makes, each one call (the group's also waits for its instances).</summary>
    internal enum TeardownAction
    {
        /// <summary>A served table's default route back to its recorded target (a VPC HaNat did not build).</summary>
        ReplaceRoute,
        /// <summary>A served table's default route made again to its recorded target, when the table has none.</summary>
        CreateRoute,
        /// <summary>A served table's default route to a NAT that goes, or to a target that is gone, when nothing can be put back.</summary>
        DeleteRoute,
        /// <summary>A CloudWatch alarm HaNat made (named hanat-&lt;name&gt;-..., tagged as this VPC's).</summary>
        DeleteAlarm,
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
        /// <summary>The tags HaNat added to what it did not make, each by key and value.</summary>
        DeleteTags,
    }
}
