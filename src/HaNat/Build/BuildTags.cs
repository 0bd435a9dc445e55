using HaNat.Layout;

namespace HaNat.Build
{
    /// <summary>
    /// The layout's tags in each service's own shape. EC2 resources are tagged in the create call itself
    /// (TagSpecifications): the Operator policy allows only creates that tag hanat:managed=true, and nothing exists
    /// untagged for a moment.
    /// </summary>
    internal static class BuildTags
    {
        public static List<Amazon.EC2.Model.TagSpecification> Ec2(string resourceType, IEnumerable<LayoutTag> tags) =>
            new List<Amazon.EC2.Model.TagSpecification> { Ec2Specification(resourceType, tags) };

        public static Amazon.EC2.Model.TagSpecification Ec2Specification(string resourceType, IEnumerable<LayoutTag> tags) =>
            new Amazon.EC2.Model.TagSpecification
            {
                ResourceType = resourceType,
                Tags = tags.Select(t => new Amazon.EC2.Model.Tag(t.Key, t.Value)).ToList(),
            };

        public static Amazon.EC2.Model.LaunchTemplateTagSpecificationRequest Launched(string resourceType, IEnumerable<LayoutTag> tags) =>
            new Amazon.EC2.Model.LaunchTemplateTagSpecificationRequest
            {
                ResourceType = resourceType,
                Tags = tags.Select(t => new Amazon.EC2.Model.Tag(t.Key, t.Value)).ToList(),
            };

        public static List<Aws.Iam.Model.Tag> Iam(IEnumerable<LayoutTag> tags) =>
            tags.Select(t => new Aws.Iam.Model.Tag { Key = t.Key, Value = t.Value }).ToList();

        public static List<Amazon.SimpleSystemsManagement.Model.Tag> Ssm(IEnumerable<LayoutTag> tags) =>
            tags.Select(t => new Amazon.SimpleSystemsManagement.Model.Tag { Key = t.Key, Value = t.Value }).ToList();

        public static List<Aws.AutoScaling.Model.Tag> AutoScaling(string groupName, IEnumerable<LayoutTag> tags) =>
            tags.Select(t => new Aws.AutoScaling.Model.Tag
            {
                Key = t.Key,
                Value = t.Value,
                PropagateAtLaunch = t.PropagateAtLaunch,
                ResourceId = groupName,
                ResourceType = "auto-scaling-group",
            }).ToList();
    }
}
