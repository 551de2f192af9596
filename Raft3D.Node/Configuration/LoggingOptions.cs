namespace Raft3D.Node.Configuration;

/// <summary>The <c>Raft3D:Logging</c> section: a level per sink, and where the file goes.</summary>
public sealed class LoggingOptions
{
    public LogLevel Console { get; set; } = LogLevel.Information;

    public LogLevel File { get; set; } = LogLevel.Debug;

    /// <summary>The log file; none when empty.</summary>
    public string FilePath { get; set; } = string.Empty;
}
