using System.Globalization;
using Monitor.Contracts.Alerts;
using Spectre.Console;

namespace Monitor.Cli.Subscriptions;

/// <summary>Subscriptions and backtest results as tables a PR person reads.</summary>
public static class SubscriptionPrinter
{
    public static void PrintList(IAnsiConsole console, IReadOnlyList<SubscriptionView> subscriptions)
    {
        var table = new Table().Title("Subscriptions").Border(TableBorder.Rounded);
        foreach (var column in new[] { "id", "name", "owner", "state", "rules", "channels" }) table.AddColumn(column);
        foreach (var s in subscriptions)
            table.AddRow(s.SubscriptionId.ToString(), Markup.Escape(s.Name), Markup.Escape(s.Owner), State(s),
                Markup.Escape(string.Join(", ", s.Rules.Select(r => r is null ? "(missing rule)" : Describe(r)))), Markup.Escape(string.Join(", ", s.Channels.Select(c => c.Kind))));
        console.Write(table);
    }

    public static void PrintOne(IAnsiConsole console, SubscriptionView s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("id", s.SubscriptionId.ToString());
        grid.AddRow("name", Markup.Escape(s.Name));
        grid.AddRow("owner", Markup.Escape(s.Owner));
        grid.AddRow("state", State(s));
        if (s.Problem is { } problem) grid.AddRow("problem", Markup.Escape(problem + " (edit it to repair: ./monitor subscriptions edit ID --file)"));
        grid.AddRow("created", s.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        grid.AddRow("scope", Markup.Escape(Describe(s.Scope)));
        foreach (var rule in s.Rules) grid.AddRow("rule", Markup.Escape(rule is null ? "(missing rule)" : Describe(rule)));
        foreach (var channel in s.Channels)
            grid.AddRow("channel", Markup.Escape($"{channel.ChannelId}: {channel.Kind} {channel.Target}{(channel.Secret is null ? "" : " (signed)")}"));
        if (s.QuietHours is { } quiet) grid.AddRow("quiet hours", Markup.Escape($"{quiet.From:HH\\:mm}-{quiet.To:HH\\:mm} {quiet.TimeZone}"));
        if (s.DigestAt is { } digest) grid.AddRow("digest", Markup.Escape($"daily at {digest:HH\\:mm}"));
        console.Write(new Panel(grid).Header(Markup.Escape(s.Name)));
    }

    public static void PrintBacktest(IAnsiConsole console, SubscriptionView subscription, IReadOnlyList<AlertRaised> alerts)
    {
        if (alerts.Count == 0)
        {
            console.MarkupLine($"No alert: the rules of [bold]{Markup.Escape(subscription.Name)}[/] would have stayed silent.");
            return;
        }
        var table = new Table().Title($"Alerts {Markup.Escape(subscription.Name)} would have raised").Border(TableBorder.Rounded);
        foreach (var column in new[] { "window (UTC)", "rule", "value", "threshold", "baseline", "items", "platforms", "what" }) table.AddColumn(column);
        foreach (var a in alerts)
            table.AddRow(
                $"{a.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm}-{a.WindowEnd.UtcDateTime:HH:mm}",
                Markup.Escape(a.Kind + (a.EscalationLevel > 0 ? $" (escalation {a.EscalationLevel})" : "")),
                Number(a.Value), Number(a.Threshold),
                a.Baseline is { } b ? Number(b) + (a.K is { } k ? $" k={Number(k)}" : "") : "-",
                a.Volume.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(" ", a.Platforms.Select(p => $"{p.Key}:{p.Value}"))),
                Markup.Escape(a.Summary));
        console.Write(table);
        // Links are printed whole on their own lines: a wrapped URL cannot be clicked.
        foreach (var a in alerts.Where(a => a.TopMentions.Any(m => m.Url is not null)))
        {
            Console.WriteLine($"{a.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm} {a.Kind}:");
            foreach (var m in a.TopMentions.Where(m => m.Url is not null))
                Console.WriteLine($"  {m.Platform} {m.Label} reach {m.Reach}: {m.Url}");
        }
    }

    private static string State(SubscriptionView s) =>
        s.Problem is not null ? "[red]cannot be evaluated[/]" : s.Paused ? "[yellow]paused[/]" : "active";

    public static string Describe(AlertRule rule) => rule.Kind switch
    {
        AlertRuleKinds.NegativeShare => $"negative share > {Number(rule.Threshold * 100)}% of ≥ {rule.MinVolume} items per {Duration(rule.Window)}",
        AlertRuleKinds.VolumeSpike => $"volume spike per {Duration(rule.Window)}, k={Number(rule.K)} over {rule.BaselineWindows} windows",
        AlertRuleKinds.SentimentDip => $"sentiment dip ≥ {Number(rule.Threshold)} per {Duration(rule.Window)}",
        AlertRuleKinds.NegativeReach => $"negative item with reach ≥ {rule.Threshold:0}",
        _ => rule.Kind,
    };

    public static string Describe(SubscriptionScope scope)
    {
        var parts = new List<string>();
        if (scope.Platforms.Count > 0) parts.Add("platforms " + string.Join(",", scope.Platforms));
        if (scope.EntityIds.Count > 0) parts.Add("entities " + string.Join(",", scope.EntityIds));
        if (scope.RequiredTerms.Count > 0) parts.Add("with " + string.Join(",", scope.RequiredTerms));
        if (scope.ExcludedTerms.Count > 0) parts.Add("without " + string.Join(",", scope.ExcludedTerms));
        if (scope.Languages.Count > 0) parts.Add("languages " + string.Join(",", scope.Languages));
        return parts.Count == 0 ? "everything" : string.Join("; ", parts);
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 ? $"{span.TotalHours:0}h" : $"{span.TotalMinutes:0}m";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
