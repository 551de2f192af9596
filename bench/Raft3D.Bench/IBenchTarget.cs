namespace Raft3D.Bench;

/// <summary>A three-node system under test, as the bench sees it: start, find the leader, build requests, kill.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>How its writes reach disk, for the table.</summary>
    string Durability { get; }

    int Size { get; }

    Task StartAsync();

    /// <summary>The index of the current leader, or null when there is none.</summary>
    Task<int?> LeaderAsync();

    /// <summary>Which half of bench/wrk/load.lua builds this system's requests: raft3d or etcd.</summary>
    string WrkSystem { get; }

    /// <summary>Where member <paramref name="node"/> answers clients.</summary>
    Uri BaseUrl(int node);

    /// <summary>How many entities (printers, keys) the cluster holds, read linearizably from member <paramref name="node"/>.</summary>
    Task<long> CountAsync(int node);

    /// <summary>A create/put of a fresh key (~150 bytes of JSON) sent to node <paramref name="node"/>.</summary>
    HttpRequestMessage Write(int node, string key);

    /// <summary>A linearizable read of one existing key on node <paramref name="node"/>.</summary>
    HttpRequestMessage Read(int node, string key);

    void Kill(int node);

    void Restart(int node);

    double ResidentMiB(int node);
}
