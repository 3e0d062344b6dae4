namespace Monitor.Testing;

/// <summary>The repository the tests and benchmarks run from, found by walking up from their assembly to Monitor.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Debug or Release: whatever the test or benchmark assembly was built as (its path is .../bin/{Configuration}/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Monitor.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}: tests and benchmarks must run from the repository's build output (./monitor test, ./monitor bench <name>).");
    }
}
