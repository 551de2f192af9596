using System.Net;
using System.Net.Http.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class MembershipTests
{
    [Test]
    public async Task A_joining_node_catches_up_votes_survives_restart_and_can_be_removed()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        await (await cluster.Client(leader).CreatePrinterAsync("mem-p")).ExpectAsync(HttpStatusCode.Created, "printer before the join");

        var node4 = await cluster.JoinNewNodeAsync("node4");
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(leader)).GetProperty("members").GetArrayLength() == 4,
            TimeSpan.FromSeconds(30),
            "the leader to commit a four-member configuration");

        // It caught up during warm-up and now serves linearizable reads.
        var printer = await cluster.Client("node4").GetJsonAsync("/api/v1/printers/mem-p");
        Assert.That(printer.GetProperty("id").GetString(), Is.EqualTo("mem-p"));

        // It remembers the configuration after a restart (membership is on disk, not from its Members list).
        await cluster.StopNodeAsync("node4");
        await cluster.StartNodeAsync("node4");
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync("node4")).GetProperty("members").GetArrayLength() == 4,
            TimeSpan.FromSeconds(20),
            "node4 to know four members after its restart");

        // With four voters, two stopped nodes leave no majority; with node4 voting, one stopped node is fine.
        var other = cluster.AFollower(leader) is var f && f == "node4" ? cluster.Nodes.First(n => n.Id != leader && n.Id != "node4").Id : cluster.AFollower(leader);
        await cluster.StopNodeAsync(other);
        await (await cluster.Client("node4").CreatePrinterAsync("mem-after")).ExpectAsync(HttpStatusCode.Created, "a write with one of four down");
        await cluster.StartNodeAsync(other);

        using var removed = await cluster.Client(cluster.AFollower(leader)).DeleteAsync("/cluster/members/node4");
        await removed.ExpectAsync(HttpStatusCode.OK, "remove node4");
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(leader)).GetProperty("members").GetArrayLength() == 3,
            TimeSpan.FromSeconds(20),
            "three members after the removal");
        Assert.That(node4.Id, Is.EqualTo("node4"));
    }

    [Test]
    public async Task Adding_a_node_nobody_runs_is_a_409_that_says_so_and_changes_nothing()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var nowhere = FreePorts.Next();

        // Through a follower: the request is forwarded to the leader, which tries to warm the node up and fails.
        using var response = await cluster.Client(cluster.AFollower(leader)).PostAsync(
            "/cluster/members",
            JsonContent.Create(new { id = "ghost", raft = $"http://127.0.0.1:{nowhere}/", http = $"http://127.0.0.1:{FreePorts.Next()}" }));

        await response.ExpectAsync(HttpStatusCode.Conflict, "adding a node that does not run");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.JsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("membership_change_failed"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("nothing answers"));
            Assert.That(problem.GetProperty("title").GetString(), Is.Not.EqualTo("Unexpected error."));
        });
        Assert.That((await cluster.StatusAsync(leader)).GetProperty("members").GetArrayLength(), Is.EqualTo(3), "the configuration is unchanged");
    }

    [Test]
    public async Task Removing_the_leader_hands_leadership_over_first()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.AFollower(leader);
        // The leader steps down first; if it happens to win the next election too, the answer is a 503 that
        // says to retry, which is what a client does.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await cluster.Client(follower).DeleteAsync($"/cluster/members/{leader}");
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(40),
            "the removal of the leader to succeed");

        await Eventually.HoldsAsync(
            async () =>
            {
                var status = await cluster.StatusAsync(follower);
                return status.GetProperty("members").GetArrayLength() == 2 && status.GetProperty("leader_id").GetString() is { } now && now != leader;
            },
            TimeSpan.FromSeconds(20),
            "a new leader among the two remaining members");
        await (await cluster.Client(follower).CreatePrinterAsync("after-removal")).ExpectAsync(HttpStatusCode.Created, "a write on the two-member cluster");
    }

    [Test]
    public async Task Adding_with_bad_input_is_a_validation_problem()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var response = await cluster.Client(cluster.Nodes[0].Id).PostAsync("/cluster/members", new StringContent("{\"id\":\"x\",\"raft\":\"not a url\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(await response.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
        using var missing = await cluster.Client(cluster.Nodes[0].Id).DeleteAsync("/cluster/members/ghost");
        Assert.That(await missing.ProblemCodeAsync(), Is.EqualTo("not_found"));
    }
}
