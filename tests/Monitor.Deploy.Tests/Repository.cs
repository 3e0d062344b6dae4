using Monitor.Testing;

namespace Monitor.Deploy.Tests;

/// <summary>The repository these tests check, found by walking up from the test assembly to Monitor.sln.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Folders under services/ that hold a Monitor.&lt;Folder&gt;.csproj, e.g. "Ingestion".</summary>
    public static IReadOnlyList<string> ServiceProjects() =>
        Directory.GetDirectories(PathOf("services"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(folder => File.Exists(PathOf($"services/{folder}/Monitor.{folder}.csproj")))
            .Order(StringComparer.Ordinal)
            .ToList();
}
