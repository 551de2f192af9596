namespace Raft3D.Client;

/// <summary>What an export wrote, from the node's headers; the rows themselves went to the destination stream.</summary>
/// <param name="LogIndex">X-Raft3D-Export-Index: every row is as it was at this log index, even while writes went on.</param>
/// <param name="ContentType">application/json or text/csv.</param>
/// <param name="FileName">The name the node suggests (Content-Disposition), e.g. raft3d-ledger-42.csv.</param>
/// <param name="Bytes">How many bytes were copied to the destination.</param>
public sealed record ExportResult(long? LogIndex, string? ContentType, string? FileName, long Bytes);
