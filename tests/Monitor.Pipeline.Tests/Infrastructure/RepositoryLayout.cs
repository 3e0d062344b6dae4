namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>Where the repository and the services' build outputs are, seen from this test assembly.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever this test assembly was built as (its path is .../bin/{Configuration}/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SamplesSu7 => Path.Combine(Root, "samples", "su7");

    public static string ServiceAssembly(string folder) =>
        Path.Combine(Root, "services", folder, "bin", Configuration, "net10.0", $"Monitor.{folder}.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
