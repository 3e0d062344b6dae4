using Monitor.Api.Alerts;
using Monitor.EventStore;

namespace Monitor.Api.Tests.Unit;

public class When_reading_stream_positions
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(751UL, 42L)]
    [InlineData(ulong.MaxValue, long.MaxValue)]
    public void A_position_reads_back_as_it_was_written(ulong txId, long seqId)
    {
        var position = new GlobalPosition(txId, seqId);

        Assert.True(StreamPosition.TryParse(StreamPosition.Format(position), out var read));
        Assert.Equal(position, read);
    }

    [Fact]
    public void A_position_is_written_as_transaction_dash_sequence()
    {
        Assert.Equal("751-42", StreamPosition.Format(new GlobalPosition(751, 42)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("751")]
    [InlineData("751-")]
    [InlineData("-42")]
    [InlineData("751--42")]
    [InlineData("751-42-1")]
    [InlineData("751/42")] // how GlobalPosition prints itself, not how the stream does
    [InlineData(" 751-42")]
    [InlineData("751-42 ")]
    [InlineData("+751-42")]
    [InlineData("0751-42")]
    [InlineData("751-042")]
    [InlineData("18446744073709551616-1")] // one past the largest transaction id
    [InlineData("1-9223372036854775808")] // one past the largest sequence id
    [InlineData("٧٥١-٤٢")] // digits, but not ASCII ones
    [InlineData("6f1c5a0e-8a34-4c1b-9f1e-1c2d3e4f5a6b")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(StreamPosition.TryParse(text, out _));
    }
}
