namespace Raft3D.Client;

/// <summary>A print job and its status, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record PrintJob(string Id, string PrinterId, string FilamentId, string Filepath, decimal PrintWeightInGrams, string Status);
