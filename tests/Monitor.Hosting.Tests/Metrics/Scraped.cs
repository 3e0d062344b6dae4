using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>A scrape read back: every sample line checked against the text format, then looked up by name and labels.</summary>
public sealed partial class Scraped
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public Scraped(string text)
    {
        Text = text;
        Assert.EndsWith("\n", text);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentLine(), line);
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a valid sample line: {line}");
            var labels = new Dictionary<string, string>();
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
                labels[label.Groups["key"].Value] = Unescape(label.Groups["value"].Value);
            _samples.Add((match.Groups["name"].Value, labels, ParseNumber(match.Groups["value"].Value)));
        }
    }

    public string Text { get; }

    /// <summary>The value of the one sample with this name whose labels include all of <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
    {
        var found = _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {name} match");
        return found.Count == 0 ? null : found[0].Value;
    }

    public IReadOnlyList<string> Lines(string prefix) =>
        Text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static double ParseNumber(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string value) =>
        Regex.Replace(value, @"\\(.)", m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);

    [GeneratedRegex(@"^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*)\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN))$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>([^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex LabelPair();
}
