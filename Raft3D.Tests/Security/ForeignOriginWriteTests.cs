using System.Net;
using System.Net.Http.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// A page from another site cannot drive an open loopback node: its form POST needs no CORS preflight, so the node
/// itself refuses writes whose Origin is not a member's. Pages served by a member, and clients that send no
/// Origin (the CLI, scripts), are unaffected.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class ForeignOriginWriteTests
{
    [Test]
    public async Task AWriteFromAForeignOriginIsRefusedAndOneFromAMembersPageIsServed()
    {
        await using var cluster = await InProcessCluster.StartAsync(size: 1);
        var node = cluster.Nodes[0];
        var client = cluster.Client(node.Id);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/cluster/leader/resign");
        foreign.Headers.Add("Origin", "http://evil.example");
        using var refused = await client.SendAsync(foreign);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"foreign_origin\""));

        using var formPost = new HttpRequestMessage(HttpMethod.Post, "/api/v1/printers") { Content = JsonContent.Create(new { id = "csrf", company = "a", model = "b" }) };
        formPost.Headers.Add("Origin", "http://localhost:1");
        Assert.That((await client.SendAsync(formPost)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await client.GetAsync("/api/v1/printers/csrf")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var fromDashboard = new HttpRequestMessage(HttpMethod.Post, "/api/v1/printers") { Content = JsonContent.Create(new { id = "ok", company = "a", model = "b" }) };
        fromDashboard.Headers.Add("Origin", $"http://localhost:{node.ApiPort}");
        Assert.That((await client.SendAsync(fromDashboard)).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var readFromAnywhere = new HttpRequestMessage(HttpMethod.Get, "/api/v1/printers/ok");
        readFromAnywhere.Headers.Add("Origin", "http://evil.example");
        Assert.That((await client.SendAsync(readFromAnywhere)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads are CORS's business: the browser hides the answer");
    }
}
