using Monitor.Testing;

namespace Monitor.Deploy.Tests;

/// <summary>The repository these tests check, found by walking up from the test assembly to Monitor.sln.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// Folders under services/, nested ones included, that hold their service's project:
    /// "Ingestion" (Monitor.Ingestion.csproj), "Feeds/Weibo" (Monitor.Feeds.Weibo.csproj).
    /// </summary>
    public static IReadOnlyList<string> ServiceProjects()
    {
        var services = PathOf("services");
        return Directory.GetDirectories(services, "*", SearchOption.AllDirectories)
            .Select(dir => Path.GetRelativePath(services, dir).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(folder => !folder.Split('/').Any(part => part is "bin" or "obj"))
            .Where(folder => File.Exists(PathOf($"services/{folder}/{ProjectFileOf(folder)}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The project file of a service folder: its path's slashes become dots ("Feeds/Weibo" -> Monitor.Feeds.Weibo.csproj).</summary>
    public static string ProjectFileOf(string serviceFolder) => $"Monitor.{serviceFolder.Replace('/', '.')}.csproj";
}
