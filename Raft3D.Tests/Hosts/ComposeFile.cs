using System.Globalization;
using System.Text.RegularExpressions;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>Settings the repository's compose.yaml gives every member, read from the file so tests follow it.</summary>
internal static partial class ComposeFile
{
    public static TimeSpan UpperElectionTimeout()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "compose.yaml"));
        var match = UpperElectionTimeoutSetting().Match(text);
        return match.Success
            ? TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("compose.yaml sets no Raft3D__UpperElectionTimeout");
    }

    [GeneratedRegex("""Raft3D__UpperElectionTimeout:\s*"?(\d+)"?""")]
    private static partial Regex UpperElectionTimeoutSetting();
}
