// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System;
using System.Collections.Generic;
using HaNat.Policies;

namespace HaNat.Aws.Iam.Model
{
    internal class Role
    {
        public string Arn { get; set; }
        /// <summary>The trust policy as JSON, already URL-decoded (see IIamClient).</summary>
        public string AssumeRolePolicyDocument { get; set; }
        public DateTime? CreateDate { get; set; }
        public string Description { get; set; }
        public int? MaxSessionDuration { get; set; }
        public string Path { get; set; }
        public string RoleId { get; set; }
        public string RoleName { get; set; }
        public List<Tag> Tags { get; set; }
    }
}
