namespace Monitor.Cli;

/// <summary>Finds the repository root (the folder holding Monitor.sln) for default paths.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        return null;
    }
}
