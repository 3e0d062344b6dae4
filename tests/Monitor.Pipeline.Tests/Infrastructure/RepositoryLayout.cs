using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>Where the repository and the services' build outputs are, seen from this test assembly.</summary>
public static class RepositoryLayout
{
    public static string Root => RepositoryRoot.Path;

    public static string Configuration => RepositoryRoot.Configuration;

    public static string SamplesSu7 => Path.Combine(Root, "samples", "su7");
}
