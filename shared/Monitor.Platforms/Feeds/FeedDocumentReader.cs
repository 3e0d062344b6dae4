using System.Xml;
using System.Xml.Linq;

namespace Monitor.Platforms;

/// <summary>Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents.</summary>
public static class FeedDocumentReader
{
    /// <summary>Feeds are small; a larger document is refused rather than buffered.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    /// <param name="stream">The document's bytes.</param>
    /// <param name="baseUri">The address the feed was fetched from; relative links resolve against it (and any xml:base).</param>
    /// <param name="declaredCharset">The charset of the HTTP Content-Type, if any; it outranks the XML declaration.</param>
    /// <exception cref="FeedFormatException">Malformed XML, not a feed, or larger than <see cref="MaxBytes"/>.</exception>
    public static FeedDocument Read(Stream stream, Uri baseUri, string? declaredCharset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri) throw new ArgumentException($"The feed's address must be absolute, got '{baseUri}'", nameof(baseUri));

        var document = Parse(FeedEncoding.Decode(ReadBounded(stream), declaredCharset));
        var root = document.Root!;
        var rootBase = BaseOf(root, baseUri);
        if (root.Name == "rss") return ReadRss2(root, rootBase);
        if (root.Name == Rdf + "RDF") return ReadRss1(root, rootBase);
        if (root.Name == Atom + "feed") return ReadAtom(root, rootBase);
        throw new FeedFormatException($"Not an RSS or Atom feed: the root element is <{root.Name.LocalName}>"
                                      + (root.Name.NamespaceName.Length > 0 ? $" in namespace {root.Name.NamespaceName}" : ""));
    }

    private static byte[] ReadBounded(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new FeedFormatException($"The feed is larger than {MaxBytes / (1024 * 1024)} MB");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static XDocument Parse(string xml)
    {
        // DTDs are ignored and nothing external is fetched: a feed must not make us read files or call out.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"The feed is not well-formed XML: {e.Message}", e);
        }
    }

    private static FeedDocument ReadRss2(XElement rss, Uri documentBase)
    {
        var channel = rss.Element("channel") ?? throw new FeedFormatException("RSS feed without a <channel> element");
        var channelBase = BaseOf(channel, documentBase);
        var items = channel.Elements("item").Select(item =>
        {
            var itemBase = BaseOf(item, channelBase);
            var guid = item.Element("guid");
            var link = Resolve(Text(item.Element("link")), itemBase);
            if (link is null && guid is not null && (string?)guid.Attribute("isPermaLink") != "false")
                link = Resolve(Text(guid), itemBase);
            var date = Text(item.Element("pubDate")) ?? Text(item.Element(Dc + "date"));
            var body = Text(item.Element("description")) ?? Text(item.Element(Content + "encoded")) ?? "";
            return new FeedItem(
                Text(guid), PlainOrNull(Text(item.Element("title"))), link, FeedDates.Parse(date), date,
                HtmlText.ToPlain(body), Text(item.Element("author")) ?? Text(item.Element(Dc + "creator")));
        }).ToList();
        return new FeedDocument("rss2", PlainOrNull(Text(channel.Element("title"))), Resolve(Text(channel.Element("link")), channelBase), items);
    }

    private static FeedDocument ReadRss1(XElement rdf, Uri documentBase)
    {
        var ns = rdf.Element(Rss1 + "channel") is not null || rdf.Element(Rss1 + "item") is not null ? Rss1 : Rss090;
        var channel = rdf.Element(ns + "channel");
        var items = rdf.Elements(ns + "item").Select(item =>
        {
            var itemBase = BaseOf(item, documentBase);
            var about = (string?)item.Attribute(Rdf + "about");
            var date = Text(item.Element(Dc + "date"));
            return new FeedItem(
                about, PlainOrNull(Text(item.Element(ns + "title"))),
                Resolve(Text(item.Element(ns + "link")) ?? about, itemBase), FeedDates.Parse(date), date,
                HtmlText.ToPlain(Text(item.Element(ns + "description")) ?? Text(item.Element(Content + "encoded")) ?? ""),
                Text(item.Element(Dc + "creator")));
        }).ToList();
        return new FeedDocument("rss1", PlainOrNull(Text(channel?.Element(ns + "title"))),
            Resolve(Text(channel?.Element(ns + "link")), documentBase), items);
    }

    private static FeedDocument ReadAtom(XElement feed, Uri feedBase)
    {
        var items = feed.Elements(Atom + "entry").Select(entry =>
        {
            var entryBase = BaseOf(entry, feedBase);
            var date = Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated"));
            var body = entry.Element(Atom + "summary") ?? entry.Element(Atom + "content");
            return new FeedItem(
                Text(entry.Element(Atom + "id")), NullIfEmpty(AtomText(entry.Element(Atom + "title"))),
                AlternateLink(entry, entryBase), FeedDates.Parse(date), date,
                AtomText(body) ?? "", Text(entry.Element(Atom + "author")?.Element(Atom + "name")));
        }).ToList();
        return new FeedDocument("atom", NullIfEmpty(AtomText(feed.Element(Atom + "title"))), AlternateLink(feed, feedBase), items);
    }

    /// <summary>Atom text constructs: type "text" as is, "html" with tags stripped, "xhtml" as the text of its markup.</summary>
    private static string? AtomText(XElement? element)
    {
        if (element is null) return null;
        return ((string?)element.Attribute("type"))?.ToLowerInvariant() switch
        {
            "html" or "text/html" => HtmlText.ToPlain(element.Value),
            "xhtml" or "application/xhtml+xml" => HtmlText.ToPlain(string.Concat(element.Nodes().Select(n => n.ToString()))),
            _ => element.Value.Trim(),
        };
    }

    private static Uri? AlternateLink(XElement parent, Uri parentBase)
    {
        var links = parent.Elements(Atom + "link").ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        return link is null ? null : Resolve((string?)link.Attribute("href"), BaseOf(link, parentBase));
    }

    /// <summary>The base URI in effect for an element: its own xml:base resolved against its parent's.</summary>
    private static Uri BaseOf(XElement element, Uri parentBase)
    {
        var xmlBase = (string?)element.Attribute(XNamespace.Xml + "base");
        return xmlBase is not null && Uri.TryCreate(parentBase, xmlBase.Trim(), out var resolved) ? resolved : parentBase;
    }

    private static Uri? Resolve(string? link, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        return Uri.TryCreate(baseUri, link.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    private static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? PlainOrNull(string? text) =>
        text is null ? null : HtmlText.ToPlain(text) is { Length: > 0 } plain ? plain : null;
}
