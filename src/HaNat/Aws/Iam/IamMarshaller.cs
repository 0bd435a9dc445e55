using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using HaNat.Policies;

namespace HaNat.Aws.Iam
{
    /// <summary>Turns IAM requests into Query parameters, with the member names of the 2010-05-08 API.</summary>
    internal static class IamMarshaller
    {
        public static QueryParameters Marshal(CreateRoleRequest request) =>
            new QueryParameters()
                .Add("RoleName", request.RoleName)
                .Add("AssumeRolePolicyDocument", request.AssumeRolePolicyDocument)
                .Add("Path", request.Path)
                .Add("Description", request.Description)
                .Add("MaxSessionDuration", request.MaxSessionDuration)
                .AddList("Tags", request.Tags, WriteTag);

        public static QueryParameters Marshal(GetRoleRequest request) => Role(request.RoleName);

        public static QueryParameters Marshal(DeleteRoleRequest request) => Role(request.RoleName);

        public static QueryParameters Marshal(PutRolePolicyRequest request) =>
            Role(request.RoleName)
                .Add("PolicyName", request.PolicyName)
                .Add("PolicyDocument", request.PolicyDocument);

        public static QueryParameters Marshal(GetRolePolicyRequest request) =>
            Role(request.RoleName).Add("PolicyName", request.PolicyName);

        public static QueryParameters Marshal(DeleteRolePolicyRequest request) =>
            Role(request.RoleName).Add("PolicyName", request.PolicyName);

        public static QueryParameters Marshal(ListRolePoliciesRequest request) =>
            Page(Role(request.RoleName), request.Marker, request.MaxItems);

        public static QueryParameters Marshal(CreateInstanceProfileRequest request) =>
            Profile(request.InstanceProfileName)
                .Add("Path", request.Path)
                .AddList("Tags", request.Tags, WriteTag);

        public static QueryParameters Marshal(GetInstanceProfileRequest request) => Profile(request.InstanceProfileName);

        public static QueryParameters Marshal(AddRoleToInstanceProfileRequest request) =>
            Profile(request.InstanceProfileName).Add("RoleName", request.RoleName);

        public static QueryParameters Marshal(RemoveRoleFromInstanceProfileRequest request) =>
            Profile(request.InstanceProfileName).Add("RoleName", request.RoleName);

        public static QueryParameters Marshal(DeleteInstanceProfileRequest request) => Profile(request.InstanceProfileName);

        public static QueryParameters Marshal(ListInstanceProfilesForRoleRequest request) =>
            Page(Role(request.RoleName), request.Marker, request.MaxItems);

        public static QueryParameters Marshal(TagRoleRequest request) =>
            Role(request.RoleName).AddList("Tags", request.Tags, WriteTag);

        public static QueryParameters Marshal(ListRoleTagsRequest request) =>
            Page(Role(request.RoleName), request.Marker, request.MaxItems);

        private static QueryParameters Role(string roleName) => new QueryParameters().Add("RoleName", roleName);

        private static QueryParameters Profile(string profileName) => new QueryParameters().Add("InstanceProfileName", profileName);

        private static QueryParameters Page(QueryParameters parameters, string? marker, int? maxItems) =>
            parameters.Add("Marker", marker).Add("MaxItems", maxItems);

        private static void WriteTag(QueryParameters p, Tag tag) => p.Add("Key", tag.Key).Add("Value", tag.Value);
    }
}
