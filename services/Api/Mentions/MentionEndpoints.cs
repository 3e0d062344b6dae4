using Monitor.Api.Querying;

namespace Monitor.Api.Mentions;

public static class MentionEndpoints
{
    public static void MapMentionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/mentions", async ([AsParameters] MentionFilterQuery query, string? page, string? pageSize, MentionQueries mentions, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var paging = Paging.Parse(page, pageSize, errors);
            if (errors.Any) return errors.ToResult();
            return Results.Ok(await mentions.SearchAsync(filter, paging, ct));
        })
        .WithName("SearchMentions").WithSummary("Mentions matching the filters, newest first, one page at a time.")
        .Produces<Paged<MentionView>>();

        api.MapGet("/mentions/export", async ([AsParameters] MentionFilterQuery query, string? format, HttpContext http, MentionQueries mentions, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var kind = (format ?? MentionExport.Csv).Trim().ToLowerInvariant();
            if (kind is not (MentionExport.Csv or MentionExport.JsonLines))
                errors.Add("format", $"'{format}' is not an export format; use csv or jsonl");
            if (errors.Any) return errors.ToResult();

            var response = http.Response;
            response.ContentType = kind == MentionExport.Csv ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"mentions.{kind}\"";
            await using var writer = new StreamWriter(response.Body, MentionExport.Utf8, bufferSize: 16 * 1024, leaveOpen: true);
            if (kind == MentionExport.Csv) await writer.WriteAsync(MentionExport.CsvHeaderRow());
            await foreach (var row in mentions.ExportAsync(filter, ct))
                await writer.WriteAsync(kind == MentionExport.Csv ? MentionExport.CsvRow(row) : MentionExport.JsonLine(row));
            await writer.FlushAsync(ct);
            return Results.Empty;
        })
        .WithName("ExportMentions").WithSummary("Every mention matching the filters, streamed as CSV (RFC 4180, header row) or JSON Lines.")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
    }
}
