using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Entities;

public sealed class When_loading_a_subject : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-subject-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Should_hold_at_least_30_built_in_entities_with_chinese_and_english_aliases()
    {
        var entities = BuiltIn.Gazetteer.Entities;

        Assert.Equal("su7", BuiltIn.Gazetteer.Subject);
        Assert.True(entities.Count >= 30, $"only {entities.Count} entities");
        Assert.All(EntityTypes.All, type => Assert.Contains(entities, e => e.Type == type));
        foreach (var id in new[] { "xiaomi", "xiaomi-su7", "xiaomi-su7-ultra", "xiaomi-yu7", "lei-jun", "tesla", "porsche-taycan", "byd", "catl" })
        {
            var entity = Assert.Single(entities, e => e.Id == id);
            Assert.Contains(entity.Aliases, a => a.Any(c => c >= '\u4E00' && c <= '\u9FFF'));
            Assert.Contains(entity.Aliases, a => a.Any(char.IsAsciiLetter));
        }
    }

    [Fact]
    public void Should_find_the_entities_of_a_subject_file()
    {
        var path = Write("""
            { "subject": "phones", "entities": [
              { "id": "xiaomi-15", "name": "Xiaomi 15", "type": "product", "aliases": ["Xiaomi 15", "小米15"] },
              { "id": "apple", "name": "Apple", "type": "competitor", "aliases": ["Apple", "苹果"] } ] }
            """);

        var gazetteer = Gazetteer.Load(path);

        Assert.Equal("phones", gazetteer.Subject);
        Assert.Equal(["xiaomi-15", "apple"], gazetteer.Find("小米15对比苹果").Select(m => m.Id));
    }

    [Fact]
    public void Should_name_an_unknown_type()
    {
        var path = Write("""{ "subject": "s", "entities": [ { "id": "su7", "name": "SU7", "type": "car", "aliases": ["SU7"] } ] }""");

        var error = Assert.Throws<InvalidDataException>(() => Gazetteer.Load(path));

        Assert.Contains("entity #1 ('su7') has type 'car'", error.Message);
        Assert.Contains("brand, product, person, competitor", error.Message);
    }

    [Fact]
    public void Should_name_an_alias_that_two_entities_share()
    {
        var path = Write("""
            { "subject": "s", "entities": [
              { "id": "a", "name": "A", "type": "brand", "aliases": ["Mi"] },
              { "id": "b", "name": "B", "type": "brand", "aliases": ["MI"] } ] }
            """);

        var error = Assert.Throws<InvalidDataException>(() => Gazetteer.Load(path));

        Assert.Contains("alias 'MI' belongs to both 'a' and 'b'", error.Message);
    }

    [Theory]
    [InlineData("""{ "entities": [] }""", "\"subject\"")]
    [InlineData("""{ "subject": "s" }""", "\"entities\" is missing or empty")]
    [InlineData("""{ "subject": "s", "entities": [ { "id": "a", "name": "A", "type": "brand", "aliases": [] } ] }""", "entity #1 ('a') needs at least one alias")]
    [InlineData("""{ "subject": "s", "entities": [ { "name": "A", "type": "brand", "aliases": ["A"] } ] }""", "entity #1 has no \"id\"")]
    [InlineData("""{ "subject": "s", "entities": [ """, "not valid JSON")]
    public void Should_say_what_is_wrong_with_a_bad_file(string json, string expected)
    {
        var path = Write(json);

        var error = Assert.Throws<InvalidDataException>(() => Gazetteer.Load(path));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Should_reject_entities_built_in_code_with_a_clear_reason()
    {
        var su7 = new GazetteerEntity("su7", "SU7", EntityTypes.Product, ["SU7"]);

        var duplicate = Assert.Throws<ArgumentException>(() => new Gazetteer("s", [su7, su7 with { Aliases = ["苏7"] }]));
        var badType = Assert.Throws<ArgumentException>(() => new Gazetteer("s", [su7 with { Type = "car" }]));
        var noAliases = Assert.Throws<ArgumentException>(() => new Gazetteer("s", [su7 with { Aliases = [] }]));
        var blankAlias = Assert.Throws<ArgumentException>(() => new Gazetteer("s", [su7 with { Aliases = ["  "] }]));

        Assert.Contains("lists entity id 'su7' twice", duplicate.Message);
        Assert.Contains("type 'car'", badType.Message);
        Assert.Contains("'su7' has no aliases", noAliases.Message);
        Assert.Contains("alias with no characters to match", blankAlias.Message);
    }

    [Fact]
    public void Should_name_a_missing_file()
    {
        var path = Path.Combine(_directory, "missing.json");

        var error = Assert.Throws<FileNotFoundException>(() => Gazetteer.Load(path));

        Assert.Contains(path, error.Message);
    }
}
