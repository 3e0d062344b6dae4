namespace Monitor.Bench.Alerts;

/// <summary>Where the repository is, and which configuration (Debug/Release) this bench was built as.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The bench's own output path is .../bin/{Configuration}/net10.0/; the services are started from the same configuration.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}: run the bench from the repository (./monitor bench alerts).");
    }
}
