using System.Diagnostics;
using System.ServiceModel.Syndication;
using System.Xml;
using Monitor.Platforms;

namespace Monitor.Bench.Feeds;

/// <summary>
/// The project's feed reader beside the two .NET feed libraries, on the same documents: what each makes of a
/// document (how many entries, how many of them with U+FFFD where the text was mis-decoded, or the exception that
/// refused it) and how long it took.
/// </summary>
public static class FeedLibraries
{
    public sealed record Reader(string Name, Func<byte[], string> Read);

    private static readonly Uri Fetched = new("https://fetched.example.com/feed.xml");
    private static readonly DateTimeOffset ObservedAt = new(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Reader[] All =
    [
        new("FeedDocumentReader (ours)", bytes =>
        {
            var document = FeedDocumentReader.Read(new MemoryStream(bytes), Fetched, null);
            var page = new FeedItemReader().ReadDocument(document, "bench", ObservedAt, ObservedAt);
            return Entries(page.Items.Count, page.Items.Select(i => i.Title + i.Text))
                   + (page.Skipped.Count > 0 ? $", {page.Skipped.Count} quarantined" : "");
        }),
        new("System.ServiceModel.Syndication 10.0.14", bytes =>
        {
            // As a tolerant caller would set it up: DTDs ignored, never fetched, the same 16 MB bound as ours.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 16L * 1024 * 1024 };
            using var xml = XmlReader.Create(new MemoryStream(bytes), settings);
            var items = SyndicationFeed.Load(xml).Items.ToList();
            return Entries(items.Count, items.Select(i => i.Title?.Text + i.Summary?.Text));
        }),
        new("CodeHollow.FeedReader 2.1.1", bytes =>
        {
            var items = CodeHollow.FeedReader.FeedReader.ReadFromByteArray(bytes).Items;
            return Entries(items.Count, items.Select(i => i.Title + i.Description));
        }),
    ];

    /// <summary>What <paramref name="reader"/> made of the document and how many ms it took; an exception is its refusal.</summary>
    public static (string Outcome, double Ms) Try(Reader reader, byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = reader.Read(bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome = $"refused: {e.GetType().Name}: {e.Message}";
        }
        return (outcome, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Did the reader get entries out of the document (a refusal or nothing read is no).</summary>
    public static bool Read(string outcome) => outcome.StartsWith("read ", StringComparison.Ordinal) && !outcome.StartsWith("read 0", StringComparison.Ordinal);

    private static string Entries(int count, IEnumerable<string?> texts)
    {
        var misDecoded = texts.Count(t => t?.Contains('\uFFFD') == true || LooksMisDecoded(t));
        return $"read {count}" + (misDecoded > 0 ? $" ({misDecoded} mis-decoded)" : "");
    }

    /// <summary>GBK or Big5 read as Latin-1 or UTF-8 shows as runs of Latin-1 letters where Chinese was meant.</summary>
    private static bool LooksMisDecoded(string? text) =>
        text is not null && text.Count(c => c is >= '\u00C0' and <= '\u00FF') >= 4 && !text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    public static string Describe(string outcome) => (outcome.Length <= 90 ? outcome : outcome[..90] + "…").Replace("|", "/").Replace("\n", " ");
}
