using Monitor.Hosting.Configuration;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Settings;

public class When_documenting_settings
{
    [Fact]
    public void The_configuration_page_should_list_exactly_the_variables_the_services_read_and_who_reads_them()
    {
        var page = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "docs", "configuration.md"));
        var section = page.SkipWhile(l => l != "## Environment variables per service").Skip(1).TakeWhile(l => !l.StartsWith("#")).ToArray();
        var rows = section.Where(l => l.StartsWith("| `")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();

        var documented = rows.ToDictionary(r => r[1].Trim('`'), r => r[2].Split(", ").Order().ToArray());
        var read = MonitorSettings.Variables.ToDictionary(v => v.Name, v => v.Services.Order().ToArray());

        Assert.Equal(read.Keys.Order(), documented.Keys.Order());
        Assert.All(read, v => Assert.Equal(v.Value, documented[v.Key]));
    }
}
