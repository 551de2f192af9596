namespace Raft3D.Cli.Output;

public enum OutputFormat
{
    /// <summary>A table for people (plain columns when stdout is not a terminal).</summary>
    Table,

    /// <summary>Exactly the API's JSON, for jq and scripts.</summary>
    Json,
}
