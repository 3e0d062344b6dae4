using Monitor.Api.Querying;
using Monitor.Hosting.Access;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (string? subscriptionId, string? acknowledged, string? page, string? pageSize, HttpContext http, AlertQueries alerts, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            Guid? subscription = null;
            if (!string.IsNullOrWhiteSpace(subscriptionId))
            {
                if (Guid.TryParse(subscriptionId, out var id)) subscription = id;
                else errors.Add("subscriptionId", $"'{subscriptionId}' is not a subscription id (a UUID)");
            }
            bool? ack = null;
            if (!string.IsNullOrWhiteSpace(acknowledged))
            {
                if (bool.TryParse(acknowledged, out var value)) ack = value;
                else errors.Add("acknowledged", $"must be true or false, not '{acknowledged}'");
            }
            var paging = Paging.Parse(page, pageSize, errors);
            var caller = http.Caller();
            return errors.Any ? errors.ToResult()
                : Results.Ok(await alerts.ListAsync(subscription, ack, paging, ct, owner: caller.CanSee(null) ? null : caller.Owner));
        })
        .WithName("ListAlerts").WithSummary("Raised alerts, newest first, with acknowledgement and delivery failures; the open count over all alerts (filters aside); and the position the list is current to (for the stream's after=), all read in one snapshot. Analysts see only the alerts of their own subscriptions.")
        .Produces<AlertList>();

        api.MapPost("/alerts/{id:guid}/ack", async (Guid id, HttpContext http, AcknowledgeAlert acknowledge, AlertOwners owners, CancellationToken ct) =>
        {
            var caller = http.Caller();
            // To an analyst, another's alert does not exist.
            return await owners.MaySeeAsync(caller, id, ct) && await acknowledge.AcknowledgeAsync(id, caller, ct) is { } ack
                ? Results.Ok(ack)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no alert {id}");
        })
        .RequireRole(AccessPolicies.Writer, "Viewers cannot acknowledge alerts")
        .WithName("AcknowledgeAlert").WithSummary("Takes charge of an alert (analysts: of their own subscriptions; admins). The first acknowledgement stands.")
        .Produces<AlertAcknowledgement>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapAlertStream();
    }
}
