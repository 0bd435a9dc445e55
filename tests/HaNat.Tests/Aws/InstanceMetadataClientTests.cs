using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HaNat;
using HaNat.Aws;
using Xunit;

namespace HaNat.Tests.Aws
{
    /// <summary>The IMDSv2 client against a small in-process metadata server that refuses token-less reads.</summary>
    public sealed class InstanceMetadataClientTests : IDisposable
    {
        private const string Token = "token-123";
        private const string Mac = "0e:00:00:00:00:01";
        private readonly HttpListener _listener = new HttpListener();
        private readonly List<string> _requests = new List<string>();
        private readonly string _endpoint;
        private readonly Task _serving;

        public InstanceMetadataClientTests()
        {
            var port = FreePort();
            _endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(_endpoint + "/");
            _listener.Start();
            _serving = Task.Run(Serve);
        }

        private static readonly Dictionary<string, string> MetaData = new Dictionary<string, string>
        {
            ["instance-id"] = "i-0abc",
            ["placement/availability-zone"] = "eu-west-1b",
            ["placement/region"] = "eu-west-1",
            ["mac"] = Mac,
            [$"network/interfaces/macs/{Mac}/vpc-id"] = "vpc-0def",
            [$"network/interfaces/macs/{Mac}/vpc-ipv4-cidr-blocks"] = "10.20.0.0/16\n100.64.0.0/16",
            [$"network/interfaces/macs/{Mac}/interface-id"] = "eni-0123",
        };

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                var path = context.Request.Url!.AbsolutePath;
                lock (_requests) _requests.Add(context.Request.HttpMethod + " " + path);
                string body = "";
                if (context.Request.HttpMethod == "PUT" && path == "/latest/api/token" &&
                    context.Request.Headers["X-aws-ec2-metadata-token-ttl-seconds"] != null)
                {
                    body = Token;
                }
                else if (context.Request.Headers["X-aws-ec2-metadata-token"] != Token)
                {
                    context.Response.StatusCode = 401;
                }
                else if (!MetaData.TryGetValue(path.Replace("/latest/meta-data/", ""), out body!))
                {
                    context.Response.StatusCode = 404;
                    body = "";
                }
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        [Fact]
        public async Task ReadsIdentityWithATokenFirst()
        {
            var identity = await new InstanceMetadataClient(_endpoint).GetIdentityAsync(CancellationToken.None);

            Assert.Equal("i-0abc", identity.InstanceId);
            Assert.Equal("eu-west-1b", identity.AvailabilityZone);
            Assert.Equal("eu-west-1", identity.Region);
            Assert.Equal("vpc-0def", identity.VpcId);
            Assert.Equal(new[] { "10.20.0.0/16", "100.64.0.0/16" }, identity.VpcCidrBlocks);
            Assert.Equal("eni-0123", identity.NetworkInterfaceId);
            lock (_requests) Assert.Equal("PUT /latest/api/token", _requests[0]);
        }

        [Fact]
        public async Task NoServerMeansNotOnInstance()
        {
            var closed = $"http://127.0.0.1:{FreePort()}";
            var ex = await Assert.ThrowsAsync<HaNatException>(() => new InstanceMetadataClient(closed, TimeSpan.FromSeconds(1)).GetIdentityAsync(CancellationToken.None));
            Assert.Equal("NotOnInstance", ex.ErrorId);
            Assert.Contains(closed, ex.Message);
            // What to pass instead depends on the cmdlet, which adds it (Session.Tests.ps1): the client names no parameter.
            Assert.DoesNotContain("-InstanceId", ex.Message);
        }

        private static int FreePort()
        {
            var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            var port = ((IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
