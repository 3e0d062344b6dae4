using System.Text.RegularExpressions;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>docker-compose.yml as the tests look at it: its services and what each one declares.</summary>
public sealed partial class ComposeFile
{
    public const string ServiceDockerfile = "deploy/docker/service.Dockerfile";

    private ComposeFile(string text, YamlMapping root)
    {
        Text = text;
        Root = root;
    }

    public string Text { get; }
    public YamlMapping Root { get; }

    public static ComposeFile Load() => Parse(Repository.Read("docker-compose.yml"));

    public static ComposeFile Parse(string text) => new(text, YamlSubsetReader.Read(text));

    public YamlMapping Services => Root.Mapping("services");

    public YamlMapping Service(string name) => Services.Mapping(name);

    /// <summary>The compose service of a project folder under services/ ("Ingestion" -> "ingestion", "Feeds/Weibo" -> "weibo").</summary>
    public static string ServiceNameOf(string projectFolder) => projectFolder.Split('/')[^1].ToLowerInvariant();

    /// <summary>Services built from the shared service Dockerfile, by name, with their SERVICE build argument.</summary>
    public IReadOnlyDictionary<string, string> BuiltServices() =>
        Services.Entries
            .Where(e => (e.Value as YamlMapping)?["build"] is YamlMapping build && build.Scalar("dockerfile") == ServiceDockerfile)
            .ToDictionary(e => e.Key, e => ((YamlMapping)e.Value).Mapping("build").Mapping("args").Scalar("SERVICE") ?? "");

    public static IReadOnlyDictionary<string, string> Environment(YamlMapping service) =>
        service["environment"] switch
        {
            YamlMapping map => map.Entries.ToDictionary(e => e.Key, e => e.Value.ToString() ?? ""),
            // the list form "- KEY=value"
            YamlSequence list => list.Items.Select(i => i.ToString()!.Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => new Dictionary<string, string>(),
        };

    /// <summary>
    /// Every ${NAME...} substitution in the file, with whether it carries a default (${NAME:-x} or ${NAME-x})
    /// or is required (${NAME:?message}: compose stops with the message when it is unset or empty).
    /// </summary>
    public IReadOnlyList<(string Name, bool HasDefault, bool IsRequired)> Substitutions() =>
        SubstitutionPattern().Matches(Text)
            .Select(m => (m.Groups["name"].Value, m.Groups["default"].Success, m.Groups["required"].Success))
            .ToList();

    /// <summary>The port in an ASP.NET Core URL such as "http://+:5101".</summary>
    public static int? PortOf(string url)
    {
        var match = PortPattern().Match(url);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    // "$${X}" is compose's escape for a literal "${X}" handed to the container's shell; it is not substituted.
    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)((?<default>:?-[^}]*)|(?<required>:?\?[^}]*))?\}")]
    private static partial Regex SubstitutionPattern();

    [GeneratedRegex(@":(\d+)(/|$)")]
    private static partial Regex PortPattern();
}
