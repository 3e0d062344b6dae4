using System.Runtime.CompilerServices;
using System.Text.Json;
using Monitor.Api.Querying;
using Monitor.ReadModels;
using Monitor.ReadModels.Mentions;
using Npgsql;

namespace Monitor.Api.Mentions;

/// <summary>Searches rm_mentions: newest first, ties broken by id so pages never overlap.</summary>
internal sealed class MentionQueries(NpgsqlDataSource dataSource, ReadModelCatalogue readModels)
{
    public const int SnippetLength = 280;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns =
        "m.id, m.platform, m.url, m.author_name, m.author_followers, m.published_at, m.title, m.body, m.language, m.entities, " +
        "m.keywords, m.cluster_id, m.reach, m.sentiment_label, m.sentiment_score, m.sentiment_confidence, m.sentiment_model, m.sentiment_phrases, " +
        "m.sentiment_model_label, m.sentiment_corrected_by, m.sentiment_corrected_at, m.sentiment_correction_note";

    private string Table => readModels.Mentions.Table;

    public async Task<Paged<MentionView>> SearchAsync(MentionFilter filter, Paging paging, CancellationToken ct)
    {
        var where = filter.Apply(new SqlWhere());
        long total;
        await using (var count = where.Command(dataSource, $"SELECT count(*) FROM {Table} m {where}"))
            total = (long)(await count.ExecuteScalarAsync(ct))!;

        var items = new List<MentionView>(paging.PageSize);
        var limit = where.Add(paging.PageSize);
        var offset = where.Add(paging.Offset);
        await using var cmd = where.Command(dataSource,
            $"SELECT {Columns} FROM {Table} m {where} ORDER BY m.published_at DESC, m.id DESC LIMIT {limit} OFFSET {offset}");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) items.Add(Read(reader).Mention);
        return new Paged<MentionView>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>Every match, in the search's order, read row by row (an export may be large).</summary>
    public async IAsyncEnumerable<MentionExportRow> ExportAsync(MentionFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var where = filter.Apply(new SqlWhere());
        await using var cmd = where.Command(dataSource, $"SELECT {Columns} FROM {Table} m {where} ORDER BY m.published_at DESC, m.id DESC");
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct)) yield return Read(reader);
    }

    /// <summary>Titles of coverage items, for alerts that point at them.</summary>
    public async Task<IReadOnlyDictionary<Guid, string?>> TitlesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var titles = new Dictionary<Guid, string?>();
        if (ids.Count == 0) return titles;
        await using var cmd = dataSource.CreateCommand($"SELECT id, coalesce(title, left(body, 80)) FROM {Table} WHERE id = ANY($1)");
        cmd.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) titles[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return titles;
    }

    private static MentionExportRow Read(NpgsqlDataReader r)
    {
        // SequentialAccess: columns are read in order, each once.
        var id = r.GetGuid(0);
        var platform = r.IsDBNull(1) ? null : r.GetString(1);
        var url = r.IsDBNull(2) ? null : r.GetString(2);
        var author = r.IsDBNull(3) ? null : r.GetString(3);
        long? followers = r.IsDBNull(4) ? null : r.GetInt64(4);
        DateTimeOffset? published = r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5);
        var title = r.IsDBNull(6) ? null : r.GetString(6);
        var body = r.IsDBNull(7) ? "" : r.GetString(7);
        var language = r.IsDBNull(8) ? null : r.GetString(8);
        var entities = JsonSerializer.Deserialize<MentionEntity[]>(r.GetString(9), Json)!;
        var keywords = r.GetFieldValue<string[]>(10);
        var cluster = r.IsDBNull(11) ? null : r.GetString(11);
        var reach = r.GetInt64(12);
        SentimentView? sentiment = null;
        // A correction without a score yet (the log puts scores first, but a row is filled event by event) shows nothing.
        var label = r.IsDBNull(13) ? null : r.GetString(13);
        if (label is not null && !r.IsDBNull(14))
        {
            var score = r.GetDouble(14);
            var confidence = r.GetDouble(15);
            var model = r.GetString(16);
            var phrases = JsonSerializer.Deserialize<MentionPhrase[]>(r.GetString(17), Json)!;
            var modelLabel = r.IsDBNull(18) ? label : r.GetString(18);
            var correction = r.IsDBNull(19) ? null
                : new CorrectionView(label, r.GetString(19), r.GetFieldValue<DateTimeOffset>(20), r.IsDBNull(21) ? null : r.GetString(21));
            sentiment = new SentimentView(label, score, confidence, model, phrases.Select(p => new PhraseView(p.Text, p.Weight)).ToArray(), modelLabel, correction);
        }

        var mention = new MentionView(id, platform, url, author, followers, published, title, Snippet(body), language,
            entities.Select(e => new EntityView(e.Id, e.Name, e.Type)).ToArray(), keywords, cluster, reach, sentiment);
        return new MentionExportRow(mention, body);
    }

    private static string Snippet(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (oneLine.Length <= SnippetLength) return oneLine;
        var cut = char.IsHighSurrogate(oneLine[SnippetLength - 1]) ? SnippetLength - 1 : SnippetLength;
        return oneLine[..cut] + "…";
    }
}
