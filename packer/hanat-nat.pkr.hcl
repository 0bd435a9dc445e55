# HaNat's NAT image: Amazon Linux 2023 with PowerShell 7, the HaNat module, a sysctl drop-in, iptables-nft and the
# systemd units that make the instance its zone's NAT at boot (hanat-takeover) and watch its peers (hanat-monitor).
#
#   ./build.sh                                   # the module, into out/HaNat
#   packer init packer/                          # once: the amazon plugin (plugins.pkr.hcl)
#   packer build -var architecture=arm64 -var region=eu-west-1 packer/
#
# The credentials need what `Get-HaNatIamPolicy -For PackerBuilder` allows: everything the build makes carries
# hanat:packer=true (run_tags, run_volume_tags, tags, snapshot_tags below), and that policy lets the build touch
# nothing else. The image is found afterwards by Get-HaNatImage (owner self, tag hanat:image=nat, architecture).
#
# Debian's packer 1.6.6 validates this file on its own (see tests/pester/Packer.Tests.ps1): it knows every setting
# here but imds_support and metadata_options, which need the amazon plugin that plugins.pkr.hcl names.

variable "architecture" {
  type        = string
  default     = "arm64"
  description = "The image's CPU architecture: arm64 (Graviton, t4g) or x86_64 (t3)."

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "The architecture must be arm64 or x86_64."
  }
}

variable "kernel" {
  type        = string
  default     = "6.1"
  description = "The source image's kernel line: Amazon publishes Amazon Linux 2023 with several (kernel-6.1, kernel-6.12, ...)."

  # Amazon registers each kernel line's image separately, so "kernel-*" with most_recent would take whichever line
  # was registered last at each build: one line, named, keeps every build on the same kernel.
  validation {
    # (regex_replace, not can(regex(...)): Debian's packer 1.6.6, which the tests validate with, has no regex.)
    condition     = var.kernel != "" && regex_replace(var.kernel, "^[0-9]+[.][0-9]+$", "") == ""
    error_message = "The kernel must be a kernel line such as 6.1 or 6.12 (without \"kernel-\")."
  }
}

variable "region" {
  type        = string
  default     = env("AWS_REGION")
  description = "The region to build the image in (the image stays there). Defaults to AWS_REGION."

  validation {
    condition     = length(var.region) > 0
    error_message = "The region is not set: pass -var region=... or set AWS_REGION."
  }
}

variable "version" {
  type        = string
  default     = ""
  description = "The image's version (tag hanat:version and part of its name). Defaults to HaNat.psd1's ModuleVersion."
}

variable "pwsh_version" {
  type        = string
  default     = ""
  description = "The PowerShell 7 release installed on the image. Defaults to the version the tests run with (dotnet-tools.json)."
}

variable "pwsh_sha256" {
  type        = string
  default     = ""
  description = "Pins the SHA-256 of the PowerShell tarball for this architecture; by default the release's own hashes.sha256."

  validation {
    condition     = regex_replace(var.pwsh_sha256, "^[0-9A-Fa-f]{64}$", "") == ""
    error_message = "The pwsh_sha256 must be empty or 64 hexadecimal digits."
  }
}

variable "module_dir" {
  type        = string
  default     = ""
  description = "The built module to install. Defaults to out/HaNat, where ./build.sh puts it."
}

variable "publish_dir" {
  type        = string
  default     = ""
  description = "Where scripts/publish.sh put the architecture's hanat-monitor and ReadyToRun module. Defaults to out/image/<architecture>."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "A subnet with a route to the internet for the build instance; by default the default VPC's."
}

variable "kms_key_id" {
  type        = string
  default     = ""
  description = "The KMS key that encrypts the build instance's root volume, and so the image's snapshot; by default the account's aws/ebs key."
}

locals {
  repository = "${abspath(path.root)}/.."
  version    = var.version != "" ? var.version : regex_replace(file("${local.repository}/HaNat.psd1"), "(?s)^.*?ModuleVersion\\s*=\\s*'([^']+)'.*$", "$1")
  pwsh       = var.pwsh_version != "" ? var.pwsh_version : jsondecode(file("${local.repository}/dotnet-tools.json")).tools.powershell.version
  module_dir = var.module_dir != "" ? var.module_dir : "${local.repository}/out/HaNat"
  # What scripts/publish.sh made before the build (Packer checks the uploads' sources before any step runs, so a
  # shell-local step cannot make them): the self-contained hanat-monitor and the module with ReadyToRun assemblies.
  publish_dir = var.publish_dir != "" ? var.publish_dir : "${local.repository}/out/image/${var.architecture}"
  # Burstable and small: a NAT instance is bound by the network, not the CPU; t4g for Graviton, t3 for x86_64.
  instance_type = var.architecture == "arm64" ? "t4g.small" : "t3.small"
  stamp         = formatdate("YYYYMMDD-hhmmss", timestamp())
  name          = "hanat-nat-${local.version}-${var.architecture}-${local.stamp}"

  # The tag the PackerBuilder policy requires on everything the build creates.
  build_tags = {
    "hanat:packer" = "true"
  }
  # On the image and its snapshots: what Get-HaNatImage looks for (hanat:image=nat) and what tells images apart.
  image_tags = merge(local.build_tags, {
    "Name"               = local.name
    "hanat:image"        = "nat"
    "hanat:version"      = local.version
    "hanat:architecture" = var.architecture
    "hanat:pwsh-version" = local.pwsh
    "hanat:source-ami"   = "{{ .SourceAMI }}"
  })
  stage = "/tmp/hanat"

  # The newest Amazon Linux 2023 image of one kernel line: "al2023-ami-2023.*" leaves out the minimal images
  # (al2023-ami-minimal-*), and the kernel line is named, never "kernel-*".
  source_ami_name = "al2023-ami-2023.*-kernel-${var.kernel}-${var.architecture}"
}

source "amazon-ebs" "nat" {
  region        = var.region
  instance_type = local.instance_type
  subnet_id     = var.subnet_id
  ssh_username  = "ec2-user"

  # The newest Amazon Linux 2023 image that Amazon publishes for the architecture and kernel line; never an AMI id.
  source_ami_filter {
    filters = {
      name                = local.source_ami_name
      architecture        = var.architecture
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = ["amazon"]
    most_recent = true
  }

  # IMDSv2 only, on the build instance and on every instance launched from the image: a token is required, and the
  # hop limit of 1 keeps a token from leaving the instance (NAT'd traffic and containers cannot fetch one).
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
  imds_support = "v2.0"

  # Encrypted root volume on the build instance, and so an encrypted image: CreateImage snapshots the volume with its
  # own key. No encrypt_boot: that makes the plugin create an intermediary image and CopyImage it to encrypt it,
  # which the encrypted volume makes needless (and the PackerBuilder policy does not grant).
  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_type           = "gp3"
    volume_size           = 8
    iops                  = 3000
    throughput            = 125
    encrypted             = true
    kms_key_id            = var.kms_key_id
    delete_on_termination = true
  }
  ena_support = true

  ami_name        = local.name
  ami_description = "HaNat NAT instance ${local.version} (${var.architecture}): Amazon Linux 2023, PowerShell ${local.pwsh}, HaNat"

  run_tags        = merge(local.build_tags, { "Name" = "hanat-packer-${local.name}" })
  run_volume_tags = local.build_tags
  tags            = local.image_tags
  snapshot_tags   = local.image_tags
}

build {
  name    = "hanat-nat"
  sources = ["source.amazon-ebs.nat"]

  # The file provisioner copies a directory's contents when its source ends in "/"; the targets exist first.
  provisioner "shell" {
    inline = ["mkdir -p ${local.stage}/module ${local.stage}/monitor ${local.stage}/files ${local.stage}/systemd"]
  }

  provisioner "file" {
    source      = "${local.publish_dir}/module/"
    destination = "${local.stage}/module"
  }

  provisioner "file" {
    source      = "${local.publish_dir}/monitor/"
    destination = "${local.stage}/monitor"
  }

  provisioner "file" {
    source      = "${path.root}/files/"
    destination = "${local.stage}/files"
  }

  provisioner "file" {
    source      = "${path.root}/systemd/"
    destination = "${local.stage}/systemd"
  }

  provisioner "shell" {
    script          = "${path.root}/scripts/provision.sh"
    execute_command = "sudo env {{ .Vars }} bash '{{ .Path }}'"
    environment_vars = [
      "HANAT_STAGE=${local.stage}",
      "HANAT_PWSH_VERSION=${local.pwsh}",
      "HANAT_ARCHITECTURE=${var.architecture}",
      "HANAT_PWSH_SHA256=${var.pwsh_sha256}",
    ]
  }
}
