using Monitor.Api.Alerts;
using Monitor.EventStore;

namespace Monitor.Api.Tests.Unit;

public sealed class When_telling_what_a_client_saw_on_connecting
{
    private static readonly LogSnapshot Connected = new(Mark: 100, CommittedAbove: new HashSet<long> { 102, 105 });

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, true)]
    [InlineData(101, false)] // a sequence number whose transaction was still open
    [InlineData(102, true)]  // committed above the mark before the client connected
    [InlineData(105, true)]
    [InlineData(106, false)]
    public void Should_count_what_was_at_or_below_the_mark_or_visible_above_it(long sequence, bool saw) =>
        Assert.Equal(saw, Connected.Saw(new GlobalPosition(0, sequence)));
}
