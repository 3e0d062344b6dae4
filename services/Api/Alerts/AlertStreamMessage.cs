using System.Text.Json;

namespace Monitor.Api.Alerts;

/// <summary>
/// One server-sent event of the alert stream, written out once and handed to every listener. The JSON is
/// written without indentation, so it never holds a line break and fits on one <c>data:</c> line.
/// </summary>
/// <param name="Text">The event as it goes on the wire, blank line included.</param>
internal sealed record AlertStreamMessage(string Text)
{
    public const string AlertEvent = "alert";
    public const string UpdatedEvent = "alert-updated";

    /// <summary><c>event: alert</c>, with the alert id as the event id: the shape clients have always read.</summary>
    public static AlertStreamMessage Raised(AlertView alert) =>
        new($"event: {AlertEvent}\nid: {alert.Id}\ndata: {JsonSerializer.Serialize(alert, JsonSerializerOptions.Web)}\n\n");

    public static AlertStreamMessage Updated(AlertUpdate update) =>
        new($"event: {UpdatedEvent}\ndata: {JsonSerializer.Serialize(update, JsonSerializerOptions.Web)}\n\n");
}
