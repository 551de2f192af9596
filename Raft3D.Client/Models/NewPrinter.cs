namespace Raft3D.Client;

/// <summary>A printer to register; a null id lets the node generate one. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record NewPrinter(string? Id, string Company, string Model);
