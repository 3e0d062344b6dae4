using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Reads a subscription request's JSON body. A body that is not JSON, or whose field has the wrong type, is a
/// 400 naming the field ("rules[0].window"), as every other problem of a subscription write is.
/// </summary>
public static class RequestBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http) where T : class
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
            return value is null ? (null, Refused("$", "the body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$').TrimStart('.');
            return (null, Refused(field, $"cannot be read: {Reason(e)}"));
        }
    }

    private static IResult Refused(string field, string problem) =>
        SubscriptionValidation.AsResult([$"{field}: {problem}"]);

    // The serializer's message ends with where it stopped ("Path: $.x | LineNumber: 0 | ..."): the field says that already.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
