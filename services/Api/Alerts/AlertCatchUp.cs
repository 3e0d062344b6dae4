using System.Runtime.CompilerServices;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// What a client that resumes the alert stream missed: the alert events after its position up to where the live
/// feed took over (<see cref="AlertListener.Published"/>), read from the log in pages and written as the live feed
/// writes them. Too much to catch up, or a position the log never reached (a log reset since), and the client is
/// told to reload its list instead.
/// </summary>
internal sealed class AlertCatchUp(EventStore.EventStore store, AlertMessages messages)
{
    /// <summary>The most alert events a client is brought up to date with; beyond it, it reloads.</summary>
    public const int Limit = 10_000;

    private const int PageSize = 100;

    /// <summary>Whether the client resuming after <paramref name="after"/> should reload its list rather than catch up to <paramref name="upTo"/>.</summary>
    public async Task<bool> ReloadInsteadAsync(GlobalPosition after, GlobalPosition upTo, CancellationToken ct)
    {
        await using var cmd = store.DataSource.CreateCommand(after > upTo
            ? $"SELECT NOT EXISTS (SELECT 1 FROM {store.Schema}.mt_events WHERE seq_id >= $1)"
            : $"""
              SELECT count(*) > {Limit} FROM (
                  SELECT 1 FROM {store.Schema}.mt_events
                  WHERE seq_id > $1 AND seq_id <= $2 AND type = ANY($3)
                  LIMIT {Limit + 1}) AS missed
              """);
        cmd.Parameters.AddWithValue(after.SeqId);
        if (after <= upTo)
        {
            cmd.Parameters.AddWithValue(upTo.SeqId);
            cmd.Parameters.AddWithValue(AlertMessages.EventTypes);
        }
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The messages of the alert events in (<paramref name="after"/>, <paramref name="upTo"/>], in log order.</summary>
    public async IAsyncEnumerable<AlertStreamMessage> ReadAsync(GlobalPosition after, GlobalPosition upTo, [EnumeratorCancellation] CancellationToken ct)
    {
        var position = after;
        while (position < upTo)
        {
            var page = (await store.ReadAllAsync(position, PageSize, includeArchived: true, AlertMessages.EventTypes, ct))
                .TakeWhile(e => e.Position <= upTo).ToArray();
            if (page.Length == 0) yield break;
            foreach (var (_, eventMessages) in await messages.OfAsync(page, ct))
            foreach (var message in eventMessages)
                yield return message;
            position = page[^1].Position;
        }
    }
}
