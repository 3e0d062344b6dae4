using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Pipeline;
using Monitor.Contracts.Alerts;
using Spectre.Console;

namespace Monitor.Cli.Subscriptions;

/// <summary>`monitor subscriptions add|list|show|edit|pause|resume|delete|backtest`: the alerts service's subscription API.</summary>
public static class SubscriptionsCommand
{
    private static readonly Option<Uri> Url = CommandLineValues.HttpUrl("--url", "The alerts service", AlertsApiOptions.DefaultUrl);
    private static readonly Option<string?> Key = new("--key") { Description = $"API key (X-Api-Key); default ${AlertsApiOptions.KeyVariable}" };
    private static readonly Option<int> Timeout = new Option<int>("--timeout")
    {
        Description = "Seconds each request may take",
        DefaultValueFactory = _ => 30,
    }.MustBe(t => t > 0, "--timeout must be a positive number of seconds");

    public static Command Create()
    {
        var command = new Command("subscriptions", "Manage alert subscriptions on the alerts service (--url, --key or MONITOR_API_KEY)");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Change("pause", "Stop a subscription raising alerts (its windows keep counting)", (c, id, ct) => c.PauseAsync(id, ct)));
        command.Subcommands.Add(Change("resume", "Let a paused subscription raise alerts again", (c, id, ct) => c.ResumeAsync(id, ct)));
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(Backtest());
        return command;
    }

    /// <summary>Adds --url, --key and --timeout: every command that talks to the alerts service (or, with <paramref name="url"/>, another) takes them.</summary>
    internal static Command WithConnection(Command command, Option<Uri>? url = null)
    {
        command.Options.Add(url ?? Url);
        command.Options.Add(Key);
        command.Options.Add(Timeout);
        return command;
    }

    internal static AlertsApiClient Client(ParseResult result, Option<Uri>? url = null, string service = AlertsApiOptions.AlertsService)
    {
        var key = result.GetValue(Key) ?? Environment.GetEnvironmentVariable(AlertsApiOptions.KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
            throw new PipelineCommandException(ExitCodes.Usage, $"no API key: give --key or set {AlertsApiOptions.KeyVariable}");
        return new AlertsApiClient(new AlertsApiOptions(result.GetValue(url ?? Url)!, key, TimeSpan.FromSeconds(result.GetValue(Timeout)), MaxRetries: 3, service));
    }

    private static Argument<Guid> IdArgument() => new("id")
    {
        Description = "The subscription's id (./monitor subscriptions list shows them)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Guid.TryParse(text, out var id)) return id;
            result.AddError($"id '{text}' is not a subscription id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)");
            return Guid.Empty;
        },
    };

    private static Command List()
    {
        var command = WithConnection(new Command("list", "List the subscriptions the key may see (analysts: their own)"));
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = Client(result);
            var subscriptions = await client.ListAsync(ct);
            var console = PipelineConsole.Create();
            if (subscriptions.Count > 0) SubscriptionPrinter.PrintList(console, subscriptions);
            else console.WriteLine("No subscriptions yet: ./monitor subscriptions add --help shows how to create one.");
            Console.WriteLine($"subscriptions: {subscriptions.Count} ({subscriptions.Count(s => s.Paused)} paused)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var command = WithConnection(new Command("show", "Show one subscription: scope, rules, channels, quiet hours, digest") { id });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = Client(result);
            SubscriptionPrinter.PrintOne(PipelineConsole.Create(), await client.GetAsync(result.GetValue(id), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Change(string name, string description, Func<AlertsApiClient, Guid, CancellationToken, Task<SubscriptionView>> change)
    {
        var id = IdArgument();
        var command = WithConnection(new Command(name, description) { id });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = Client(result);
            var subscription = await change(client, result.GetValue(id), ct);
            Console.WriteLine($"subscription {subscription.SubscriptionId} ({subscription.Name}) is {(subscription.Paused ? "paused" : "active")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete()
    {
        var id = IdArgument();
        var command = WithConnection(new Command("delete", "Delete (archive) a subscription: it raises nothing from now on and is no longer listed; its alerts stay") { id });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = Client(result);
            var current = await client.GetVersionedAsync(result.GetValue(id), ct);
            await client.DeleteAsync(current.Value.SubscriptionId, current.Version ?? "*", ct);
            Console.WriteLine($"subscription {current.Value.SubscriptionId} ({current.Value.Name}) is deleted");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Edit()
    {
        var id = IdArgument();
        var file = new Option<string>("--file")
        {
            Description = "The whole subscription as JSON (the body `add --file` takes); the parts that differ are replaced",
            Required = true,
        };
        var command = WithConnection(new Command("edit",
            "Change a subscription to what a JSON file says (also repairs one the service cannot evaluate)") { id, file });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            var wanted = SubscriptionDraft.FromFile(result.GetValue(file)!);
            using var client = Client(result);
            var (edited, changed) = await SubscriptionEdit.ApplyAsync(client, result.GetValue(id), wanted, ct);
            SubscriptionPrinter.PrintOne(PipelineConsole.Create(), edited);
            Console.WriteLine($"subscription: id={edited.SubscriptionId} name={edited.Name} changed={(changed.Count == 0 ? "nothing" : string.Join(',', changed))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Backtest()
    {
        var id = IdArgument();
        var from = CommandLineValues.Time("--from", "Start of the period (e.g. 2024-03-28 or 2024-03-28T10:00+08:00, UTC without an offset); default a week before --to");
        var to = CommandLineValues.Time("--to", "End of the period; default now");
        var command = WithConnection(new Command("backtest",
            "List the alerts a subscription's rules would have raised over stored history (nothing is stored or sent)") { id, from, to });
        command.Validators.Add(r =>
        {
            DateTimeOffset? start, end;
            try
            {
                (start, end) = (r.GetValue(from), r.GetValue(to));
            }
            catch (InvalidOperationException)
            {
                return; // not a date: the option reports that itself
            }
            if (start is { } s && end is { } e && e <= s)
            {
                r.AddError($"--to ({e:O}) must come after --from ({s:O})");
                return;
            }
            // The service's bounds, checked here too so a period it would refuse is a usage error naming the option.
            var now = DateTimeOffset.UtcNow;
            var until = end ?? now;
            var since = start ?? (until - BacktestPeriod.Earliest > BacktestPeriod.DefaultSpan ? until - BacktestPeriod.DefaultSpan : BacktestPeriod.Earliest);
            foreach (var (field, problem) in BacktestPeriod.Problems(since, until, now))
                r.AddError($"--{field} {problem}");
        });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = Client(result);
            var subscriptionId = result.GetValue(id);
            var subscription = await client.GetAsync(subscriptionId, ct);
            var alerts = await client.BacktestAsync(subscriptionId, result.GetValue(from), result.GetValue(to), ct);
            SubscriptionPrinter.PrintBacktest(PipelineConsole.Create(), subscription, alerts);
            Console.WriteLine($"backtest: alerts={alerts.Count} " + string.Join(' ', alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key)
                .Select(g => $"{g.Key}={g.Count()}")));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add()
    {
        var file = new Option<string?>("--file") { Description = "The whole subscription as JSON (the POST /api/subscriptions body); excludes the other options" };
        var name = new Option<string?>("--name") { Description = "What PR staff call it, e.g. \"SU7 delivery complaints\"" };
        var platform = List("--platform", "Only these platforms (weibo, douyin, xiaohongshu, news); repeat or separate with commas");
        var entity = List("--entity", "Only items mentioning one of these entity ids (e.g. xiaomi-su7)");
        var keyword = List("--keyword", "Every term must occur in the text");
        var exclude = List("--exclude", "No term may occur in the text");
        var language = List("--language", "Only these languages: zh, en, mixed");
        var window = CommandLineValues.Duration("--window", "Window of the negative-share and dip rules, 15m to 24h (default 1h)");
        var cooldown = CommandLineValues.Duration("--cooldown", "Silence after an alert unless the value doubles (default 60m)");
        var baseline = new Option<int?>("--baseline-windows") { Description = "Prior windows forming the baseline (at least 12, default 12)" };
        var negativeShare = new Option<double?>("--negative-share") { Description = "Rule: alert when the negative share passes this floor (0.4 or 40 for 40%)" };
        var minVolume = new Option<int?>("--min-volume") { Description = "Fewest items in a window before negative-share or dip may fire (default 10)" };
        var spikeWindow = CommandLineValues.Duration("--spike-window", "Rule: volume spike over windows of this length (15m to 24h)");
        var spikePreset = new Option<string?>("--spike-preset") { Description = "Spike sensitivity: sensitive (k=1.5), balanced (k=2, default), strict (k=3) or a number" };
        var dip = new Option<double?>("--dip") { Description = "Rule: alert when the average score falls this far below the baseline (0..2)" };
        var reach = new Option<long?>("--reach") { Description = "Rule: alert at once on one negative item with at least this reach" };
        var webhook = CommandLineValues.HttpUrl("--webhook", "Channel: POST the alert as JSON to this URL");
        var webhookSecret = new Option<string?>("--webhook-secret") { Description = "Sign webhook bodies (X-Monitor-Signature, HMAC-SHA256)" };
        var slack = CommandLineValues.HttpUrl("--slack", "Channel: Slack incoming-webhook URL");
        var dingTalk = CommandLineValues.HttpUrl("--dingtalk", "Channel: DingTalk robot URL");
        var dingTalkSecret = new Option<string?>("--dingtalk-secret") { Description = "DingTalk robot signing secret" };
        var weCom = CommandLineValues.HttpUrl("--wecom", "Channel: WeCom robot URL");
        var feishu = CommandLineValues.HttpUrl("--feishu", "Channel: Feishu robot URL");
        var feishuSecret = new Option<string?>("--feishu-secret") { Description = "Feishu robot signing secret" };
        var email = List("--email", "Channel: e-mail address (repeatable)");
        var quiet = new Option<string?>("--quiet-hours") { Description = "Hold alerts for the digest in these local hours, e.g. 22:00-07:00" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of quiet hours and digest, e.g. Asia/Shanghai (default UTC)" };
        var digestAt = new Option<string?>("--digest-at") { Description = "Send a daily digest at this local time, e.g. 09:00" };

        var command = WithConnection(new Command("add", "Create a subscription from options (scope, rules, channels) or from --file sub.json")
        {
            file, name, platform, entity, keyword, exclude, language, window, cooldown, baseline, negativeShare, minVolume,
            spikeWindow, spikePreset, dip, reach, webhook, webhookSecret, slack, dingTalk, dingTalkSecret, weCom, feishu, feishuSecret,
            email, quiet, timeZone, digestAt,
        });
        command.Validators.Add(r =>
        {
            if (r.GetResult(file) is not { Implicit: false }) return;
            var others = r.Children.OfType<System.CommandLine.Parsing.OptionResult>()
                .Where(o => !o.Implicit && o.Option != file && o.Option != Url && o.Option != Key && o.Option != Timeout)
                .Select(o => o.Option.Name).ToList();
            if (others.Count > 0) r.AddError($"--file holds the whole subscription; leave out {string.Join(", ", others)}");
        });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            var request = result.GetValue(file) is { } path
                ? SubscriptionDraft.FromFile(path)
                : new SubscriptionDraft
                {
                    Name = result.GetValue(name),
                    Platforms = Values(result.GetValue(platform)),
                    Entities = Values(result.GetValue(entity)),
                    Keywords = Values(result.GetValue(keyword)),
                    Excluded = Values(result.GetValue(exclude)),
                    Languages = Values(result.GetValue(language)),
                    Window = result.GetValue(window) ?? TimeSpan.FromHours(1),
                    Cooldown = result.GetValue(cooldown),
                    BaselineWindows = result.GetValue(baseline) ?? Contracts.Alerts.AlertRule.MinBaselineWindows,
                    NegativeShare = result.GetValue(negativeShare),
                    MinVolume = result.GetValue(minVolume) ?? 10,
                    SpikeWindow = result.GetValue(spikeWindow),
                    SpikePreset = result.GetValue(spikePreset),
                    Dip = result.GetValue(dip),
                    Reach = result.GetValue(reach),
                    Webhook = result.GetValue(webhook),
                    WebhookSecret = result.GetValue(webhookSecret),
                    Slack = result.GetValue(slack),
                    DingTalk = result.GetValue(dingTalk),
                    DingTalkSecret = result.GetValue(dingTalkSecret),
                    WeCom = result.GetValue(weCom),
                    Feishu = result.GetValue(feishu),
                    FeishuSecret = result.GetValue(feishuSecret),
                    Emails = Values(result.GetValue(email)),
                    QuietHours = result.GetValue(quiet),
                    TimeZone = result.GetValue(timeZone) ?? "UTC",
                    DigestAt = result.GetValue(digestAt),
                }.ToRequest();
            using var client = Client(result);
            var created = await client.CreateAsync(request, ct);
            SubscriptionPrinter.PrintOne(PipelineConsole.Create(), created);
            Console.WriteLine($"subscription: id={created.SubscriptionId} name={created.Name}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string[]> List(string name, string description) => new(name) { Description = description };

    private static IReadOnlyList<string> Values(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
}
