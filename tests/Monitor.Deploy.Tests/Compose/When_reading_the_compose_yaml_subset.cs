using Monitor.Deploy.Tests.Compose;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

public class When_reading_the_compose_yaml_subset
{
    [Fact]
    public void Should_read_nested_mappings_and_both_sequence_styles()
    {
        var root = YamlSubsetReader.Read("""
            services:
              web:
                image: nginx:1.27   # a comment
                ports:
                  - "127.0.0.1:8080:80"
                  - 9090:90
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://localhost/"]
            volumes:
              data:
            """);

        var web = root.Mapping("services").Mapping("web");
        Assert.Equal("nginx:1.27", web.Scalar("image"));
        Assert.Equal(["127.0.0.1:8080:80", "9090:90"], web.Strings("ports"));
        Assert.Equal(["CMD", "curl", "-f", "http://localhost/"], web.Mapping("healthcheck").Strings("test"));
        Assert.Equal(["data"], root.Mapping("volumes").Keys);
    }

    [Fact]
    public void Should_unquote_scalars_and_keep_hash_signs_inside_quotes()
    {
        var root = YamlSubsetReader.Read("""
            a: "Host=db;Password=p#ss"
            b: 'it''s'
            c: "say \"hi\""
            d: plain value # trailing comment
            """);

        Assert.Equal("Host=db;Password=p#ss", root.Scalar("a"));
        Assert.Equal("it's", root.Scalar("b"));
        Assert.Equal("say \"hi\"", root.Scalar("c"));
        Assert.Equal("plain value", root.Scalar("d"));
    }

    [Fact]
    public void Should_read_a_sequence_written_at_its_keys_indentation()
    {
        var root = YamlSubsetReader.Read("""
            volumes:
            - a:/x
            - b:/y
            next: 1
            """);

        Assert.Equal(["a:/x", "b:/y"], root.Strings("volumes"));
        Assert.Equal("1", root.Scalar("next"));
    }

    [Theory]
    [InlineData("a: &anchor x", "line 1")]
    [InlineData("a: 1\nb:\n  c: *alias", "line 3")]
    [InlineData("a: |\n  text", "line 1")]
    [InlineData("a: 1\na: 2", "duplicate key 'a'")]
    [InlineData("a:\n\tb: 1", "tabs")]
    [InlineData("a: \"open", "unterminated")]
    [InlineData("a:\n  - b: 1", "only scalars")]
    [InlineData("a: 1\n   b: 2", "unexpected indentation")]
    public void Should_reject_syntax_outside_the_subset_naming_the_line(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => YamlSubsetReader.Read(yaml));

        Assert.Contains(expected, error.Message);
    }
}
