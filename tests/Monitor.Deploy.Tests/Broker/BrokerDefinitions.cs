using System.Text.Json;

namespace Monitor.Deploy.Tests.Broker;

/// <summary>deploy/rabbitmq/definitions.json as the tests read it: its users and their permissions.</summary>
public sealed class BrokerDefinitions
{
    public const string Path = "deploy/rabbitmq/definitions.json";
    public const string VirtualHost = "monitor";

    private BrokerDefinitions(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public static BrokerDefinitions Load() => new(JsonDocument.Parse(Repository.Read(Path)).RootElement.Clone());

    public IReadOnlyList<string> Users => Root.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();

    public JsonElement User(string name) => Root.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);

    public (string Configure, string Write, string Read)? Permissions(string user)
    {
        var found = Root.GetProperty("permissions").EnumerateArray()
            .Where(p => p.GetProperty("user").GetString() == user && p.GetProperty("vhost").GetString() == VirtualHost)
            .ToList();
        if (found.Count != 1) return null;
        var p = found[0];
        return (p.GetProperty("configure").GetString()!, p.GetProperty("write").GetString()!, p.GetProperty("read").GetString()!);
    }

    /// <summary>The variable render-definitions.sh reads a user's password from: "ingestion" -> RABBITMQ_INGESTION_PASSWORD.</summary>
    public static string PasswordVariable(string user) => $"RABBITMQ_{user.ToUpperInvariant().Replace('-', '_')}_PASSWORD";
}
