using Microsoft.AspNetCore.Http;
using Raft3D.Node.Security;

namespace Raft3D.Tests.Security;

[TestFixture]
[Category("Fast")]
public sealed class ClusterProofTests
{
    private const string Secret = "a-cluster-secret-of-at-least-32-characters";
    private readonly ManualClock clock = new();

    [Test]
    public void ASignedRequestIsVerifiedAsItsSender()
        => Assert.That(new ClusterProof(Secret, "node2", clock).Verify(Received(Signed())), Is.EqualTo("node1"));

    [Test]
    public void ChangingTheTermBreaksTheProof()
    {
        var request = Received(Signed());
        request.Headers["X-Raft-Term"] = "107";

        Assert.That(new ClusterProof(Secret, "node2", clock).Verify(request), Is.Null);
    }

    [Test]
    public void ChangingThePathBreaksTheProof()
    {
        var request = Received(Signed(), target: "/cluster-consensus/other");

        Assert.That(new ClusterProof(Secret, "node2", clock).Verify(request), Is.Null);
    }

    [Test]
    public void AnotherSecretMakesAProofThatDoesNotVerify()
        => Assert.That(new ClusterProof(Secret + "!", "node2", clock).Verify(Received(Signed())), Is.Null);

    [Test]
    public void AProofOlderThanTheAllowedSkewIsRefused()
    {
        var request = Received(Signed());
        clock.Now += ClusterProof.MaxClockSkew + TimeSpan.FromSeconds(1);

        Assert.That(new ClusterProof(Secret, "node2", clock).Verify(request), Is.Null);
    }

    [Test]
    public void HeaderCaseAndUnrelatedHeadersDoNotMatter()
    {
        var request = Received(Signed());
        request.Headers["User-Agent"] = "something else";
        request.Headers["X-Raft3D-Forwarded-By"] = "node3";

        Assert.That(new ClusterProof(Secret, "node2", clock).Verify(request), Is.EqualTo("node1"));
    }

    [TestCase("")]
    [TestCase("v1 notanumber AAAA node1")]
    [TestCase("v2 1 AAAA node1")]
    [TestCase("v1 1 !!! node1")]
    public void AMalformedProofIsRefused(string header)
    {
        var request = Received(Signed());
        request.Headers[ClusterProof.HeaderName] = header;

        Assert.That(new ClusterProof(Secret, "node2", clock).Verify(request), Is.Null);
    }

    private HttpRequestMessage Signed()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9090/cluster-consensus/raft");
        request.Headers.Add("X-Raft-Message-Type", "RequestVote");
        request.Headers.Add("X-Raft-Term", "7");
        request.Headers.Add("X-Request-ID", "abc");
        new ClusterProof(Secret, "node1", clock).Sign(request);
        return request;
    }

    /// <summary>The request as Kestrel would hand it to the raft guard.</summary>
    private static HttpRequest Received(HttpRequestMessage sent, string? target = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = sent.Method.Method;
        context.Request.Path = target ?? sent.RequestUri!.AbsolutePath;
        foreach (var header in sent.Headers)
        {
            context.Request.Headers[header.Key.ToUpperInvariant()] = string.Join(", ", header.Value);
        }

        return context.Request;
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
