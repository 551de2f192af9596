using Raft3D.Node.Security;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Configuration;

/// <summary>
/// Checks a node's configuration before anything starts, so a mistake is reported in one line
/// instead of surfacing later as a node that never joins or never elects.
/// </summary>
public static class Raft3DOptionsValidator
{
    public static void Validate(Raft3DOptions options)
    {
        Require(!string.IsNullOrWhiteSpace(options.NodeId), "Raft3D:NodeId is required.");
        var http = AbsoluteHttpUrl(options.HttpUrl, "Raft3D:HttpUrl");
        var raft = AbsoluteHttpUrl(options.RaftUrl, "Raft3D:RaftUrl");
        Require(http.Port != raft.Port, $"Raft3D:HttpUrl and Raft3D:RaftUrl must use different ports (both are {http.Port}).");
        Require(options.Members.Count > 0, "Raft3D:Members must list the cluster's members (id, raft, http).");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rafts = new HashSet<Uri>();
        for (var i = 0; i < options.Members.Count; i++)
        {
            var member = options.Members[i];
            Require(!string.IsNullOrWhiteSpace(member.Id), $"Raft3D:Members:{i}:Id is required.");
            Require(ids.Add(member.Id), $"Raft3D:Members lists id '{member.Id}' twice.");
            Require(rafts.Add(AbsoluteHttpUrl(member.Raft, $"Raft3D:Members:{i}:Raft")), $"Raft3D:Members lists raft URL '{member.Raft}' twice.");
            AbsoluteHttpUrl(member.Http, $"Raft3D:Members:{i}:Http");
        }

        var self = options.Members.Find(m => string.Equals(m.Id, options.NodeId, StringComparison.Ordinal));
        if (!options.Join)
        {
            Require(self is not null, $"Raft3D:NodeId '{options.NodeId}' is not one of Raft3D:Members ({string.Join(", ", ids)}); to add a new node to a running cluster, start it with Raft3D:Join=true.");
            Require(
                UrlsEqual(self!.Raft, options.RaftUrl),
                $"Raft3D:RaftUrl '{options.RaftUrl}' differs from member '{options.NodeId}' raft URL '{self.Raft}'; they must be identical (localhost is not 127.0.0.1).");
        }

        Require(options.AutoRemoveUnresponsiveAfterMs >= 0, "Raft3D:AutoRemoveUnresponsiveAfterMs must be 0 (off) or a number of milliseconds.");
        Require(string.IsNullOrWhiteSpace(options.DataDirectory) is false, "Raft3D:DataDirectory is required.");
        Require(options.LowerElectionTimeout >= 50, "Raft3D:LowerElectionTimeout must be at least 50 ms.");
        Require(
            options.UpperElectionTimeout > options.LowerElectionTimeout,
            $"Raft3D:UpperElectionTimeout ({options.UpperElectionTimeout}) must be greater than LowerElectionTimeout ({options.LowerElectionTimeout}).");
        Require(options.SnapshotInterval >= 1, "Raft3D:SnapshotInterval must be at least 1.");
        Require(options.SnapshotIntervalPerRow is >= 0 and <= 1000, "Raft3D:SnapshotIntervalPerRow must be between 0 (a fixed interval) and 1000.");
        Require(options.QuorumWaitTimeoutMs >= 100, "Raft3D:QuorumWaitTimeoutMs must be at least 100.");
        Require(options.PeerConnectTimeoutMs is >= 10 and <= 10_000, "Raft3D:PeerConnectTimeoutMs must be between 10 and 10000.");
        Require(
            options.SnapshotTransferTimeoutMs >= options.UpperElectionTimeout && options.SnapshotTransferTimeoutMs <= 3_600_000,
            "Raft3D:SnapshotTransferTimeoutMs must be between UpperElectionTimeout and 3600000.");
        Require(Enum.IsDefined(options.Durability), "Raft3D:Durability must be Mapped or DirectIo.");
        Require(options.LogChunkSizeKiB is >= 4 and <= 1024 * 1024, "Raft3D:LogChunkSizeKiB must be between 4 and 1048576.");
        Require(
            options.Idempotency.MaxKeys is >= 1 and <= IdempotencyWindow.MaxMaxKeys,
            $"Raft3D:Idempotency:MaxKeys must be between 1 and {IdempotencyWindow.MaxMaxKeys}; got {options.Idempotency.MaxKeys}.");
        Require(
            options.Idempotency.MaxAge >= TimeSpan.FromSeconds(1),
            $"Raft3D:Idempotency:MaxAge must be at least one second (e.g. 24:00:00); got {options.Idempotency.MaxAge}.");
        Require(
            options.Stock.DefaultLowStockShare is >= 0m and <= 1m,
            $"Raft3D:Stock:DefaultLowStockShare must be between 0 and 1 (0.1 is 10%); got {options.Stock.DefaultLowStockShare}.");
        Require(options.Storage.ReserveKiB >= 0, $"Raft3D:Storage:ReserveKiB must be 0 (off) or a number of KiB; got {options.Storage.ReserveKiB}.");
        Require(options.Events.WindowSize is >= 1 and <= 10_000_000, $"Raft3D:Events:WindowSize must be between 1 and 10000000; got {options.Events.WindowSize}.");
        Require(options.Events.ClientBuffer is >= 16 and <= 1_000_000, $"Raft3D:Events:ClientBuffer must be between 16 and 1000000; got {options.Events.ClientBuffer}.");
        Require(options.Events.HeartbeatSeconds is >= 0.1 and <= 3600, $"Raft3D:Events:HeartbeatSeconds must be between 0.1 and 3600; got {options.Events.HeartbeatSeconds}.");
        ValidateLimits(options.Security.Limits);
    }

    public static bool UrlsEqual(string a, string b)
        => Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y) && x == y;

    private static void ValidateLimits(RequestLimitOptions limits)
    {
        const string Section = "Raft3D:Security:Limits";
        Require(limits.MaxRequestBodyBytes >= 1024, $"{Section}:MaxRequestBodyBytes must be at least 1024 (the largest valid request is about 7.6 KiB); got {limits.MaxRequestBodyBytes}.");
        Require(limits.PermitsPerSecond >= 0, $"{Section}:PermitsPerSecond must be 0 (off) or a number of requests per second; got {limits.PermitsPerSecond}.");
        Require(limits.Burst >= 1, $"{Section}:Burst must be at least 1; got {limits.Burst}.");
        Require(limits.MaxConnections >= 16, $"{Section}:MaxConnections must be at least 16 (peers alone hold several); got {limits.MaxConnections}.");
    }

    private static Uri AbsoluteHttpUrl(string value, string key)
    {
        Require(!string.IsNullOrWhiteSpace(value), $"{key} is required.");
        Require(
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
            $"{key} '{value}' is not an absolute http:// or https:// URL.");
        Require(!uri!.IsDefaultPort || value.Contains($":{uri.Port}", StringComparison.Ordinal), $"{key} '{value}' must name a port.");
        return uri;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidConfigurationException(message);
        }
    }
}
