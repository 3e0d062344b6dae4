using System.CommandLine;
using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Training;

namespace Monitor.Cli.Sentiment;

/// <summary>
/// The train command's domain-adaptation options: --domains trains the copies and the domain
/// classifier with the best settings found on dev (<see cref="DomainOptions"/>); the others change them.
/// Without --domains, one weight space for every set (the shipped model).
/// </summary>
internal sealed class DomainArguments
{
    private readonly Option<bool> _domains = new("--domains") { Description = "Domain adaptation: per-domain copies of the weights and a domain classifier that picks them (not in the shipped model)." };
    private readonly Option<bool> _joint = new("--domain-joint") { Description = "Fit the domain copies together with the shared weights (feature augmentation in one regression) rather than as corrections after them." };
    private readonly Option<string[]> _setDomains = new("--set-domain") { Description = "A training set's domain, as SET=DOMAIN (repeatable; replaces the default map)." };
    private readonly Option<string[]> _sharedOnly = new("--domain-shared-only") { Description = "A domain the classifier recognises but whose texts score with the shared weights alone (repeatable; replaces the default: movie, delivery)." };
    private readonly Option<int?> _bits = new("--domain-bits") { Description = "Hash bits of the domain table (2^bits buckets, one weight per domain each; default 18)." };
    private readonly Option<int?> _classifierBits = new("--domain-classifier-bits") { Description = "Hash bits of the domain classifier (default 16)." };
    private readonly Option<int?> _classifierEpochs = new("--domain-classifier-epochs") { Description = "Epochs of the domain classifier (default 3)." };
    private readonly Option<double?> _copyValue = new("--domain-copy-value") { Description = "A domain copy's feature value relative to the shared one while training (default 0.5)." };
    private readonly Option<string?> _mixing = new("--domain-mixing") { Description = "hard (the top domain's copy) or soft (every copy by its probability); default: the better on dev." };
    private readonly Option<double?> _threshold = new("--domain-threshold") { Description = "Below this top domain probability only the shared weights score; default: the best on dev." };
    private readonly Option<double?> _scale = new("--domain-scale") { Description = "How much of the domain copies joins the shared weights when scoring (default 1)." };

    public IEnumerable<Option> All => [_domains, _joint, _setDomains, _sharedOnly, _bits, _classifierBits, _classifierEpochs, _copyValue, _mixing, _threshold, _scale];

    /// <summary>The domain settings asked for, or null without --domains.</summary>
    public DomainOptions? Parse(ParseResult parse)
    {
        var tuning = new Option[] { _setDomains, _sharedOnly, _bits, _classifierBits, _classifierEpochs, _copyValue, _mixing, _threshold, _scale };
        if (!parse.GetValue(_domains))
        {
            var stray = parse.GetValue(_joint) ? _joint : tuning.FirstOrDefault(o => parse.GetResult(o) is not null);
            if (stray is not null) throw new ArgumentException($"{stray.Name} sets up domain adaptation; add --domains to train it.");
            return null;
        }

        var options = new DomainOptions { Residual = !parse.GetValue(_joint) };
        if (parse.GetValue(_setDomains) is { Length: > 0 } map) options = options with { SetDomains = ParseSetDomains(map) };
        var known = TrainingDomains.Names(options.SetDomains);
        if (parse.GetValue(_sharedOnly) is { Length: > 0 } sharedOnly)
        {
            if (sharedOnly.FirstOrDefault(d => !known.Contains(d)) is { } unknown)
                throw new ArgumentException($"--domain-shared-only '{unknown}' is not a domain; the domains are {string.Join(", ", known)}.");
            options = options with { SharedOnly = sharedOnly.ToHashSet(StringComparer.Ordinal) };
        }
        else
        {
            options = options with { SharedOnly = options.SharedOnly.Where(known.Contains).ToHashSet(StringComparer.Ordinal) };
        }
        if (parse.GetValue(_bits) is { } bits)
            options = options with { HashBits = InRange(bits, 8, 20, _bits, "the domain table takes 8..20 hash bits") };
        if (parse.GetValue(_classifierBits) is { } classifierBits)
            options = options with { ClassifierBits = InRange(classifierBits, 8, 20, _classifierBits, "the domain classifier takes 8..20 hash bits") };
        if (parse.GetValue(_classifierEpochs) is { } epochs)
            options = options with { ClassifierEpochs = InRange(epochs, 1, 50, _classifierEpochs, "the domain classifier takes 1..50 epochs") };
        if (parse.GetValue(_copyValue) is { } copyValue)
        {
            if (copyValue is <= 0 or > 4) throw new ArgumentOutOfRangeException(_copyValue.Name, copyValue, "the copy value must be above 0 and at most 4.");
            options = options with { CopyValue = copyValue };
        }
        if (parse.GetValue(_mixing) is { } mixing)
            options = options with
            {
                Mixing = mixing.ToLowerInvariant() switch
                {
                    "hard" => DomainMixing.Hard,
                    "soft" => DomainMixing.Soft,
                    _ => throw new ArgumentException($"--domain-mixing '{mixing}' is not 'hard' or 'soft'."),
                },
            };
        if (parse.GetValue(_threshold) is { } threshold)
        {
            if (threshold is < 0 or > 1) throw new ArgumentOutOfRangeException(_threshold.Name, threshold, "the threshold is a probability, 0..1.");
            options = options with { Threshold = threshold };
        }
        if (parse.GetValue(_scale) is { } scale)
        {
            if (scale is < 0 or > 4) throw new ArgumentOutOfRangeException(_scale.Name, scale, "the domain scale must be between 0 and 4.");
            options = options with { Scale = scale };
        }
        return options;
    }

    private static int InRange(int value, int min, int max, Option option, string rule) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(option.Name, value, rule + ".");

    private static Dictionary<string, string> ParseSetDomains(string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.LastIndexOf('=');
            if (at <= 0 || at == pair.Length - 1)
                throw new FormatException($"--set-domain '{pair}' is not SET=DOMAIN (e.g. ChnSentiCorp_htl_all=hotel).");
            map[pair[..at]] = pair[(at + 1)..];
        }
        var domains = map.Values.Distinct(StringComparer.Ordinal).Count();
        if (domains > DomainAdaptation.MaxDomains)
            throw new ArgumentException($"--set-domain names {domains} domains; at most {DomainAdaptation.MaxDomains} are supported.");
        return map;
    }
}
