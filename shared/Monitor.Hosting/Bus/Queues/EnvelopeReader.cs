using System.Text.Json;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// Reads the message out of MassTransit's JSON envelope (content type application/vnd.masstransit+json,
/// the message under "message"), as the feeds and the relay write it. Also takes a bare JSON message
/// (application/json). Anything else is an <see cref="UnreadableMessageException"/> saying what was wrong.
/// </summary>
public static class EnvelopeReader
{
    public const string EnvelopeContentType = "application/vnd.masstransit+json";
    public const string JsonContentType = "application/json";

    /// <summary>As MassTransit's serializer reads: camelCase or any case, numbers also from strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static TMessage Read<TMessage>(ReadOnlyMemory<byte> body, string? contentType)
    {
        var type = contentType ?? EnvelopeContentType;
        if (type is not (EnvelopeContentType or JsonContentType))
            throw new UnreadableMessageException($"content type '{type}' is not {EnvelopeContentType} or {JsonContentType}");
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new UnreadableMessageException($"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            var message = root;
            if (type == EnvelopeContentType && !root.TryGetProperty("message", out message))
                throw new UnreadableMessageException("the envelope has no \"message\"");
            return message.Deserialize<TMessage>(Options)
                   ?? throw new UnreadableMessageException($"the message is null, not a {typeof(TMessage).Name}");
        }
        catch (Exception e) when (e is not UnreadableMessageException)
        {
            throw new UnreadableMessageException($"not a readable {typeof(TMessage).Name}: {e.Message}", e);
        }
    }
}
