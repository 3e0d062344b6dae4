using System.Text;
using Monitor.Hosting.Bus.Queues;

namespace Monitor.Hosting.Tests.Queues;

public sealed record EnvelopeItem(Guid Id, string Text, int Count);

public class When_reading_envelopes
{
    private const string ExpectedType = "urn:message:Monitor.Hosting.Tests.Queues:EnvelopeItem";

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Should_read_the_message_inside_a_masstransit_envelope()
    {
        var id = Guid.NewGuid();
        var body = $$$"""{"messageId":"{{{Guid.NewGuid()}}}","messageType":["urn:message:Monitor.Hosting.Tests.Queues:EnvelopeItem"],"message":{"id":"{{{id}}}","text":"小米SU7","count":3},"headers":{}}""";

        var item = EnvelopeReader.Read<EnvelopeItem>(Utf8(body), EnvelopeReader.EnvelopeContentType, ExpectedType);

        Assert.Equal(new EnvelopeItem(id, "小米SU7", 3), item);
    }

    [Fact]
    public void Should_read_a_bare_json_message_in_any_property_case()
    {
        var id = Guid.NewGuid();

        var item = EnvelopeReader.Read<EnvelopeItem>(Utf8($$"""{"Id":"{{id}}","TEXT":"hi","count":"7"}"""), "application/json; charset=utf-8");

        Assert.Equal(new EnvelopeItem(id, "hi", 7), item);
    }

    [Theory]
    [InlineData("text/plain", "{}", "content type 'text/plain'")]
    [InlineData("application/vnd.masstransit+json", "{\"message\":", "not a readable EnvelopeItem")]
    [InlineData("application/vnd.masstransit+json", "[1,2]", "a JSON array, not an object")]
    [InlineData("application/vnd.masstransit+json", "{\"messageId\":\"x\"}", "no \"message\"")]
    [InlineData("application/vnd.masstransit+json", "{\"message\":null}", "the message is null")]
    [InlineData("application/vnd.masstransit+json", "{\"message\":{\"count\":\"many\"}}", "not a readable EnvelopeItem")]
    public void Should_say_what_is_wrong_with_an_unreadable_delivery(string contentType, string body, string expected)
    {
        var error = Assert.Throws<UnreadableMessageException>(() => EnvelopeReader.Read<EnvelopeItem>(Utf8(body), contentType));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_refuse_an_envelope_that_carries_another_message_type()
    {
        var body = """{"messageType":["urn:message:Monitor.Contracts:SentimentScored"],"message":{"count":1}}""";

        var error = Assert.Throws<UnreadableMessageException>(() => EnvelopeReader.Read<EnvelopeItem>(Utf8(body), EnvelopeReader.EnvelopeContentType, ExpectedType));

        Assert.Contains("SentimentScored", error.Message);
        Assert.Contains("not " + ExpectedType, error.Message);
    }

    [Fact]
    public void Should_refuse_invalid_utf8()
    {
        var body = Encoding.UTF8.GetBytes("""{"message":{"text":"X"}}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xC3; // a lead byte with no continuation

        Assert.Throws<UnreadableMessageException>(() => EnvelopeReader.Read<EnvelopeItem>(body, EnvelopeReader.EnvelopeContentType));
    }
}
