namespace HaNat.Layout
{
    /// <summary>Every kind of resource a HaNat VPC has; Remove-HaNatVpc and the audits can find each by its tag.</summary>
    internal static class LayoutComponents
    {
        public static readonly LayoutComponent Vpc = new LayoutComponent("vpc", "vpc", false);
        public static readonly LayoutComponent InternetGateway = new LayoutComponent("internet-gateway", "igw", false);
        public static readonly LayoutComponent PublicRouteTable = new LayoutComponent("public-route-table", "public-rt", false);
        public static readonly LayoutComponent PublicSubnet = new LayoutComponent("public-subnet", "public", true);
        public static readonly LayoutComponent PrivateSubnet = new LayoutComponent("private-subnet", "private", true);

        /// <summary>The same value the takeover gives a route table it creates for a subnet left on the main table.</summary>
        public static readonly LayoutComponent PrivateRouteTable = new LayoutComponent("private-route-table", "private-rt", true);

        public static readonly LayoutComponent NatSecurityGroup = new LayoutComponent("nat-security-group", "nat-sg", false);
        public static readonly LayoutComponent ElasticIp = new LayoutComponent("elastic-ip", "eip", true);
        public static readonly LayoutComponent NatRole = new LayoutComponent("nat-role", "nat-role", false);
        public static readonly LayoutComponent NatInstanceProfile = new LayoutComponent("nat-instance-profile", "nat-profile", false);
        public static readonly LayoutComponent LaunchTemplate = new LayoutComponent("launch-template", "nat-lt", false);
        public static readonly LayoutComponent AutoScalingGroup = new LayoutComponent("auto-scaling-group", "nat-asg", false);
        public static readonly LayoutComponent NatInstance = new LayoutComponent("nat-instance", "nat", false);
    }
}
