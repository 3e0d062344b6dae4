using Monitor.Api.Querying;
using Monitor.Contracts;
using Monitor.Hosting.Access;

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

        api.MapPost("/mentions/{id:guid}/sentiment", async (Guid id, CorrectSentimentRequest request, HttpContext http, CorrectSentiment correct, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (!caller.CanWrite) return CallerExtensions.Forbidden("Viewers cannot correct sentiment");
            var errors = new QueryErrors();
            var label = request.Label?.Trim().ToLowerInvariant();
            if (label is null || !SentimentLabels.All.Contains(label))
                errors.Add("label", $"'{InputLimits.Printable(request.Label ?? "")}' is not a sentiment; use one of {string.Join(", ", SentimentLabels.All)}");
            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            if (note is { Length: > SentimentCorrected.MaxNoteLength })
                errors.Add("note", $"must be at most {SentimentCorrected.MaxNoteLength} characters, not {note.Length}");
            else if (InputLimits.TextProblem(note) is { } problem)
                errors.Add("note", problem);
            if (errors.Any) return errors.ToResult();

            var outcome = await correct.CorrectAsync(id, label!, note, caller, ct);
            return outcome.Status switch
            {
                CorrectionStatus.Stored when outcome.Correction is { } c => Results.Ok(new CorrectionView(c.Label, c.By, c.At, c.Note)),
                CorrectionStatus.NotScored => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: $"Mention {id} has no sentiment yet; correct it once it is scored"),
                CorrectionStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: $"Mention {id} kept changing while it was corrected; nothing was stored, send the correction again"),
                _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no mention {id}"),
            };
        })
        .WithName("CorrectSentiment")
        .WithSummary("Corrects a mention's sentiment label (admins and analysts). The corrected label counts everywhere from then on; a rescore never overwrites it.")
        .Produces<CorrectionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
