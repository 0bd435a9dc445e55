// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System;
using System.Collections.Generic;
using HaNat.Policies;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>The container that hands a role to an EC2 instance; it holds at most one role.</summary>
    internal class InstanceProfile
    {
        public string Arn { get; set; }
        public DateTime? CreateDate { get; set; }
        public string InstanceProfileId { get; set; }
        public string InstanceProfileName { get; set; }
        public string Path { get; set; }
        public List<Role> Roles { get; set; }
        public List<Tag> Tags { get; set; }
    }
}
