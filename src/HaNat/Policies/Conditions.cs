using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>The conditions HaNat's policies scope writes with.</summary>
    internal static class Conditions
    {
        /// <summary>The resource already carries hanat:managed=true: HaNat made it.</summary>
        public static PolicyCondition ResourceTagged(string key, string value = HaNatTags.ManagedValue) =>
            new PolicyCondition("StringEquals", "aws:ResourceTag/" + key, value);

        /// <summary>The request tags what it creates with key=value: HaNat is making it.</summary>
        public static PolicyCondition RequestTagged(string key, string value = HaNatTags.ManagedValue) =>
            new PolicyCondition("StringEquals", "aws:RequestTag/" + key, value);

        public static PolicyCondition Managed => ResourceTagged(HaNatTags.Managed);

        public static PolicyCondition CreatingManaged => RequestTagged(HaNatTags.Managed);

        /// <summary>
        /// The resource carries hanat:served-by, whatever its value: Add-HaNatVpc tagged it as served by one of its
        /// deployments (the Operator policy is the same for every deployment, so the value cannot be named).
        /// </summary>
        public static PolicyCondition Served => new PolicyCondition("Null", "aws:ResourceTag/" + HaNatTags.ServedBy, "false");

        /// <summary>
        /// The request writes or removes tags of these keys and no other. ForAllValues holds on an empty set, so the
        /// request must name keys: a DeleteTags that names none removes every tag of the resource.
        /// </summary>
        public static PolicyCondition[] OnlyTagKeys(params string[] keys) => new[]
        {
            new PolicyCondition("ForAllValues:StringEquals", "aws:TagKeys", keys),
            new PolicyCondition("Null", "aws:TagKeys", "false"),
        };

        /// <summary>Auto Scaling's own key for a group's tags.</summary>
        public static PolicyCondition ManagedGroup =>
            new PolicyCondition("StringEquals", "autoscaling:ResourceTag/" + HaNatTags.Managed, HaNatTags.ManagedValue);

        /// <summary>
        /// The resource is in the VPC of the NAT whose role makes the request. A string comparison, where IAM is sure
        /// to fill a policy variable in; ec2:Vpc is an ARN, compared as text.
        /// </summary>
        public static PolicyCondition InCallersVpc => new PolicyCondition("StringLike", "ec2:Vpc", Arn.CallersVpc);

        /// <summary>CreateTags only as part of a create call (tag-on-create), never on an existing resource.</summary>
        public static PolicyCondition WhileCreating => new PolicyCondition("Null", "ec2:CreateAction", "false");

        /// <summary>CreateTags only as part of one of these create calls (tag-on-create), never on an existing resource.</summary>
        public static PolicyCondition TagOnCreate(params string[] createActions) =>
            new PolicyCondition("StringEquals", "ec2:CreateAction", createActions);
    }
}
