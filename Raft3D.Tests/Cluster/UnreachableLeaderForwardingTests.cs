using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Tls;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A follower forwarding writes to a leader whose address no longer accepts connections (a stopped container's
/// address, a host that drops SYNs): the forward must fail with an error the write path turns into a 503
/// (leader_unreachable), not escape as a cancellation and answer 500. Found in a rolling restart under compose.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class UnreachableLeaderForwardingTests
{
    [Test]
    public async Task A_leader_that_never_accepts_the_connection_fails_the_forward_as_a_timeout()
    {
        using var blackHole = SynDroppingListener.Start(out var port);
        var options = new Raft3DOptions { NodeId = "node1", HttpUrl = "http://127.0.0.1:1", RaftUrl = "http://127.0.0.1:2/" };
        using var client = new LeaderApiClient(options, NodeCertificates.Load(options), new NoForwarding(), NullLogger<LeaderApiClient>.Instance);
        await using var forwarder = new LeaderCommandForwarder(client, options);
        var command = new ForwardedCommand(CommandCodec.Encode(new CreatePrinter("p1", "Prusa", "MK4")), string.Empty, [], "POST", "/api/v1/printers");

        var forward = forwarder.ForwardAsync($"http://127.0.0.1:{port}", command, CancellationToken.None);

        // The handler's connect timeout (1 s) ends it, well before the answer timeout (quorum wait + 2 s).
        var error = Assert.ThrowsAsync<TimeoutException>(async () => await forward.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(error!.Message, Does.Contain("ConnectTimeout"));
    }

    /// <summary>
    /// A listener that never accepts, its one-connection backlog filled: Linux drops further SYNs, so a new
    /// connection neither succeeds nor is refused until the client gives up.
    /// </summary>
    private sealed class SynDroppingListener : IDisposable
    {
        private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly List<Socket> fillers = [];

        public static SynDroppingListener Start(out int port)
        {
            var hole = new SynDroppingListener();
            hole.listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            hole.listener.Listen(1);
            port = ((IPEndPoint)hole.listener.LocalEndPoint!).Port;
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // The backlog is full: this one waits for an accept that never comes, as the client will.
                }

                hole.fillers.Add(filler);
            }

            return hole;
        }

        public void Dispose()
        {
            fillers.ForEach(filler => filler.Dispose());
            listener.Dispose();
        }
    }

    /// <summary>The client's proxying half is not used by a command batch.</summary>
    private sealed class NoForwarding : IHttpForwarder
    {
        public ValueTask<ForwarderError> SendAsync(HttpContext context, string destinationPrefix, HttpMessageInvoker httpClient, ForwarderRequestConfig requestConfig, HttpTransformer transformer)
            => throw new NotSupportedException();
    }
}
