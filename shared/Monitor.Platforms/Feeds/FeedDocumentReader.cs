using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Monitor.Platforms;

/// <summary>
/// Reads feeds the way long-lived tolerant feed parsers do: RSS 0.9x, 1.0 (RDF, with or without its namespace) and
/// 2.0, RSS without a &lt;channel&gt;, Atom 0.3 and 1.0; Dublin Core titles and dates; undeclared HTML entities and
/// bare ampersands repaired (<see cref="XmlRepair"/>); the encoding found as <see cref="FeedEncoding"/> says.
/// An entry that cannot be read is skipped with its reason; the rest of the document is still read.
/// </summary>
public static class FeedDocumentReader
{
    /// <summary>Feeds are small; a larger document is refused rather than buffered.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Element nesting deeper than this is refused: feeds nest a handful of levels, XHTML content a few dozen.</summary>
    public const int MaxDepth = 100;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private static readonly XNamespace RssUserland = "http://backend.userland.com/rss2";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    /// <param name="stream">The document's bytes.</param>
    /// <param name="baseUri">The address the feed was fetched from; relative links resolve against it (and any xml:base).</param>
    /// <param name="declaredCharset">The charset of the HTTP Content-Type, if any; it outranks the XML declaration when the bytes are in it.</param>
    /// <exception cref="FeedFormatException">
    /// Undecodable bytes, XML that is not well-formed even after repair, nested deeper than <see cref="MaxDepth"/>,
    /// not a feed, or larger than <see cref="MaxBytes"/>.
    /// </exception>
    public static FeedDocument Read(Stream stream, Uri baseUri, string? declaredCharset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri) throw new ArgumentException($"The feed's address must be absolute, got '{baseUri}'", nameof(baseUri));

        try
        {
            return ReadDocument(stream, baseUri, declaredCharset);
        }
        catch (Exception e) when (e is not FeedFormatException and not OperationCanceledException and not OutOfMemoryException)
        {
            // Entries are read one by one; this is for the document's own parts (its channel, title, link).
            throw new FeedFormatException($"The feed could not be read: {e.GetType().Name}: {UnicodeText.Shorten(e.Message, 300)}", e);
        }
    }

    private static FeedDocument ReadDocument(Stream stream, Uri baseUri, string? declaredCharset)
    {
        var document = Parse(XmlRepair.Repair(FeedEncoding.Decode(ReadBounded(stream), declaredCharset)));
        var root = document.Root!;
        var rootBase = BaseOf(root, baseUri);
        var core = CoreNamespaces(root);
        return root.Name.LocalName switch
        {
            "rss" => ReadRss(root, Child(root, "channel", core) ?? root, rootBase, core),
            "channel" => ReadRss(root, root, rootBase, core),
            "RDF" => ReadRdf(root, rootBase, core),
            "feed" when core.Contains(root.Name.Namespace) => ReadAtom(root, rootBase, core),
            _ => throw new FeedFormatException($"Not an RSS or Atom feed: the root element is <{root.Name.LocalName}>"
                                               + (root.Name.NamespaceName.Length > 0 ? $" in namespace {root.Name.NamespaceName}" : "")),
        };
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
        // No DTD is read (XmlRepair removed it) and nothing external is fetched: a feed must not make us read files
        // or call out. Characters XML forbids are let through to the item, whose field is then refused by name.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, CheckCharacters = false,
            MaxCharactersInDocument = MaxBytes, MaxCharactersFromEntities = 0,
        };
        try
        {
            // A first pass only measures the nesting, so a hostile document never becomes a deep tree.
            using (var probe = XmlReader.Create(new StringReader(xml), settings))
                while (probe.Read())
                    if (probe.Depth > MaxDepth)
                        throw new FeedFormatException($"The feed nests elements deeper than {MaxDepth} levels (line {((IXmlLineInfo)probe).LineNumber})");
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"The feed is not well-formed XML: {e.Message}", e);
        }
    }

    /// <summary>The namespaces a feed's own elements may be in: none, the root's, the known RSS and Atom ones, and those of the root's children.</summary>
    private static HashSet<XNamespace> CoreNamespaces(XElement root)
    {
        var core = new HashSet<XNamespace> { XNamespace.None, root.Name.Namespace, Rss1, Rss090, RssUserland, Atom, Atom03 };
        foreach (var child in root.Elements())
            if (child.Name.LocalName is "channel" or "item" or "entry") core.Add(child.Name.Namespace);
        core.Remove(Rdf);
        return core;
    }

    private static FeedDocument ReadRss(XElement root, XElement channel, Uri documentBase, HashSet<XNamespace> core)
    {
        var channelBase = BaseOf(channel, documentBase);
        // RSS 0.9x puts items beside the channel as often as inside it; some feeds have no channel at all.
        var entries = Children(channel, "item", core).Concat(channel == root ? [] : Children(root, "item", core)).ToList();
        var (items, skipped) = ReadEach(entries, item =>
        {
            var itemBase = BaseOf(item, channelBase);
            var guid = Child(item, "guid", core);
            var link = Resolve(Text(Child(item, "link", core)), itemBase);
            if (link is null && guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
                link = Resolve(Text(guid), itemBase);
            var (published, dateText) = Date(
                [Child(item, "pubDate", core), Child(item, "published", core), item.Element(Dc + "date"), item.Element(DcTerms + "issued"), item.Element(DcTerms + "created")],
                [Child(item, "updated", core), item.Element(DcTerms + "modified")]);
            var body = Text(Child(item, "description", core)) ?? Text(item.Element(Content + "encoded")) ?? Text(item.Element(Dc + "description")) ?? "";
            return new FeedItem(
                Text(guid), PlainOrNull(Text(Child(item, "title", core)) ?? Text(item.Element(Dc + "title"))), link, published, dateText,
                HtmlText.ToPlain(body), Text(Child(item, "author", core)) ?? Text(item.Element(Dc + "creator")));
        });
        return new FeedDocument("rss2", PlainOrNull(Text(Child(channel, "title", core)) ?? Text(channel.Element(Dc + "title"))),
            Resolve(Text(Child(channel, "link", core)), channelBase), items) { Skipped = skipped };
    }

    private static FeedDocument ReadRdf(XElement rdf, Uri documentBase, HashSet<XNamespace> core)
    {
        var channel = Child(rdf, "channel", core);
        var entries = Children(rdf, "item", core).Concat(channel is null ? [] : Children(channel, "item", core)).ToList();
        var (items, skipped) = ReadEach(entries, item =>
        {
            var itemBase = BaseOf(item, documentBase);
            var about = (string?)item.Attribute(Rdf + "about") ?? (string?)item.Attribute("about");
            var (published, dateText) = Date(
                [item.Element(Dc + "date"), item.Element(DcTerms + "issued"), item.Element(DcTerms + "created"), Child(item, "pubDate", core)],
                [item.Element(DcTerms + "modified")]);
            return new FeedItem(
                about, PlainOrNull(Text(Child(item, "title", core)) ?? Text(item.Element(Dc + "title"))),
                Resolve(Text(Child(item, "link", core)), itemBase) ?? Resolve(about, itemBase), published, dateText,
                HtmlText.ToPlain(Text(Child(item, "description", core)) ?? Text(item.Element(Content + "encoded")) ?? Text(item.Element(Dc + "description")) ?? ""),
                Text(item.Element(Dc + "creator")));
        });
        return new FeedDocument("rss1", PlainOrNull(Text(Child(channel, "title", core)) ?? Text(channel?.Element(Dc + "title"))),
            Resolve(Text(Child(channel, "link", core)), documentBase), items) { Skipped = skipped };
    }

    private static FeedDocument ReadAtom(XElement feed, Uri feedBase, HashSet<XNamespace> core)
    {
        var (items, skipped) = ReadEach(Children(feed, "entry", core).ToList(), entry =>
        {
            var entryBase = BaseOf(entry, feedBase);
            var id = Text(Child(entry, "id", core));
            var (published, dateText) = Date(
                [Child(entry, "published", core), Child(entry, "issued", core), Child(entry, "created", core), entry.Element(Dc + "date"), entry.Element(DcTerms + "issued")],
                [Child(entry, "updated", core), Child(entry, "modified", core), entry.Element(DcTerms + "modified")]);
            var body = Child(entry, "summary", core) ?? Child(entry, "content", core);
            return new FeedItem(
                id, NullIfEmpty(AtomText(Child(entry, "title", core)) ?? PlainOrNull(Text(entry.Element(Dc + "title")))),
                AlternateLink(entry, entryBase, core) ?? AbsoluteHttp(id), published, dateText,
                AtomText(body) ?? "", Text(Child(Child(entry, "author", core), "name", core)) ?? Text(entry.Element(Dc + "creator")));
        });
        return new FeedDocument("atom", NullIfEmpty(AtomText(Child(feed, "title", core))), AlternateLink(feed, feedBase, core), items) { Skipped = skipped };
    }

    /// <summary>Each entry read on its own: whatever one holds costs only that one.</summary>
    private static (List<FeedItem> Items, List<SkippedItem> Skipped) ReadEach(IReadOnlyList<XElement> entries, Func<XElement, FeedItem> read)
    {
        var items = new List<FeedItem>(entries.Count);
        var skipped = new List<SkippedItem>();
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                items.Add(read(entries[i]));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                var reason = e is InvalidItemException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                skipped.Add(new SkippedItem(Monitor.Contracts.PlatformNames.News, null,
                    $"news: entry {i + 1}: {UnicodeText.Shorten(reason, 300)}", UnicodeText.Shorten(entries[i].ToString(), 4096)));
            }
        }
        return (items, skipped);
    }

    /// <summary>The first readable publication date, else the first readable update date; the text of the first one given.</summary>
    private static (DateTimeOffset? Published, string? Text) Date(XElement?[] published, XElement?[] updated)
    {
        string? firstText = null;
        foreach (var element in published.Concat(updated))
        {
            if (Text(element) is not { } text) continue;
            firstText ??= text;
            if (FeedDates.Parse(text) is { } date) return (date, text);
        }
        return (null, firstText);
    }

    /// <summary>
    /// Atom text constructs and content: "text" as is, "html" with tags stripped, "xhtml" as the text of its markup;
    /// Atom 0.3 <c>mode="escaped"</c>/<c>"xml"</c>/<c>"base64"</c>; base64 content (0.3, or a non-text media type in 1.0) decoded.
    /// </summary>
    private static string? AtomText(XElement? element)
    {
        if (element is null) return null;
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        var isHtml = type is "html" or "text/html" || mode == "escaped";
        var isXhtml = type is "xhtml" or "application/xhtml+xml" || (mode == "xml" && !isHtml);
        if (mode == "base64" || (type.Contains('/') && !type.StartsWith("text/", StringComparison.Ordinal) && !type.EndsWith("xml", StringComparison.Ordinal)))
        {
            var decoded = Base64Text(element.Value);
            return decoded is null ? null : isHtml || decoded.Contains('<') ? HtmlText.ToPlain(decoded) : decoded.Trim();
        }
        if (isXhtml) return HtmlText.ToPlain(string.Concat(element.Nodes().Select(n => n.ToString())));
        return isHtml ? HtmlText.ToPlain(element.Value) : element.Value.Trim();
    }

    /// <summary>Base64 that decodes to UTF-8 text; anything else (an image, binary, bad base64) is no text.</summary>
    private static string? Base64Text(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var bytes = new byte[compact.Length];
        if (!Convert.TryFromBase64String(compact, bytes, out var length)) return null;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes, 0, length);
            return text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Uri? AlternateLink(XElement parent, Uri parentBase, HashSet<XNamespace> core)
    {
        var link = Children(parent, "link", core).FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate" && l.Attribute("href") is not null);
        return link is null ? null : Resolve((string?)link.Attribute("href"), BaseOf(link, parentBase));
    }

    private static XElement? Child(XElement? parent, string localName, HashSet<XNamespace> core) =>
        parent is null ? null : Children(parent, localName, core).FirstOrDefault();

    private static IEnumerable<XElement> Children(XElement parent, string localName, HashSet<XNamespace> core) =>
        parent.Elements().Where(e => e.Name.LocalName == localName && core.Contains(e.Name.Namespace));

    /// <summary>The base URI in effect for an element: its own xml:base resolved against its parent's.</summary>
    private static Uri BaseOf(XElement element, Uri parentBase)
    {
        var xmlBase = (string?)element.Attribute(XNamespace.Xml + "base");
        return xmlBase is not null && Uri.TryCreate(parentBase, xmlBase.Trim(), out var resolved) ? resolved : parentBase;
    }

    private static Uri? Resolve(string? link, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(link) || link.Length > 4096) return null;
        return Uri.TryCreate(baseUri, link.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    /// <summary>An id that is itself an absolute http(s) URL (a permalink); a tag: or urn: id, or a relative one, is no link.</summary>
    private static Uri? AbsoluteHttp(string? id) =>
        id is not null && Uri.TryCreate(id.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? PlainOrNull(string? text) =>
        text is null ? null : HtmlText.ToPlain(text) is { Length: > 0 } plain ? plain : null;
}
