using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Access;

namespace Monitor.Alerts.Subscriptions;

public static class SubscriptionEndpoints
{
    public static void MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", async (HttpContext http, SubscriptionCommands commands, CancellationToken ct) =>
        {
            var caller = http.Caller();
            var (request, unreadable) = await RequestBody.ReadAsync<CreateSubscriptionRequest>(http);
            if (request is null) return unreadable!;
            var problems = SubscriptionValidation.Create(request);
            if (problems.Count > 0) return SubscriptionValidation.AsResult(problems);
            var state = await commands.CreateAsync(request, caller.Owner, ct);
            http.Response.Headers.ETag = SubscriptionVersions.ETag(state);
            return Results.Created($"/api/subscriptions/{state.SubscriptionId}", Visible(state, caller));
        })
        .RequireRole(AccessPolicies.Writer, "Viewers cannot create subscriptions");

        // Analysts see only their own; admins and viewers read all. Secrets show only to admins.
        api.MapGet("/subscriptions", (HttpContext http, SubscriptionRegistry registry) =>
        {
            var caller = http.Caller();
            return Results.Ok(registry.All()
                .Where(s => caller.CanSee(s.Owner))
                .OrderBy(s => s.CreatedAt)
                .Select(s => Visible(s, caller)));
        });

        api.MapGet("/subscriptions/{id:guid}", (Guid id, HttpContext http, SubscriptionRegistry registry) =>
        {
            if (registry.Find(id) is not { Archived: false } s || !http.Caller().CanSee(s.Owner)) return Results.NotFound();
            http.Response.Headers.ETag = SubscriptionVersions.ETag(s);
            return Results.Ok(Visible(s, http.Caller()));
        });

        api.MapPost("/subscriptions/{id:guid}/pause", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Change(id, http, registry, _ => [], (s, by, v) => commands.PauseAsync(s, by, v, ct)));

        // Deleting archives it (SubscriptionArchived): it raises nothing from now on, is not listed and answers 404.
        api.MapDelete("/subscriptions/{id:guid}", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Change(id, http, registry, _ => [], (s, by, v) => commands.ArchiveAsync(s, by, v, ct)));

        api.MapPost("/subscriptions/{id:guid}/resume", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Change(id, http, registry, _ => [], (s, by, v) => commands.ResumeAsync(s, by, v, ct)));

        // Edits: each replaces one part as a whole. If-Match: "<version>" (the ETag of GET) makes a stale write a 409.
        api.MapPut("/subscriptions/{id:guid}/name", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<RenameRequest>(id, http, registry, (request, _) => SubscriptionValidation.Name(request.Name),
                (request, s, by, v) => commands.RenameAsync(s, request.Name!, by, v, ct)));

        api.MapPut("/subscriptions/{id:guid}/rules", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<RulesRequest>(id, http, registry, (request, _) => SubscriptionValidation.Rules(request.Rules),
                (request, s, by, v) => commands.ChangeRulesAsync(s, request.Rules!, by, v, ct)));

        api.MapPut("/subscriptions/{id:guid}/scope", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<ScopeRequest>(id, http, registry,
                (request, _) => request.Scope is null ? ["scope: is required (an empty scope watches everything)"] : SubscriptionValidation.Scope(request.Scope),
                (request, s, by, v) => commands.ChangeScopeAsync(s, request.Scope!, by, v, ct)));

        api.MapPut("/subscriptions/{id:guid}/channels", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<ChannelsRequest>(id, http, registry, (request, _) => SubscriptionValidation.Channels(request.Channels),
                (request, s, by, v) => commands.ChangeChannelsAsync(s, request.Channels ?? [], by, v, ct)));

        api.MapPut("/subscriptions/{id:guid}/quiet-hours", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<QuietHoursRequest>(id, http, registry, (request, s) => SubscriptionValidation.QuietHours(request.QuietHours, s.DigestAt),
                (request, s, by, v) => commands.ChangeQuietHoursAsync(s, request.QuietHours, by, v, ct)));

        api.MapPut("/subscriptions/{id:guid}/digest", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Edit<DigestRequest>(id, http, registry, (request, s) => DigestProblems(s, request),
                (request, s, by, v) => commands.ChangeDigestAsync(s, request.DigestAt, request.TimeZone, by, v, ct)));
    }

    /// <summary>An edit with a body: read it (a field of the wrong type is a 400 naming it), then change as <see cref="Change"/>.</summary>
    private static async Task<IResult> Edit<TRequest>(Guid id, HttpContext http, SubscriptionRegistry registry,
        Func<TRequest, SubscriptionState, IEnumerable<string>> problems,
        Func<TRequest, SubscriptionState, string, long?, Task<SubscriptionState>> change) where TRequest : class
    {
        var (request, unreadable) = await RequestBody.ReadAsync<TRequest>(http);
        if (request is null) return unreadable!;
        return await Change(id, http, registry, s => problems(request, s), (s, by, v) => change(request, s, by, v));
    }

    private static IEnumerable<string> DigestProblems(SubscriptionState state, DigestRequest request)
    {
        if (request.DigestAt is null && state.QuietHours is not null)
            return ["digestAt: the quiet hours hold alerts for the digest; remove them (PUT .../quiet-hours with null) before stopping it"];
        return SubscriptionValidation.Digest(request.TimeZone);
    }

    private static async Task<IResult> Change(Guid id, HttpContext http, SubscriptionRegistry registry,
        Func<SubscriptionState, IEnumerable<string>> problems, Func<SubscriptionState, string, long?, Task<SubscriptionState>> change)
    {
        var caller = http.Caller();
        // An analyst cannot tell another's subscription from a missing one.
        if (registry.Find(id) is not { Archived: false } state || !caller.CanSee(state.Owner)) return Results.NotFound();
        if (!caller.CanChange(state.Owner)) return CallerExtensions.Forbidden("Viewers cannot change subscriptions");
        if (!SubscriptionVersions.TryParseIfMatch(http.Request.Headers.IfMatch, out var expected))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["If-Match"] = [$"'{http.Request.Headers.IfMatch}' is not a subscription version; send the ETag of GET /api/subscriptions/{id}, e.g. \"3\""],
            });
        var found = problems(state).ToArray();
        if (found.Length > 0) return SubscriptionValidation.AsResult(found);
        try
        {
            var next = await change(state, caller.Owner, expected);
            http.Response.Headers.ETag = SubscriptionVersions.ETag(next);
            return Results.Ok(Visible(next, caller));
        }
        catch (ConcurrencyException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The subscription changed since you read it; nothing was changed.",
                detail: $"You sent version {e.Expected}, it is at version {e.ActualVersion}. Read it again (GET) and re-apply your change.");
        }
    }

    /// <summary>Channel secrets, and the credentials inside channel targets, are shown to admins only.</summary>
    private static SubscriptionState Visible(SubscriptionState state, Caller caller) =>
        caller.IsAdmin ? state : state with { Channels = state.Channels.Select(SecretMask.Channel).ToArray() };
}
