namespace Raft3D.Tests.Infrastructure;

/// <summary>Finds the checkout the tests were built from, for tests that run its scripts or binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Raft3D.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Raft3D.sln above {AppContext.BaseDirectory}.");
    }
}
