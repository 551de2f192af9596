using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// One real three-node cluster per derived fixture, started once and shared by its tests, which keep apart by
/// their own ids. It waits for every node to apply a write, and reads each node's own copy
/// (?consistency=local) so a test sees what that node's state machine holds, not what the leader says.
/// </summary>
public abstract class FarmOperationsFixture
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private InProcessCluster cluster = null!;

    protected string Leader { get; private set; } = null!;

    protected string Follower1 { get; private set; } = null!;

    protected string Follower2 { get; private set; } = null!;

    /// <summary>Every node, leader first.</summary>
    protected IReadOnlyList<string> NodeIds => [Leader, Follower1, Follower2];

    [OneTimeSetUp]
    public async Task StartCluster() => cluster = await InProcessCluster.StartAsync();

    /// <summary>
    /// Names the roles afresh before each test: on a loaded machine a stall longer than the election timeout
    /// (250 to 500 ms) can elect another leader between tests, and "via a follower" must mean one.
    /// </summary>
    [SetUp]
    public async Task FindLeader()
    {
        Leader = await cluster.WaitForLeaderAsync();
        var followers = cluster.Nodes.Select(n => n.Id).Where(id => id != Leader).ToList();
        (Follower1, Follower2) = (followers[0], followers[1]);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    protected HttpClient Client(string nodeId) => cluster.Client(nodeId);

    /// <summary>The client for the i-th node, round robin: spreads concurrent requests over leader and followers.</summary>
    protected HttpClient RoundRobin(int i) => Client(NodeIds[i % NodeIds.Count]);

    /// <summary>
    /// A create the test builds on, not the one it examines. Creates are idempotent by id, so a 503 (an election
    /// under load: no_leader, leader_unreachable, commit_timeout) is retried with the same id, as the API advises;
    /// any other refusal fails the test at once.
    /// </summary>
    protected static async Task GivenAsync(Func<Task<HttpResponseMessage>> create, string what)
        => await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await create();
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    return true;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Fail($"{what}: expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                return false;
            },
            Patience,
            $"{what} to be created (201, or 200 for a replay) once the cluster has a leader");

    /// <summary>Waits until every node has applied all the leader has committed so far (so all acknowledged writes).</summary>
    protected async Task WaitForAllNodesToApplyAsync()
    {
        var leader = await cluster.WaitForLeaderAsync();
        var commit = (await cluster.StatusAsync(leader)).GetProperty("commit_index").GetInt64();
        var seen = "nothing";
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    var applied = await Task.WhenAll(NodeIds.Select(async id => (id, index: (await cluster.StatusAsync(id)).GetProperty("last_applied_index").GetInt64())));
                    seen = string.Join(", ", applied.Select(a => $"{a.id} at {a.index}"));
                    return applied.All(a => a.index >= commit);
                },
                Patience,
                $"every node to apply up to index {commit}");
        }
        catch (AssertionException)
        {
            Assert.Fail($"Expected every node to apply up to the leader's commit index {commit} within {Patience.TotalSeconds} s; last seen: {seen}.");
        }
    }

    /// <summary>
    /// Each node's own copy of one entity, once all three hold it at the same version, at least
    /// <paramref name="atLeastVersion"/> (the version a write answered with).
    /// </summary>
    protected async Task<IReadOnlyDictionary<string, JsonElement>> OnEveryNodeAsync(string path, long atLeastVersion)
    {
        var seen = "nothing";
        try
        {
            return await Eventually.ReturnsAsync<IReadOnlyDictionary<string, JsonElement>>(
                async () =>
                {
                    var views = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    foreach (var id in NodeIds)
                    {
                        using var response = await Client(id).GetAsync(FarmApi.Local(path));
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            seen = $"{id} answered {(int)response.StatusCode}";
                            return null;
                        }

                        views[id] = await response.JsonAsync();
                    }

                    seen = string.Join(", ", views.Select(v => $"{v.Key} at version {VersionOf(v.Value)}"));
                    var versions = views.Values.Select(VersionOf).Distinct().ToList();
                    return versions.Count == 1 && versions[0] >= atLeastVersion ? views : null;
                },
                Patience,
                $"every node to hold {path} at one version, {atLeastVersion} or later");
        }
        catch (AssertionException)
        {
            Assert.Fail($"Expected every node to hold {path} at one version, {atLeastVersion} or later, within {Patience.TotalSeconds} s; last seen: {seen}.");
            throw;
        }
    }

    /// <summary>Each node's own answer to a list request; call after <see cref="WaitForAllNodesToApplyAsync"/>.</summary>
    protected async Task<IReadOnlyDictionary<string, JsonElement>> ListOnEveryNodeAsync(string path)
    {
        var views = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var id in NodeIds)
        {
            views[id] = await Client(id).GetJsonAsync(FarmApi.Local(path));
        }

        return views;
    }

    /// <summary>Asserts the status and the problem's code, with the body in the message when either is not the one expected.</summary>
    protected static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{what}: expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.That(await response.ProblemCodeAsync(), Is.EqualTo(code), $"{what}: expected code {code}; body: {body}");
    }

    /// <summary>Asserts the status (showing the body when it is another) and returns the body.</summary>
    protected static async Task<JsonElement> ExpectEntityAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        await response.ExpectAsync(status, what);
        return await response.JsonAsync();
    }

    protected static long VersionOf(JsonElement entity) => entity.GetProperty("version").GetInt64();

    /// <summary>A string field, or null when it is JSON null.</summary>
    protected static string? Text(JsonElement entity, string name)
        => entity.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : entity.GetProperty(name).GetString();

    protected static IReadOnlyList<string> IdsOf(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    /// <summary>Fires every request at the same moment: each waits on one gate that opens once all are built.</summary>
    protected static async Task<HttpResponseMessage[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> sends)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = sends.Select(async send =>
        {
            await gate.Task;
            return await send();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(inFlight);
    }
}
