namespace Raft3D.Client;

/// <summary>
/// A print job to queue; a null id lets the node generate one, a null printer puts it in the farm's unassigned
/// queue (assign it later). Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).
/// </summary>
public sealed record NewPrintJob(string? Id, string? PrinterId, string FilamentId, string Filepath, decimal PrintWeightInGrams);
