using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using HaNat.Aws;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Policies;
using HaNat.Tagging;
using HaNat.Tests.Infrastructure;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// Every IAM operation against a real moto_server: a NAT role, its inline policy and its instance profile.
    /// The server is reset once for the class; each test uses its own role names.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class IamMotoTests
    {
        private const string TrustPolicy =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

        // '+' and a space survive the round trip only if encoding and decoding are both RFC 3986.
        private const string NatPolicy =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Routes + EIP\",\"Effect\":\"Allow\",\"Action\":[\"ec2:ReplaceRoute\",\"ec2:CreateRoute\"],\"Resource\":\"*\"}]}";

        private readonly MotoServer _moto;
        private readonly AwsCallLog _log = new AwsCallLog();

        public IamMotoTests(MotoServer moto)
        {
            _moto = moto;
            _moto.ResetForClass(GetType());
        }

        private static List<Tag> Managed() => new List<Tag> { new Tag { Key = HaNatTags.Managed, Value = HaNatTags.ManagedValue } };

        [Fact]
        public async Task RolePolicyAndInstanceProfileRoundTrip()
        {
            using var iam = _moto.Session(log: _log).CreateIamClient();

            var role = (await iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = "hanat-nat", Path = "/hanat/", AssumeRolePolicyDocument = TrustPolicy, Tags = Managed(),
            })).Role;
            Assert.Equal("arn:aws:iam::123456789012:role/hanat/hanat-nat", role.Arn);
            Assert.Equal(TrustPolicy, role.AssumeRolePolicyDocument);

            var fetched = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = "hanat-nat" })).Role;
            Assert.Equal(("hanat-nat", "/hanat/", role.RoleId), (fetched.RoleName, fetched.Path, fetched.RoleId));
            Assert.Equal(TrustPolicy, fetched.AssumeRolePolicyDocument);
            Assert.Contains(fetched.Tags, t => t.Key == HaNatTags.Managed && t.Value == "true");

            await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = "hanat-nat", PolicyName = "nat", PolicyDocument = NatPolicy });
            var policy = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = "hanat-nat", PolicyName = "nat" });
            Assert.Equal(NatPolicy, policy.PolicyDocument);
            Assert.Equal(("hanat-nat", "nat"), (policy.RoleName, policy.PolicyName));
            Assert.Equal(new[] { "nat" }, await iam.ListAllRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = "hanat-nat" }));

            var profile = (await iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest
            {
                InstanceProfileName = "hanat-nat", Path = "/hanat/", Tags = Managed(),
            })).InstanceProfile;
            Assert.Equal("arn:aws:iam::123456789012:instance-profile/hanat/hanat-nat", profile.Arn);
            Assert.Empty(profile.Roles);
            Assert.Contains(profile.Tags, t => t.Key == HaNatTags.Managed);

            await iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest { InstanceProfileName = "hanat-nat", RoleName = "hanat-nat" });
            var withRole = (await iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = "hanat-nat" })).InstanceProfile;
            Assert.Equal("hanat-nat", Assert.Single(withRole.Roles).RoleName);
            Assert.Equal(TrustPolicy, withRole.Roles[0].AssumeRolePolicyDocument);
            var profiles = await iam.ListAllInstanceProfilesForRoleAsync(new ListInstanceProfilesForRoleRequest { RoleName = "hanat-nat" });
            Assert.Equal(profile.InstanceProfileId, Assert.Single(profiles).InstanceProfileId);

            await iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = "hanat-nat", RoleName = "hanat-nat" });
            Assert.Empty((await iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = "hanat-nat" })).InstanceProfile.Roles);
            await iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = "hanat-nat" });
            await iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = "hanat-nat", PolicyName = "nat" });
            Assert.Empty(await iam.ListAllRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = "hanat-nat" }));
            await iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = "hanat-nat" });

            var gone = await Assert.ThrowsAsync<AwsCallException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = "hanat-nat" }));
            Assert.Equal("NoSuchEntity", gone.AwsErrorCode);
            var profileGone = await Assert.ThrowsAsync<AwsCallException>(() =>
                iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = "hanat-nat" }));
            Assert.Equal("NoSuchEntity", profileGone.AwsErrorCode);
            Assert.Contains(_log.Drain(), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^IAM PutRolePolicy hanat-nat nat \(\d+ ms\)$"));
        }

        [Fact]
        public async Task TagRoleAddsTagsAndListRoleTagsPagesWithMarker()
        {
            using var iam = _moto.Session(log: _log).CreateIamClient();
            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "tagged", AssumeRolePolicyDocument = TrustPolicy, Tags = Managed() });

            await iam.TagRoleAsync(new TagRoleRequest
            {
                RoleName = "tagged",
                Tags = new List<Tag> { new Tag { Key = HaNatTags.VpcName, Value = "vpc1" }, new Tag { Key = HaNatTags.Component, Value = "nat" } },
            });
            var firstPage = await iam.ListRoleTagsAsync(new ListRoleTagsRequest { RoleName = "tagged", MaxItems = 1 });
            var callsBefore = _log.Count;
            var all = await iam.ListAllRoleTagsAsync(new ListRoleTagsRequest { RoleName = "tagged", MaxItems = 1 });

            Assert.True(firstPage.IsTruncated);
            Assert.NotNull(firstPage.Marker);
            Assert.Single(firstPage.Tags);
            Assert.Equal(
                new[] { (HaNatTags.Component, "nat"), (HaNatTags.Managed, "true"), (HaNatTags.VpcName, "vpc1") },
                all.Select(t => (t.Key, t.Value)).OrderBy(t => t.Key));
            Assert.Equal(3, _log.Count - callsBefore);
        }

        [Fact]
        public async Task AMissingRoleIsObjectNotFoundAndADuplicateKeepsItsCode()
        {
            using var iam = _moto.Session(log: _log).CreateIamClient();

            var missing = await Assert.ThrowsAsync<AwsCallException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = "nobody" }));
            Assert.Equal("NoSuchEntity", missing.AwsErrorCode);
            Assert.Equal(HaNatErrorKind.ObjectNotFound, missing.Kind);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(("IAM", "GetRole"), (missing.Service, missing.Operation));

            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "twice", AssumeRolePolicyDocument = TrustPolicy });
            var duplicate = await Assert.ThrowsAsync<AwsCallException>(() =>
                iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "twice", AssumeRolePolicyDocument = TrustPolicy }));
            Assert.Equal("EntityAlreadyExists", duplicate.AwsErrorCode);
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }
    }
}
