using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Api.Mentions;

/// <summary>Writes exported mentions as CSV (RFC 4180, with a header row) or JSON Lines.</summary>
internal static class MentionExport
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";

    public static readonly string[] CsvHeader =
    [
        "id", "platform", "url", "author", "authorFollowers", "publishedAt", "title", "text", "language", "entities", "keywords",
        "clusterId", "reach", "sentimentLabel", "sentimentScore", "sentimentConfidence", "modelVersion",
        "modelLabel", "correctedBy",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string CsvRow(MentionExportRow row)
    {
        var m = row.Mention;
        string?[] fields =
        [
            m.Id.ToString(), m.Platform, m.Url, m.Author, m.AuthorFollowers?.ToString(CultureInfo.InvariantCulture),
            m.PublishedAt?.ToString("O", CultureInfo.InvariantCulture), m.Title, row.Text, m.Language,
            string.Join("; ", m.Entities.Select(e => e.Name)), string.Join("; ", m.Keywords), m.ClusterId,
            m.Reach.ToString(CultureInfo.InvariantCulture), m.Sentiment?.Label,
            m.Sentiment?.Score.ToString("R", CultureInfo.InvariantCulture), m.Sentiment?.Confidence.ToString("R", CultureInfo.InvariantCulture),
            m.Sentiment?.ModelVersion, m.Sentiment?.ModelLabel, m.Sentiment?.Correction?.By,
        ];
        return string.Join(',', fields.Select(Quote)) + "\r\n";
    }

    public static string CsvHeaderRow() => string.Join(',', CsvHeader) + "\r\n";

    /// <summary>One line: the mention as the list shows it, with <c>text</c>, the whole text, added.</summary>
    public static string JsonLine(MentionExportRow row)
    {
        var node = JsonSerializer.SerializeToNode(row.Mention, Json)!.AsObject();
        node["text"] = row.Text;
        return node.ToJsonString(Json) + "\n";
    }

    // RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
    }

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
