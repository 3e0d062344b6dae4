using Monitor.Hosting.Access;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

public static class SubscriptionEndpoints
{
    public static void MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", async (CreateSubscriptionRequest request, HttpContext http, SubscriptionCommands commands, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (!caller.CanWrite) return CallerExtensions.Forbidden("Viewers cannot create subscriptions");
            var problems = SubscriptionCommands.Problems(request);
            if (problems.Count > 0)
                return Results.ValidationProblem(problems.GroupBy(p => p.Split(':')[0]).ToDictionary(g => g.Key, g => g.ToArray()));
            var state = await commands.CreateAsync(request, caller.Owner, ct);
            return Results.Created($"/api/subscriptions/{state.SubscriptionId}", Visible(state, caller));
        });

        // Analysts see only their own; admins and viewers read all. Secrets show only to admins and owners.
        api.MapGet("/subscriptions", (HttpContext http, SubscriptionRegistry registry) =>
        {
            var caller = http.Caller();
            return Results.Ok(registry.All()
                .Where(s => caller.Role != Roles.Analyst || s.Owner == caller.Owner)
                .OrderBy(s => s.CreatedAt)
                .Select(s => Visible(s, caller)));
        });

        api.MapGet("/subscriptions/{id:guid}", (Guid id, HttpContext http, SubscriptionRegistry registry) =>
            registry.Find(id) is { } s && (http.Caller().Role != Roles.Analyst || s.Owner == http.Caller().Owner)
                ? Results.Ok(Visible(s, http.Caller()))
                : Results.NotFound());

        api.MapPost("/subscriptions/{id:guid}/pause", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Change(id, http, registry, (s, by) => commands.PauseAsync(s, by, ct)));

        api.MapPost("/subscriptions/{id:guid}/resume", (Guid id, HttpContext http, SubscriptionRegistry registry, SubscriptionCommands commands, CancellationToken ct) =>
            Change(id, http, registry, (s, by) => commands.ResumeAsync(s, by, ct)));
    }

    private static async Task<IResult> Change(Guid id, HttpContext http, SubscriptionRegistry registry, Func<SubscriptionState, string, Task<SubscriptionState>> change)
    {
        var caller = http.Caller();
        // An analyst cannot tell another's subscription from a missing one.
        if (registry.Find(id) is not { } state || (caller.Role == Roles.Analyst && state.Owner != caller.Owner)) return Results.NotFound();
        if (!caller.CanChange(state.Owner)) return CallerExtensions.Forbidden("Viewers cannot change subscriptions");
        return Results.Ok(Visible(await change(state, caller.Owner), caller));
    }

    private static SubscriptionState Visible(SubscriptionState state, Caller caller) =>
        caller.IsAdmin || caller.Owner == state.Owner
            ? state
            : state with { Channels = state.Channels.Select(c => c with { Secret = c.Secret is null ? null : "(hidden)" }).ToArray() };
}
