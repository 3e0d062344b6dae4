using Monitor.Contracts;
using Monitor.Feeds.Sdk;

namespace Monitor.Feeds.Tests.Support;

/// <summary>
/// A feed over fixed pages of raw strings: "id" is a good item, "bad:id" an item that cannot be read.
/// The cursor is the number of pages already read; after the last page it goes back to the start.
/// </summary>
public sealed class ScriptedSource(params string[][] pages) : FeedSource<string>
{
    public static readonly DateTimeOffset PublishedAt = new(2024, 7, 19, 11, 0, 0, TimeSpan.Zero);

    public int Fetches { get; private set; }

    public Func<int, Exception?> FailOnPage { get; set; } = _ => null;

    public override string Platform => Contracts.PlatformNames.Weibo;

    public override string Describe() => $"{pages.Length} scripted pages";

    protected override Task<SourcePage<string>> FetchAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        Fetches++;
        var index = cursor is null ? 0 : int.Parse(cursor);
        if (FailOnPage(index) is { } failure) throw failure;
        var last = index == pages.Length - 1;
        return Task.FromResult(new SourcePage<string>(pages[index], last ? null : (index + 1).ToString(), last));
    }

    protected override ItemMapping Map(string item, FeedContext context) =>
        item.StartsWith("bad:", StringComparison.Ordinal)
            ? ItemMapping.Reject(item[4..], "created_at: 'not a date' is not a date")
            : ItemMapping.Ok(Items.Post(item, PublishedAt) with { ObservedAt = context.ObservedAt });

    protected override string RawOf(string item) => $$"""{"raw":"{{item}}"}""";
}
