using System;
using System.Linq;
using System.Xml.Linq;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using HaNat.Policies;

namespace HaNat.Aws.Iam
{
    /// <summary>
    /// Reads IAM replies into the model. Lists are never null (an absent list is an empty one), and policy
    /// documents come out as the JSON they were put in as (IAM returns them URL-encoded).
    /// </summary>
    internal static class IamUnmarshaller
    {
        public static Role Role(XElement e) => new Role
        {
            Arn = e.Text("Arn"),
            AssumeRolePolicyDocument = DecodePolicyDocument(e.Text("AssumeRolePolicyDocument")),
            CreateDate = e.Date("CreateDate"),
            Description = e.Text("Description"),
            MaxSessionDuration = e.Int("MaxSessionDuration"),
            Path = e.Text("Path"),
            RoleId = e.Text("RoleId"),
            RoleName = e.Text("RoleName"),
            Tags = e.Members("Tags").Select(Tag).ToList(),
        };

        public static InstanceProfile InstanceProfile(XElement e) => new InstanceProfile
        {
            Arn = e.Text("Arn"),
            CreateDate = e.Date("CreateDate"),
            InstanceProfileId = e.Text("InstanceProfileId"),
            InstanceProfileName = e.Text("InstanceProfileName"),
            Path = e.Text("Path"),
            Roles = e.Members("Roles").Select(Role).ToList(),
            Tags = e.Members("Tags").Select(Tag).ToList(),
        };

        public static CreateRoleResponse CreateRole(XElement result) => new CreateRoleResponse { Role = RoleIn(result) };

        public static GetRoleResponse GetRole(XElement result) => new GetRoleResponse { Role = RoleIn(result) };

        public static GetRolePolicyResponse GetRolePolicy(XElement result) => new GetRolePolicyResponse
        {
            RoleName = result.Text("RoleName"),
            PolicyName = result.Text("PolicyName"),
            PolicyDocument = DecodePolicyDocument(result.Text("PolicyDocument")),
        };

        public static ListRolePoliciesResponse ListRolePolicies(XElement result) => new ListRolePoliciesResponse
        {
            PolicyNames = result.StringMembers("PolicyNames"),
            IsTruncated = result.Bool("IsTruncated") ?? false,
            Marker = NullIfEmpty(result.Text("Marker")),
        };

        public static CreateInstanceProfileResponse CreateInstanceProfile(XElement result) =>
            new CreateInstanceProfileResponse { InstanceProfile = ProfileIn(result) };

        public static GetInstanceProfileResponse GetInstanceProfile(XElement result) =>
            new GetInstanceProfileResponse { InstanceProfile = ProfileIn(result) };

        public static ListInstanceProfilesForRoleResponse ListInstanceProfilesForRole(XElement result) => new ListInstanceProfilesForRoleResponse
        {
            InstanceProfiles = result.Members("InstanceProfiles").Select(InstanceProfile).ToList(),
            IsTruncated = result.Bool("IsTruncated") ?? false,
            Marker = NullIfEmpty(result.Text("Marker")),
        };

        public static ListRoleTagsResponse ListRoleTags(XElement result) => new ListRoleTagsResponse
        {
            Tags = result.Members("Tags").Select(Tag).ToList(),
            IsTruncated = result.Bool("IsTruncated") ?? false,
            Marker = NullIfEmpty(result.Text("Marker")),
        };

        /// <summary>
        /// IAM sends policy documents percent-encoded (RFC 3986). A JSON document always starts with '{', so text
        /// that does is left alone (an emulator may send it plain); anything else is unescaped. Unescaping never
        /// turns '+' into a space, which a form decoder would, and '+' can appear in a policy's conditions.
        /// </summary>
        public static string? DecodePolicyDocument(string? document)
        {
            if (document == null) return null;
            var trimmed = document.TrimStart();
            return trimmed.StartsWith("{", StringComparison.Ordinal) ? document : Uri.UnescapeDataString(document);
        }

        private static Role? RoleIn(XElement result) => result.Child("Role") is XElement role ? Role(role) : null;

        private static InstanceProfile? ProfileIn(XElement result) =>
            result.Child("InstanceProfile") is XElement profile ? InstanceProfile(profile) : null;

        private static Tag Tag(XElement e) => new Tag { Key = e.Text("Key"), Value = e.Text("Value") };

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
