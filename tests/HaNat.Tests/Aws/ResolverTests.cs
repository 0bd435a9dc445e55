using System.Collections.Generic;
using Amazon.Runtime;
using HaNat;
using HaNat.Aws;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Aws
{
    public class EndpointResolverTests
    {
        private static string? Resolve(string? explicitUrl, Dictionary<string, string> environment, string service = "EC2") =>
            EndpointResolver.Resolve(explicitUrl, service, name => environment.TryGetValue(name, out var v) ? v : null);

        [Fact]
        public void ExplicitUrlWinsOverEnvironment()
        {
            var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_ENDPOINT_URL_EC2"] = "http://ec2:1" };
            Assert.Equal("http://explicit:1", Resolve("http://explicit:1/", environment));
        }

        [Fact]
        public void ServiceVariableWinsOverGlobal()
        {
            var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_ENDPOINT_URL_AUTO_SCALING"] = "http://asg:1" };
            Assert.Equal("http://asg:1", Resolve(null, environment, "AUTO_SCALING"));
            Assert.Equal("http://global:1", Resolve(null, environment, "EC2"));
        }

        [Fact]
        public void NothingConfiguredMeansTheRegionalDefault()
        {
            Assert.Null(Resolve(null, new Dictionary<string, string>()));
        }

        [Fact]
        public void IgnoreSwitchTurnsEnvironmentOff()
        {
            var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true" };
            Assert.Null(Resolve(null, environment));
            Assert.Equal("http://explicit:1", Resolve("http://explicit:1", environment));
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("ftp://host")]
        public void BadUrlIsRefusedWithItsSource(string url)
        {
            var ex = Assert.Throws<HaNatException>(() => Resolve(url, new Dictionary<string, string>()));
            Assert.Equal("InvalidEndpointUrl", ex.ErrorId);
            Assert.Contains("-EndpointUrl", ex.Message);
        }
    }

    public class CredentialResolverTests
    {
        [Fact]
        public void ExplicitKeysComeFirst()
        {
            var resolved = CredentialResolver.Resolve(new AwsCredentialInputs
            {
                AccessKey = "AKID",
                SecretKey = "secret",
                ProfileName = "ignored",
                Credential = new BasicAWSCredentials("other", "other"),
            });
            Assert.Equal("AKID", resolved.Credentials.GetCredentials().AccessKey);
            Assert.Contains("-AccessKey", resolved.Source);
        }

        [Fact]
        public void SessionTokenMakesSessionCredentials()
        {
            var resolved = CredentialResolver.Resolve(new AwsCredentialInputs { AccessKey = "AKID", SecretKey = "secret", SessionToken = "token" });
            Assert.Equal("token", resolved.Credentials.GetCredentials().Token);
        }

        [Fact]
        public void HalfAKeyPairIsRefused()
        {
            var ex = Assert.Throws<HaNatException>(() => CredentialResolver.Resolve(new AwsCredentialInputs { AccessKey = "AKID" }));
            Assert.Equal("IncompleteAccessKey", ex.ErrorId);
        }

        [Fact]
        public void CredentialObjectComesBeforeStoredCredentials()
        {
            var resolved = CredentialResolver.Resolve(new AwsCredentialInputs
            {
                Credential = new BasicAWSCredentials("fromParameter", "s"),
                StoredCredentials = new BasicAWSCredentials("fromSession", "s"),
            });
            Assert.Equal("fromParameter", resolved.Credentials.GetCredentials().AccessKey);
        }

        [Fact]
        public void StoredCredentialsAreUnwrappedFromAwsToolsWrapper()
        {
            var resolved = CredentialResolver.Resolve(new AwsCredentialInputs { StoredCredentials = new Wrapper(new BasicAWSCredentials("wrapped", "s")) });
            Assert.Equal("wrapped", resolved.Credentials.GetCredentials().AccessKey);
        }

        [Fact]
        public void MissingProfileIsRefused()
        {
            var file = System.IO.Path.GetTempFileName();
            System.IO.File.WriteAllText(file, "[present]\naws_access_key_id = AKIDP\naws_secret_access_key = s\n");
            try
            {
                var ex = Assert.Throws<HaNatException>(() => CredentialResolver.Resolve(new AwsCredentialInputs { ProfileName = "absent", ProfileLocation = file }));
                Assert.Equal("ProfileNotFound", ex.ErrorId);
                var found = CredentialResolver.Resolve(new AwsCredentialInputs { ProfileName = "present", ProfileLocation = file });
                Assert.Equal("AKIDP", found.Credentials.GetCredentials().AccessKey);
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        private sealed class Wrapper
        {
            public Wrapper(AWSCredentials credentials) => Credentials = credentials;
            public AWSCredentials Credentials { get; }
        }
    }

    public class RegionResolverTests
    {
        [Fact]
        public void ParameterThenSessionDefaultThenInstance()
        {
            var empty = System.IO.Path.GetTempFileName();
            try
            {
                Assert.Equal("eu-west-1", RegionResolver.Resolve(new AwsCredentialInputs { Region = "eu-west-1", StoredRegion = "us-west-2", ProfileLocation = empty }, () => "ap-south-1"));
                Assert.Equal("us-west-2", RegionResolver.Resolve(new AwsCredentialInputs { StoredRegion = "us-west-2", ProfileLocation = empty }, () => "ap-south-1"));
            }
            finally
            {
                System.IO.File.Delete(empty);
            }
        }
    }

    public class PrivateSubnetTagTests
    {
        [Theory]
        [InlineData(null, "network", "private")]
        [InlineData("tier=app", "tier", "app")]
        [InlineData(" kubernetes.io/role/internal-elb = 1 ", "kubernetes.io/role/internal-elb", "1")]
        public void ParsesKeyAndValue(string? text, string key, string value)
        {
            var tag = PrivateSubnetTag.Parse(text);
            Assert.Equal(key, tag.Key);
            Assert.Equal(value, tag.Value);
        }

        [Theory]
        [InlineData("private")]
        [InlineData("=private")]
        [InlineData("network=")]
        public void RefusesWhatIsNotKeyEqualsValue(string text)
        {
            Assert.Equal("InvalidPrivateSubnetTag", Assert.Throws<HaNatException>(() => PrivateSubnetTag.Parse(text)).ErrorId);
        }
    }
}
