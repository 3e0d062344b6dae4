using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Tests.Evaluation;

public class When_reading_labelled_files : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-sentiment-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Read_parses_tsv_without_header()
    {
        var rows = LabelledFile.Read(Write("a.tsv", "1\tgreat car\n0\tbad service\n"));

        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Negative], rows.Select(r => r.Label));
        Assert.Equal(["great car", "bad service"], rows.Select(r => r.Text));
    }

    [Fact]
    public void Read_parses_tsv_with_header_in_either_column_order()
    {
        var rows = LabelledFile.Read(Write("sst.tsv", "sentence\tlabel\nit 's charming . \t1\n"));

        var row = Assert.Single(rows);
        Assert.Equal(SentimentLabel.Positive, row.Label);
        Assert.Equal("it 's charming . ", row.Text);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Read_parses_csv_with_quotes_commas_and_a_byte_order_mark()
    {
        var rows = LabelledFile.Read(Write("a.csv", "\uFEFFlabel,review\n1,\"快, 好\"\"吃\"\"\"\n0,差\n"));

        Assert.Equal(["快, 好\"吃\"", "差"], rows.Select(r => r.Text));
        Assert.Equal(3, rows[1].Line);
    }

    [Fact]
    public void Read_keeps_unquoted_commas_in_the_text()
    {
        var rows = LabelledFile.Read(Write("a.csv", "pos,fast, cheap, good\n"));

        Assert.Equal("fast, cheap, good", Assert.Single(rows).Text);
    }

    [Fact]
    public void Read_finds_named_columns_among_others()
    {
        var rows = LabelledFile.Read(Write("shop.csv", "cat,label,review\n书籍,1,很好\n"));

        Assert.Equal(SentimentLabel.Positive, Assert.Single(rows).Label);
        Assert.Equal("很好", rows[0].Text);
    }

    [Theory]
    [InlineData("1", SentimentLabel.Positive)]
    [InlineData("0", SentimentLabel.Negative)]
    [InlineData("pos", SentimentLabel.Positive)]
    [InlineData("NEG", SentimentLabel.Negative)]
    [InlineData("positive", SentimentLabel.Positive)]
    [InlineData("Negative", SentimentLabel.Negative)]
    [InlineData("neutral", SentimentLabel.Neutral)]
    public void Read_accepts_each_label_spelling(string label, SentimentLabel expected)
    {
        var rows = LabelledFile.Read(Write("a.tsv", $"{label}\tsome text\n"));

        Assert.Equal(expected, Assert.Single(rows).Label);
    }

    [Fact]
    public void Read_names_the_line_of_an_unknown_label()
    {
        var path = Write("a.tsv", "label\ttext\n1\tok\nmaybe\thmm\n");

        var error = Assert.Throws<FormatException>(() => LabelledFile.Read(path));

        Assert.Contains(":3:", error.Message);
        Assert.Contains("unknown label 'maybe'", error.Message);
    }

    [Fact]
    public void Read_reports_a_line_without_text()
    {
        var path = Write("a.tsv", "1\tok\n0\n");

        var error = Assert.Throws<FormatException>(() => LabelledFile.Read(path));

        Assert.Contains(":2:", error.Message);
    }

    [Fact]
    public void Read_reports_an_unclosed_quote()
    {
        var path = Write("a.csv", "1,\"never closed\n");

        var error = Assert.Throws<FormatException>(() => LabelledFile.Read(path));

        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Read_reports_a_missing_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => LabelledFile.Read(Path.Combine(_directory, "absent.tsv")));

        Assert.Contains("absent.tsv", error.Message);
    }
}
