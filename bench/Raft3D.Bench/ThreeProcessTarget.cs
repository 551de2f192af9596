using System.Text.Json;

namespace Raft3D.Bench;

/// <summary>
/// What both systems under test share: three member processes the bench starts, kills and restarts, and a
/// leader found by asking the running members one by one.
/// </summary>
internal abstract class ThreeProcessTarget : IBenchTarget
{
    private readonly ManagedProcess?[] members = new ManagedProcess?[3];

    public abstract string Name { get; }

    public abstract string Durability { get; }

    public int Size => members.Length;

    public Task StartAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            Restart(i);
        }

        return Task.CompletedTask;
    }

    public async Task<int?> LeaderAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            if (members[i] is null)
            {
                continue;
            }

            try
            {
                if (await AskForLeaderAsync(i) is { } leader && members[leader] is not null)
                {
                    return leader;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Not up, or killed.
            }
        }

        return null;
    }

    public abstract string WrkSystem { get; }

    public abstract Uri BaseUrl(int node);

    public abstract Task<long> CountAsync(int node);

    public abstract HttpRequestMessage Write(int node, string key);

    public abstract HttpRequestMessage Read(int node, string key);

    public void Kill(int node)
    {
        members[node]?.Dispose();
        members[node] = null;
    }

    public void Restart(int node) => members[node] = Launch(node);

    public double ResidentMiB(int node) => members[node]?.ResidentMiB() ?? double.NaN;

    public virtual ValueTask DisposeAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            Kill(i);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Starts member <paramref name="node"/> on its own ports and data.</summary>
    protected abstract ManagedProcess Launch(int node);

    /// <summary>Asks running member <paramref name="node"/> which member leads; null when it does not know.</summary>
    protected abstract Task<int?> AskForLeaderAsync(int node);
}
