using System.Text.Json;

namespace Monitor.Platforms.Tests;

internal static class JsonText
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement File(params string[] pathInCorpus) =>
        Parse(System.IO.File.ReadAllText(Path.Combine([SampleCorpus.FindDirectory(), .. pathInCorpus])));
}
