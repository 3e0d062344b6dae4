namespace Monitor.Hosting.Tests.Tracing;

/// <summary>A span as exported over OTLP, with the trace ids of its links (hex, lower case).</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string Name, IReadOnlyList<string> LinkedTraceIds);

/// <summary>
/// Reads the spans out of OTLP/HTTP protobuf bodies (ExportTraceServiceRequest): just the fields the tests
/// look at. resource_spans = 1 → scope_spans = 2 → spans = 2 → trace_id = 1, span_id = 2, name = 5,
/// links = 13 → trace_id = 1.
/// </summary>
public static class OtlpSpans
{
    public static IReadOnlyList<OtlpSpan> Read(IEnumerable<byte[]> bodies)
    {
        var spans = new List<OtlpSpan>();
        foreach (var body in bodies)
            foreach (var resourceSpans in Fields(body, 1))
                foreach (var scopeSpans in Fields(resourceSpans, 2))
                    foreach (var span in Fields(scopeSpans, 2))
                        spans.Add(ReadSpan(span));
        return spans;
    }

    private static OtlpSpan ReadSpan(ReadOnlyMemory<byte> span) => new(
        Convert.ToHexStringLower(Fields(span, 1).Single().Span),
        Convert.ToHexStringLower(Fields(span, 2).Single().Span),
        System.Text.Encoding.UTF8.GetString(Fields(span, 5).SingleOrDefault().Span),
        Fields(span, 13).Select(link => Convert.ToHexStringLower(Fields(link, 1).Single().Span)).ToArray());

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message, skipping every other field.</summary>
    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var bytes = message.Span;
        var at = 0;
        while (at < bytes.Length)
        {
            var key = ReadVarint(bytes, ref at);
            var (field, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0: ReadVarint(bytes, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)ReadVarint(bytes, ref at);
                    if (field == number) found.Add(message.Slice(at, length));
                    at += length;
                    break;
                default: throw new FormatException($"protobuf wire type {wireType} at byte {at} is not one OTLP uses");
            }
        }
        return found;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new FormatException("a protobuf varint longer than 10 bytes");
    }
}
