using System.Text.Json;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// Reads the message out of MassTransit's JSON envelope (content type application/vnd.masstransit+json,
/// the message under "message", its types under "messageType"), as the feeds and the relay write it.
/// Also takes a bare JSON message (application/json). Anything else is an <see cref="UnreadableMessageException"/>
/// saying what was wrong.
/// </summary>
public static class EnvelopeReader
{
    public const string EnvelopeContentType = "application/vnd.masstransit+json";
    public const string JsonContentType = "application/json";

    /// <summary>As MassTransit's serializer reads: camelCase or any case, numbers also from strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <param name="expectedType">
    /// The message type's URN (urn:message:Monitor.Contracts:CoverageIngested): an envelope whose
    /// "messageType" lists others only is another message, not this one read with its fields missing.
    /// </param>
    public static TMessage Read<TMessage>(ReadOnlyMemory<byte> body, string? contentType, string? expectedType = null)
    {
        var type = MediaType(contentType);
        if (type is not (EnvelopeContentType or JsonContentType))
            throw new UnreadableMessageException($"content type '{contentType}' is not {EnvelopeContentType} or {JsonContentType}");
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new UnreadableMessageException($"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            var message = root;
            if (type == EnvelopeContentType)
            {
                if (!root.TryGetProperty("message", out message))
                    throw new UnreadableMessageException("the envelope has no \"message\"");
                if (expectedType is not null && root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                    && types.GetArrayLength() > 0 && !types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.ValueEquals(expectedType)))
                    throw new UnreadableMessageException($"the envelope carries {types.GetRawText()}, not {expectedType}");
            }
            return message.Deserialize<TMessage>(Options)
                   ?? throw new UnreadableMessageException($"the message is null, not a {typeof(TMessage).Name}");
        }
        catch (Exception e) when (e is not UnreadableMessageException)
        {
            throw new UnreadableMessageException($"not a readable {typeof(TMessage).Name}: {e.Message}", e);
        }
    }

    /// <summary>"application/json; charset=utf-8" -> "application/json"; no content type reads as the envelope.</summary>
    private static string MediaType(string? contentType) =>
        contentType is null ? EnvelopeContentType : contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
}
