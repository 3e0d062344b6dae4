using System.Net;
using System.Net.Sockets;

namespace Monitor.Feeds.Tests.Support;

/// <summary>Where the repository and the built services are, as seen from the test assembly.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this test assembly was built in, which the services share.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    public static string ServiceDll(string folder, string assembly) =>
        Path.Combine(Root, folder, "bin", Configuration, "net10.0", assembly + ".dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Monitor.sln above {AppContext.BaseDirectory}");
    }
}
