using System.Globalization;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// A log position as the alert list and stream hand it to clients (<c>position</c>, <c>id:</c>, <c>Last-Event-ID</c>,
/// <c>after=</c>): <c>&lt;transaction id&gt;-&lt;sequence id&gt;</c> in decimal. Clients keep it and give it back; they
/// need not read it. Parsing accepts only what <see cref="Format"/> writes (no sign, space or leading zero).
/// </summary>
internal static class StreamPosition
{
    public static string Format(GlobalPosition position) => $"{position.TxId}-{position.SeqId}";

    public static bool TryParse(string? text, out GlobalPosition position)
    {
        position = default;
        var dash = text?.IndexOf('-') ?? -1;
        if (dash < 1
            || !ulong.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var txId)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seqId))
            return false;
        position = new GlobalPosition(txId, seqId);
        return Format(position) == text;
    }

    /// <summary>What a client is told when its position cannot be read.</summary>
    public static string Problem(string text) =>
        $"'{text}' is not a position of the alert stream (<transaction id>-<sequence id>, as the stream's id: lines and the list's position give it)";
}
