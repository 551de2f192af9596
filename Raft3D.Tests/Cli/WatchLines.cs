namespace Raft3D.Tests.Cli;

/// <summary>jobs watch's stdout as a test compares it: its lines, without the HH:mm:ss a change's line starts with.</summary>
internal static class WatchLines
{
    public static IReadOnlyList<string> Of(string stdout)
        => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WithoutTime)];

    private static string WithoutTime(string line)
        => line.Length > 9 && line[2] == ':' && line[5] == ':' && line[8] == ' ' ? line[9..] : line;
}
