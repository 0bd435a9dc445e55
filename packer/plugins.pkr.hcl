# The Packer and plugin versions a build needs. It is a file of its own because Debian's packer 1.6.6, which the
# tests validate the template with, cannot read a required_plugins block; they validate hanat-nat.pkr.hcl alone.
#
# A build runs `packer init packer/` once (it installs the plugin), then `packer build ... packer/`, which reads
# both files. The amazon plugin is needed, not Packer's old built-in builder, for three things:
#   - imds_support and metadata_options (IMDSv2 on the image and on the build instance; plugin 1.1.0 and later);
#   - run_tags on the temporary security group and key pair (plugin 1.0.2 and later), which the PackerBuilder
#     IAM policy (Get-HaNatIamPolicy -For PackerBuilder) requires: it lets CreateSecurityGroup through only with
#     the tag hanat:packer=true.
packer {
  # packer init of the current amazon plugin needs Packer 1.14.0 or later.
  required_version = ">= 1.14.0"
  required_plugins {
    amazon = {
      version = ">= 1.2.0, < 2.0.0"
      source  = "github.com/hashicorp/amazon"
    }
  }
}
