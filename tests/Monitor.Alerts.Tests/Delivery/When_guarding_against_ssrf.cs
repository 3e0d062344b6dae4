using System.Net;
using Monitor.Alerts.Delivery;

namespace Monitor.Alerts.Tests.Delivery;

public class When_guarding_against_ssrf
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.20.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fd00::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private")]
    public void Should_refuse_internal_addresses(string address, string why)
    {
        var refusal = new SsrfGuard([]).Refusal(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.Contains(why, refusal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void Should_allow_public_addresses(string address)
    {
        Assert.Null(new SsrfGuard([]).Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public void Should_allow_what_the_operator_listed()
    {
        var guard = SsrfGuard.FromSetting("127.0.0.1, 10.20.0.0/16");

        Assert.Null(guard.Refusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(guard.Refusal(IPAddress.Parse("10.20.3.4")));
        Assert.NotNull(guard.Refusal(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(guard.Refusal(IPAddress.Parse("10.21.0.1")));
    }

    [Fact]
    public void Should_explain_a_malformed_allow_list()
    {
        var error = Assert.Throws<FormatException>(() => SsrfGuard.FromSetting("10.0.0.0/40"));

        Assert.Equal("'10.0.0.0/40': the prefix length must be a number from 0 to 32", error.Message);
    }
}
