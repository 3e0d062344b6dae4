using Monitor.Cli.Subscriptions;
using Monitor.Contracts.Alerts;
using Spectre.Console;

namespace Monitor.Cli.Tests.Subscriptions;

public sealed class When_printing_chinese_names
{
    [Fact]
    public void Should_keep_every_column_border_of_the_table_in_line()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        SubscriptionPrinter.PrintList(console,
        [
            View("小米SU7 交付投诉", "李娜"),
            View("SU7 delivery", "li.na"),
            View("比亚迪汉 负面舆情监测", "王伟"),
        ]);

        var lines = output.ToString().Split('\n').Where(l => l.Contains('│')).ToArray();
        Assert.Equal(4, lines.Length);
        var borders = lines.Select(BorderColumns).ToArray();
        Assert.All(borders, columns => Assert.Equal(borders[0], columns));
        Assert.Equal(7, borders[0].Count);
    }

    /// <summary>The terminal columns the vertical borders fall on: CJK characters take two columns.</summary>
    private static IReadOnlyList<int> BorderColumns(string line)
    {
        var columns = new List<int>();
        var column = 0;
        foreach (var c in line.TrimEnd('\r'))
        {
            if (c == '│') columns.Add(column);
            column += IsWide(c) ? 2 : 1;
        }
        return columns;
    }

    private static bool IsWide(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';

    private static SubscriptionView View(string name, string owner) => new(
        Guid.NewGuid(), owner, name, SubscriptionScope.Everything,
        [new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), 10_000)],
        [new AlertChannel("ding", AlertChannelKinds.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=***")],
        null, null, DateTimeOffset.UnixEpoch, Paused: false);
}
