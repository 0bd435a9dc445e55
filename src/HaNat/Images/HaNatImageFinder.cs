using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Aws.Ec2;
using HaNat.Model;
using HaNat.Tagging;

namespace HaNat.Images
{
    /// <summary>
    /// Finds HaNat's NAT images in the session's region: AMIs this account owns, tagged hanat:image=nat by HaNat's
    /// Packer template, available. This replaces the per-region map of AMI ids that had to be kept by hand.
    /// </summary>
    internal sealed class HaNatImageFinder(IAmazonEC2 ec2, AwsSession session)
    {
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly AwsSession _session = session;

        /// <summary>Every HaNat image of the architecture (or of any), newest first.</summary>
        public async Task<IReadOnlyList<Image>> ListAsync(NatArchitecture? architecture)
        {
            var filters = new List<Filter>
            {
                new Filter("tag:" + HaNatTags.Image, new List<string> { HaNatTags.NatImage }),
                new Filter("state", new List<string> { "available" }),
            };
            if (architecture != null) filters.Add(new Filter("architecture", new List<string> { ImageArchitectures.ToEc2(architecture.Value) }));
            var detail = $"owner=self tag:{HaNatTags.Image}={HaNatTags.NatImage}" +
                (architecture != null ? " architecture=" + ImageArchitectures.ToEc2(architecture.Value) : string.Empty);
            var images = await new Ec2Reads(_ec2, _session).ImagesAsync(new List<string> { "self" }, filters, detail).ConfigureAwait(false);
            return ImageSelection.NewestFirst(images);
        }

        /// <summary>The newest HaNat image, or NoHaNatImage saying how to get one.</summary>
        public async Task<Image> FindNewestAsync(NatArchitecture? architecture)
        {
            var newest = (await ListAsync(architecture).ConfigureAwait(false)).FirstOrDefault();
            if (newest != null) return newest;
            var which = architecture == null ? string.Empty : " for " + ImageArchitectures.ToEc2(architecture.Value);
            throw new HaNatException("NoHaNatImage", HaNatErrorKind.ObjectNotFound,
                $"No HaNat NAT image{which} in {_session.Region}: no available AMI owned by this account is tagged {HaNatTags.Image}={HaNatTags.NatImage}. " +
                $"Build one in {_session.Region} with HaNat's Packer template (packer/ in the repository; it tags the image), " +
                "or pass -ImageId with an AMI that runs HaNat.")
            { Target = _session.Region };
        }

        /// <summary>Any image by id (HaNat's or not); null when EC2 does not know it. A filter, so an unknown id is no error.</summary>
        public async Task<Image?> DescribeAsync(string imageId)
        {
            var images = await new Ec2Reads(_ec2, _session).ImagesAsync(null, new List<Filter> { Ec2Reads.By("image-id", imageId) }, "image-id=" + imageId)
                .ConfigureAwait(false);
            return images.FirstOrDefault();
        }
    }
}
