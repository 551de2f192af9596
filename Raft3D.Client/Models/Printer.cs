namespace Raft3D.Client;

/// <summary>A registered printer, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record Printer(string Id, string Company, string Model);
