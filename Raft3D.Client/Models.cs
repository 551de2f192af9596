namespace Raft3D.Client;

// The API's shapes, one place. Field names become snake_case on the wire (see Raft3DJson).

public sealed record Printer(string Id, string Company, string Model);

public sealed record Filament(string Id, string Type, string Color, decimal TotalWeightInGrams, decimal RemainingWeightInGrams);

public sealed record PrintJob(string Id, string PrinterId, string FilamentId, string Filepath, decimal PrintWeightInGrams, string Status);

public sealed record NewPrinter(string? Id, string Company, string Model);

public sealed record NewFilament(string? Id, string Type, string Color, decimal TotalWeightInGrams, decimal? RemainingWeightInGrams);

public sealed record NewPrintJob(string? Id, string PrinterId, string FilamentId, string Filepath, decimal PrintWeightInGrams);

public sealed record ClusterMember(string? Id, string RaftUrl, string? ApiUrl, string Status, bool IsLeader, bool IsLocal);

public sealed record ClusterStatus(
    string? NodeId,
    string Role,
    long Term,
    string? LeaderId,
    string? LeaderRaftUrl,
    string? LeaderApiUrl,
    IReadOnlyList<ClusterMember> Members,
    long CommitIndex,
    long LastLogIndex,
    long LastAppliedIndex,
    string StateDigest,
    long StateDigestIndex);

public sealed record ClusterLeader(string? LeaderId, string LeaderRaftUrl, string? LeaderApiUrl, long Term, string ServedBy);

/// <summary>An RFC 7807 problem as Raft3D sends it: <see cref="Code"/> is stable, <see cref="Detail"/> is for people.</summary>
public sealed record Problem(string? Type, string? Title, int Status, string? Detail, string? Code);
