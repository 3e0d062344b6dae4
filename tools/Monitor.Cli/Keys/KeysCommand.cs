using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Subscriptions;
using Spectre.Console;

namespace Monitor.Cli.Keys;

/// <summary>`monitor keys list|create|revoke`: API keys on the alerts service (admin keys only).</summary>
public static class KeysCommand
{
    private static readonly string[] Roles = ["admin", "analyst", "viewer"];

    public static Command Create()
    {
        var command = new Command("keys", "List, create and revoke API keys on the alerts service (an admin's --key or MONITOR_API_KEY)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Issue());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command List()
    {
        var command = SubscriptionsCommand.WithConnection(new Command("list", "List the keys issued: id, name, owner, role, when, last 4 characters; never a key"));
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = SubscriptionsCommand.Client(result);
            var keys = await client.ListKeysAsync(ct);
            if (keys.Count > 0) Print(PipelineConsole.Create(), keys);
            else Console.WriteLine("No keys issued yet (the MONITOR_ADMIN_KEY admin key is not listed): ./monitor keys create --help");
            Console.WriteLine($"keys: {keys.Count} ({keys.Count(k => k.Revoked)} revoked)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Issue()
    {
        var owner = new Option<string>("--owner") { Description = "Who the key is for (analysts see only the subscriptions they own)", Required = true };
        var role = new Option<string>("--role") { Description = "admin, analyst or viewer", Required = true };
        role.AcceptOnlyFromAmong(Roles);
        var name = new Option<string?>("--name") { Description = "What the key is for, e.g. \"wall screen\"" };
        var command = SubscriptionsCommand.WithConnection(new Command("create", "Issue a key; it is printed once and never shown again") { owner, role, name });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = SubscriptionsCommand.Client(result);
            var issued = await client.IssueKeyAsync(result.GetValue(owner)!, result.GetValue(role)!, result.GetValue(name), ct);
            Console.WriteLine(issued.Key);
            Console.Error.WriteLine("monitor: the key above is shown only now; keep it (it is stored as a hash)");
            Console.WriteLine($"key: id={issued.Id} owner={issued.Owner} role={issued.Role}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<Guid>("id")
        {
            Description = "The key's id (./monitor keys list shows them)",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (Guid.TryParse(text, out var value)) return value;
                r.AddError($"id '{text}' is not a key id (a GUID, as ./monitor keys list shows)");
                return Guid.Empty;
            },
        };
        var command = SubscriptionsCommand.WithConnection(new Command("revoke", "Revoke a key: every service refuses it within seconds and its open live streams end") { id });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = SubscriptionsCommand.Client(result);
            var key = await client.RevokeKeyAsync(result.GetValue(id), ct);
            Console.WriteLine($"key {key.Id} ({key.Owner}, {key.Role}) is revoked");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<KeyView> keys)
    {
        var table = new Table().Title("API keys").Border(TableBorder.Rounded);
        foreach (var column in new[] { "id", "name", "owner", "role", "issued (UTC)", "by", "ends with", "fingerprint", "state" }) table.AddColumn(column);
        foreach (var k in keys)
            table.AddRow(k.Id.ToString(), Markup.Escape(k.Name ?? "-"), Markup.Escape(k.Owner), k.Role,
                k.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(k.IssuedBy),
                Markup.Escape(k.Last4 ?? "-"), k.Fingerprint,
                k.RevokedAt is { } at ? $"[red]revoked[/] {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : "active");
        console.Write(table);
    }
}
