using Monitor.Api.Alerts;
using Monitor.EventStore;

namespace Monitor.Api.Tests.Unit;

public class When_telling_what_a_client_saw_on_connecting
{
    // Connected while transactions 105 and 108 were open; 110 was not yet begun.
    private static readonly LogSnapshot Connected = new(Xmin: 105, Xmax: 110, InProgress: new HashSet<ulong> { 105, 108 });

    [Theory]
    [InlineData(104UL, true)]  // older than every open transaction
    [InlineData(105UL, false)] // still open: commits after connecting
    [InlineData(106UL, true)]  // committed while an older one was open
    [InlineData(108UL, false)]
    [InlineData(109UL, true)]
    [InlineData(110UL, false)] // begun after connecting
    [InlineData(250UL, false)]
    public void Saw_an_event_only_when_its_transaction_had_committed(ulong txId, bool saw)
    {
        Assert.Equal(saw, Connected.Saw(new GlobalPosition(txId, 1)));
    }
}
