namespace Raft3D.Node.Api.Export;

/// <summary>How an export is written: a JSON array of the API's objects, or CSV with one column per field.</summary>
public enum ExportFormat
{
    Json,
    Csv,
}
