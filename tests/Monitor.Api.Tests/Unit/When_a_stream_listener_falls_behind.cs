using Monitor.Api.Alerts;
using Monitor.EventStore;

namespace Monitor.Api.Tests.Unit;

public class When_a_stream_listener_falls_behind
{
    private static readonly GlobalPosition Joined = new(100, 1);

    [Fact]
    public async Task It_gets_every_event_kept_for_it_then_its_stream_ends()
    {
        using var listener = new AlertListener(Joined, _ => { }) { Skips = _ => false };
        for (var i = 1; i <= AlertListener.Capacity + 5; i++)
            listener.Offer(At(i), [Message(i)]);

        var read = await ReadAllAsync(listener);

        Assert.Equal(Enumerable.Range(1, AlertListener.Capacity).Select(Message), read);
    }

    [Fact]
    public async Task One_event_with_more_messages_than_the_capacity_is_one_pending_event()
    {
        using var listener = new AlertListener(Joined, _ => { });
        var release = Enumerable.Range(1, AlertListener.Capacity * 2).Select(Message).ToArray();
        listener.Offer(At(1), release);
        listener.Offer(At(2), [Message(0)]);
        listener.Dispose();

        var read = await ReadAllAsync(listener);

        Assert.Equal([.. release, Message(0)], read);
    }

    [Fact]
    public async Task Events_it_skips_are_not_read()
    {
        using var listener = new AlertListener(Joined, _ => { });
        for (var i = 1; i <= 4; i++) listener.Offer(At(i), [Message(i)]);
        listener.Skips = position => position <= At(2);
        listener.Dispose();

        Assert.Equal([Message(3), Message(4)], await ReadAllAsync(listener));
    }

    [Fact]
    public async Task Events_it_will_skip_do_not_count_towards_falling_behind()
    {
        // a client that connects while the follower still hands out a backlog stored before it connected
        using var listener = new AlertListener(Joined, _ => { });
        var backlog = AlertListener.Capacity * 2;
        for (var i = 1; i <= backlog / 2; i++) listener.Offer(At(i), [Message(i)]); // before it knows what it saw
        listener.Skips = position => position <= At(backlog);
        for (var i = backlog / 2 + 1; i <= backlog; i++) listener.Offer(At(i), [Message(i)]);
        for (var i = backlog + 1; i <= backlog + 3; i++) listener.Offer(At(i), [Message(i)]);
        listener.Dispose();

        Assert.Equal([Message(backlog + 1), Message(backlog + 2), Message(backlog + 3)], await ReadAllAsync(listener));
    }

    [Fact]
    public async Task Reading_makes_room_for_more()
    {
        using var listener = new AlertListener(Joined, _ => { }) { Skips = _ => false };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = new List<AlertStreamMessage>();
        for (var i = 1; i <= AlertListener.Capacity * 3; i++)
        {
            listener.Offer(At(i), [Message(i)]);
            read.Add((await listener.ReadAsync(timeout.Token))!);
        }

        Assert.Equal(Enumerable.Range(1, AlertListener.Capacity * 3).Select(Message), read);
    }

    [Fact]
    public void Disposing_it_takes_it_off_its_stream()
    {
        AlertListener? left = null;
        var listener = new AlertListener(Joined, l => left = l);

        listener.Dispose();

        Assert.Same(listener, left);
    }

    private static GlobalPosition At(int n) => new(Joined.TxId + (ulong)n, n);

    private static AlertStreamMessage Message(int n) => new($"event: alert\nid: {n}\ndata: {{}}\n\n");

    private static async Task<IReadOnlyList<AlertStreamMessage>> ReadAllAsync(AlertListener listener)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = new List<AlertStreamMessage>();
        while (await listener.ReadAsync(timeout.Token) is { } message) read.Add(message);
        return read;
    }
}
