using System.Text.Json.Nodes;
using Monitor.Platforms;

namespace Monitor.Feeds.Tests.Support;

/// <summary>The recorded platform shapes of samples/su7, served by the local source server.</summary>
public static class Samples
{
    public static string Directory { get; } = SampleCorpus.FindDirectory(AppContext.BaseDirectory);

    public static string Path(string relative) => System.IO.Path.Combine(Directory, relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    /// <summary>A sample page with a change applied (e.g. has_more switched on), as JSON text.</summary>
    public static string Edited(string relative, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Text(relative))!;
        edit(node);
        return node.ToJsonString();
    }
}
