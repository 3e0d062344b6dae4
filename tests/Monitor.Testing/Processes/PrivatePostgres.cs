using Npgsql;

namespace Monitor.Testing.Processes;

/// <summary>
/// A PostgreSQL cluster of the test run's own (initdb + pg_ctl of the installed server) in a temp
/// dir on a free loopback port, with the role and database monitor/monitor (and pg_trgm). Tests may crash and
/// restart it without disturbing the shared database. Dispose stops it and removes the directory.
/// PostgreSQL refuses to run as root, so under root the cluster belongs to the postgres user.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Role = "monitor";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _directory;
    private readonly string _binaries;

    private PrivatePostgres(string directory, string binaries)
    {
        _directory = directory;
        _binaries = binaries;
    }

    public int Port { get; } = FreePort.Next();

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username={Role};Password={Role};Database={Role};Maximum Pool Size=50";

    private string DataDirectory => Path.Combine(_directory, "data");
    private string LogFile => Path.Combine(_directory, "postgres.log");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (binaries is null)
            throw new InvalidOperationException("No /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql (deploy/local/provision.sh does).");

        var directory = Path.Combine(Path.GetTempPath(), TestEnvironment.UniqueName("postgres"));
        var cluster = new PrivatePostgres(directory, binaries);
        try
        {
            Directory.CreateDirectory(directory);
            if (RunningAsRoot) await Command.RunAsync("chown", ["postgres:postgres", directory], CommandTimeout);
            await cluster.RunAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {cluster.Port}
                unix_socket_directories = '{directory}'
                max_connections = 200
                shared_buffers = 128MB
                fsync = off
                full_page_writes = off
                """);
            await cluster.StartServerAsync();
            await cluster.CreateRoleAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server in immediate mode (a crash: no checkpoint, clients cut off) and starts it again.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop");
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    /// <summary>The server log, for the test log when something failed.</summary>
    public string Output() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(200)) : "";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { } // not running
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private Task StartServerAsync() => RunAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start");

    private async Task CreateRoleAsync()
    {
        var admin = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     $"CREATE ROLE {Role} LOGIN CREATEDB PASSWORD '{Role}'",
                     $"CREATE DATABASE {Role} OWNER {Role}",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        // The read models' text search needs pg_trgm, which deploy/local/provision.sh creates as well.
        await using var database = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database={Role};Pooling=false");
        await database.OpenAsync();
        await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", database);
        await extension.ExecuteNonQueryAsync();
    }

    private Task<string> RunAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        return RunningAsRoot
            ? Command.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout, workingDirectory: "/tmp")
            : Command.RunAsync(path, arguments, CommandTimeout);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";
}
