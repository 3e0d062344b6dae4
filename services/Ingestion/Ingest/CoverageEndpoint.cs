using System.Text.Json;
using Monitor.EventStore.Resilience;
using Monitor.Hosting.Configuration;

namespace Monitor.Ingestion.Ingest;

/// <summary>POST /api/coverage: HTTP push of one coverage item or a batch.</summary>
public static class CoverageEndpoint
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapPost("/api/coverage", PostAsync)
            .Accepts<JsonElement>("application/json")
            .Produces<IngestSummary>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, IngestCoverage ingest, MonitorSettings settings,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > settings.IngestionMaxBodyBytes) return TooLarge(settings);

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings);
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [$"the body is not valid JSON: {e.Message}"] },
                title: "The coverage could not be read.");
        }

        using (body)
        {
            var parsed = CoverageRequest.Read(body.RootElement, clock.GetUtcNow());
            if (parsed.Errors.Any)
                return Results.ValidationProblem(parsed.Errors.ToDictionary(),
                    title: "The coverage is invalid; nothing was stored.",
                    detail: "Every field listed under 'errors' must be corrected. A batch is accepted only as a whole.");

            IngestSummary summary;
            try
            {
                summary = await ingest.HandleAsync(parsed.Items, ct);
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                return StoreUnavailable();
            }
            catch (CoverageContendedException e)
            {
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                return Contended(e);
            }
            return Results.Json(summary, statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>
    /// The database is restarting or failing over (the store's own retries are spent). The client
    /// learns why and when to come back; sending the same batch again is safe, since ingestion is
    /// idempotent, whether or not any of it was stored.
    /// </summary>
    private static IResult StoreUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The event store is unavailable.",
        detail: $"The coverage may not have been stored. Send the same batch again after {RetryAfterSeconds} s; items already stored are recognised.",
        extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = RetryAfterSeconds });

    /// <summary>Other requests kept writing the same items; sending the batch again is just as safe.</summary>
    private static IResult Contended(CoverageContendedException e) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The items are being written by other requests.",
        detail: $"{e.Message} Send the same batch again after {RetryAfterSeconds} s; items already stored are recognised.",
        extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = RetryAfterSeconds });

    private const int RetryAfterSeconds = 5;

    private static IResult TooLarge(MonitorSettings settings) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"At most {settings.IngestionMaxBodyBytes} bytes are accepted ({MonitorSettings.MaxBodyBytesVariable}); split the batch.");
}
