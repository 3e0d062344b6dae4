using System.CommandLine;
using Monitor.Cli.Pipeline;
using Spectre.Console;

namespace Monitor.Cli.Errors;

/// <summary>
/// `monitor errors list|show|replay`: the MassTransit error queues (<c>*_error</c>) of the broker in
/// MONITOR_RABBITMQ, listed and inspected through the management API, replayed over AMQP.
/// </summary>
public static class ErrorsCommand
{
    public static Command Create()
    {
        var command = new Command("errors",
            "MassTransit error queues (*_error): list them, show why messages failed, move them back once the cause is fixed");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Argument<string> QueueArgument(string description)
    {
        var queue = new Argument<string>("queue") { Description = description };
        queue.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string>();
            if (!ErrorQueueName.IsErrorQueue(name))
                r.AddError($"queue '{name}' is not an error queue: its name must end in {ErrorQueueName.Suffix} (e.g. coverage-received_error)");
        });
        return queue;
    }

    private static Option<int?> CountOption(string description)
    {
        return new Option<int?>("--count", "-n") { Description = description }
            .MustBe(n => n > 0, "--count must be a positive number of messages");
    }

    private static Command List()
    {
        var command = new Command("list", "List the error queues of the vhost (MONITOR_RABBITMQ) with their message counts (as the management API last sampled them, every few seconds)");
        command.SetAction((_, ct) => PipelineCommands.RunAsync(async () =>
        {
            var settings = BrokerSettings.FromEnvironment();
            using var api = new ManagementApi(settings);
            var queues = await api.ErrorQueuesAsync(ct);
            var console = PipelineConsole.Create();
            if (queues.Count == 0)
            {
                console.WriteLine($"No error queues in {api.Describe()}: no message has failed for good.");
                return ExitCodes.Ok;
            }
            console.MarkupLine($"Error queues in [bold]{Markup.Escape(api.Describe())}[/]");
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("queue");
            table.AddColumn(new TableColumn("messages").RightAligned());
            table.AddColumn("replays to");
            foreach (var queue in queues)
                table.AddRow(Markup.Escape(queue.Name), queue.Messages.ToString(), Markup.Escape(ErrorQueueName.OriginalOf(queue.Name)));
            console.Write(table);
            Console.WriteLine($"errors: queues={queues.Count} messages={queues.Sum(q => q.Messages)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var queue = QueueArgument("The error queue, e.g. coverage-received_error");
        var count = CountOption("How many messages to show (default 5)");
        var command = new Command("show",
            "Show the first messages of an error queue with why they failed (MT-Reason, MT-Fault-ExceptionType, MT-Fault-Message); they stay on the queue")
        {
            queue, count,
        };
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            var name = result.GetValue(queue)!;
            using var api = new ManagementApi(BrokerSettings.FromEnvironment());
            var info = await api.QueueAsync(name, ct)
                ?? throw new PipelineCommandException(ExitCodes.Failed, $"there is no queue '{name}' in {api.Describe()} (./monitor errors list shows the error queues)");
            var messages = await api.PeekAsync(name, result.GetValue(count) ?? 5, ct);
            var console = PipelineConsole.Create();
            console.MarkupLine($"[bold]{Markup.Escape(name)}[/]: {info.Messages} messages, showing {messages.Count}");
            var number = 0;
            foreach (var message in messages)
            {
                number++;
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("message id", Markup.Escape(message.MessageId ?? "-"));
                grid.AddRow("reason", Markup.Escape(message.Header("MT-Reason") ?? "-"));
                grid.AddRow("exception", Markup.Escape(message.Header("MT-Fault-ExceptionType") ?? "-"));
                grid.AddRow("message", Markup.Escape(message.Header("MT-Fault-Message") ?? "-"));
                grid.AddRow("failed at", Markup.Escape(message.Header("MT-Fault-Timestamp") ?? "-"));
                grid.AddRow("body", Markup.Escape(message.Payload.Length > 300 ? message.Payload[..300] + "..." : message.Payload));
                console.Write(new Panel(grid).Header($"#{number}"));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Replay()
    {
        var queue = QueueArgument("The error queue; its messages go back to the queue named without _error");
        var count = CountOption("Move at most this many messages, oldest first");
        var all = new Option<bool>("--all") { Description = "Move every message the queue holds when the replay begins" };
        var command = new Command("replay",
            "Move messages from an error queue back to their original queue (publisher confirms, then ack: none is lost)")
        {
            queue, count, all,
        };
        command.Validators.Add(r =>
        {
            var hasCount = r.GetResult(count) is { Implicit: false };
            var hasAll = r.GetValue(all);
            if (hasCount && hasAll) r.AddError("give either --count N or --all, not both");
            else if (!hasCount && !hasAll) r.AddError("say how many messages to move: --count N or --all");
        });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            var name = result.GetValue(queue)!;
            var replayer = new ErrorQueueReplayer(BrokerSettings.FromEnvironment());
            var console = PipelineConsole.Create();
            var limit = result.GetValue(all) ? (int?)null : result.GetValue(count);
            var outcome = await new CountingProgress(console).RunAsync($"{name} moved", report =>
                replayer.ReplayAsync(name, limit, (moved, planned) => report(moved, planned), ct));
            console.MarkupLine($"Moved [bold]{outcome.Moved}[/] messages from {Markup.Escape(outcome.ErrorQueue)} to {Markup.Escape(outcome.TargetQueue)}; " +
                               $"{outcome.Remaining} remain in {Markup.Escape(outcome.ErrorQueue)}");
            Console.WriteLine($"errors replay: queue={outcome.ErrorQueue} moved={outcome.Moved} remaining={outcome.Remaining}");
            return ct.IsCancellationRequested ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }
}
