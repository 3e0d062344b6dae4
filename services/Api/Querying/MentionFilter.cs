using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Monitor.Contracts;
using NpgsqlTypes;
using Npgsql;

namespace Monitor.Api.Querying;

/// <summary>The filters every mention query takes, as they come in the query string (repeat platform and entity for several).</summary>
public sealed record MentionFilterQuery(
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "platform")] string[]? Platform,
    [property: FromQuery(Name = "entity")] string[]? Entity,
    [property: FromQuery(Name = "sentiment")] string? Sentiment,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "cluster")] string? Cluster);

/// <summary>
/// The common filters, checked: <c>from</c> inclusive and <c>to</c> exclusive (ISO 8601; without an offset, UTC;
/// from 1990-01-01 to a day after now, <see cref="InputLimits"/>), platforms, entities (gazetteer id or name, any of
/// them), sentiment label, text (substring, case-insensitive) and cluster. No text may hold a control character.
/// </summary>
internal sealed record MentionFilter(
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> Entities,
    string? Sentiment,
    string? Text,
    string? Cluster)
{
    public const int MaxTextLength = 200;

    private static readonly IReadOnlyList<string> Labels = SentimentLabels.All;

    /// <summary>Only from, to and platform: what the per-minute timeline can answer by itself.</summary>
    public bool OnlyTimeAndPlatform => Entities.Count == 0 && Sentiment is null && Text is null && Cluster is null;

    public static MentionFilter Parse(MentionFilterQuery query, QueryErrors errors, DateTimeOffset now)
    {
        var from = ParseTime("from", query.From, errors, now);
        var to = ParseTime("to", query.To, errors, now);
        if (from is not null && to is not null && to <= from) errors.Add("to", $"must be later than from ({from:O})");

        var platforms = Clean(query.Platform);
        foreach (var unknown in platforms.Where(p => !PlatformNames.IsKnown(p)))
            errors.Add("platform", $"'{unknown}' is not a platform; use one of {string.Join(", ", PlatformNames.All)}");

        var sentiment = Blank(query.Sentiment)?.ToLowerInvariant();
        if (sentiment is not null && !Labels.Contains(sentiment))
            errors.Add("sentiment", $"'{query.Sentiment}' is not a sentiment; use one of {string.Join(", ", Labels)}");

        var text = Blank(query.Q);
        if (text is { Length: > MaxTextLength }) errors.Add("q", $"must be at most {MaxTextLength} characters");
        PlainText("q", query.Q, errors);
        PlainText("cluster", query.Cluster, errors);
        foreach (var value in query.Platform ?? []) PlainText("platform", value, errors);
        foreach (var value in query.Entity ?? []) PlainText("entity", value, errors);

        return new MentionFilter(from, to, platforms, Clean(query.Entity).Select(e => e.ToLowerInvariant()).ToArray(), sentiment, text, Blank(query.Cluster));
    }

    /// <summary>Adds the filter's conditions on the rm_mentions row <paramref name="m"/>.</summary>
    public SqlWhere Apply(SqlWhere where, string m = "m", bool entities = true)
    {
        where.And($"{m}.published_at IS NOT NULL");
        if (From is { } from) where.And($"{m}.published_at >= {where.Add(from)}");
        if (To is { } to) where.And($"{m}.published_at < {where.Add(to)}");
        if (Platforms.Count > 0) where.And($"{m}.platform = ANY({where.Add(TextArray(Platforms))})");
        if (entities && Entities.Count > 0) where.And($"{m}.entity_keys && {where.Add(TextArray(Entities))}");
        if (Sentiment is not null) where.And($"{m}.sentiment_label = {where.Add(Sentiment)}");
        if (Text is not null) where.And($"{m}.search_text ILIKE {where.Add("%" + EscapeLike(Text) + "%")}");
        if (Cluster is not null) where.And($"{m}.cluster_id = {where.Add(Cluster)}");
        return where;
    }

    public static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    internal static DateTimeOffset? ParseTime(string field, string? value, QueryErrors errors, DateTimeOffset now)
    {
        if (Blank(value) is not { } text) return null;
        // TryParse alone also takes "10:00" (today) or "3/4"; an ISO 8601 time starts with a full date.
        if (text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            if (InputLimits.IsInRange(at, now)) return at;
            errors.Add(field, $"'{value}' {InputLimits.RangeText(now)}");
            return null;
        }
        errors.Add(field, $"'{InputLimits.Printable(value!)}' is not an ISO 8601 time such as 2024-03-28T10:00:00Z");
        return null;
    }

    /// <summary>Refuses a control character (a NUL from %00, ...) or a broken surrogate in a text parameter.</summary>
    internal static void PlainText(string field, string? value, QueryErrors errors)
    {
        if (InputLimits.TextProblem(value) is { } problem) errors.Add(field, problem);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] Clean(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
