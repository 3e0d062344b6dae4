using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Monitor.Testing.Processes;

/// <summary>
/// A RabbitMQ node of the test run's own (Debian's rabbitmq-server), on free loopback ports with its
/// own node name, Erlang cookie, data and log directories in a temp dir. Tests may crash and restart
/// it without disturbing the shared broker other test projects use. Dispose stops it and removes
/// the directory. The user monitor/monitor is its administrator.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string User = "monitor";
    private const string Password = "monitor";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory;
    private readonly string _nodeName;
    private readonly int _distributionPort = FreePort.Next();
    private readonly OutputLog _output = new(1_000);
    private Process? _node;

    private PrivateRabbitMq(string directory)
    {
        _directory = directory;
        _nodeName = $"{Path.GetFileName(directory)}@localhost";
    }

    public int AmqpPort { get; } = FreePort.Next();
    public int ManagementPort { get; } = FreePort.Next();

    /// <summary>amqp://monitor:monitor@127.0.0.1:{port}/ (a RabbitMqVhost puts its own vhost there).</summary>
    public Uri AmqpUri => new($"amqp://{User}:{Password}@127.0.0.1:{AmqpPort}/");

    public Uri ManagementUri => new($"http://{User}:{Password}@127.0.0.1:{ManagementPort}");

    public static async Task<PrivateRabbitMq> StartAsync()
    {
        if (!File.Exists(Server))
            throw new InvalidOperationException($"{Server} does not exist: install Debian's rabbitmq-server (deploy/local/provision.sh does).");
        var directory = Path.Combine(Path.GetTempPath(), TestEnvironment.UniqueName("rabbit"));
        var broker = new PrivateRabbitMq(directory);
        try
        {
            broker.WriteConfiguration();
            await broker.StartNodeAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the node (SIGKILL: nothing is flushed that was not already on disk) and starts it again.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopNodeAsync();
        await Task.Delay(downtime);
        await StartNodeAsync();
    }

    /// <summary>The node's output and log, for the test log when something failed.</summary>
    public string Output() => _output.ToString();

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private void WriteConfiguration()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        var cookie = Path.Combine(_directory, ".erlang.cookie");
        File.WriteAllText(cookie, Guid.NewGuid().ToString("N").ToUpperInvariant());
        File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{AmqpPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {ManagementPort}
            loopback_users = none
            default_user = {User}
            default_pass = {Password}
            default_user_tags.administrator = true
            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[rabbitmq_management].");
        // An empty env file of its own: the machine's /etc/rabbitmq/rabbitmq-env.conf names the shared node.
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), "");
    }

    private async Task StartNodeAsync()
    {
        var start = new ProcessStartInfo(Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _directory, // where the node and rabbitmqctl find the cookie
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var node = new Process { StartInfo = start };
        node.OutputDataReceived += (_, e) => _output.Add(e.Data);
        node.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _node = node;
        await WaitUntilServingAsync();
    }

    /// <summary>Serving once the management API answers and the AMQP port accepts connections.</summary>
    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}"), Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_node!.HasExited)
                throw new InvalidOperationException($"RabbitMQ node {_nodeName} exited with code {_node.ExitCode}:\n{Output()}");
            try
            {
                using var response = await http.GetAsync("/api/overview");
                if (response.IsSuccessStatusCode && await AcceptsAmqpAsync()) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"RabbitMQ node {_nodeName} did not start within {StartTimeout.TotalSeconds:0} s:\n{Output()}");
    }

    private async Task<bool> AcceptsAmqpAsync()
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, AmqpPort);
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    private async Task StopNodeAsync()
    {
        if (_node is null) return;
        try
        {
            if (!_node.HasExited) _node.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _node.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        _node.Dispose();
        _node = null;
    }
}
