namespace Monitor.Contracts.Alerts;

/// <summary>Presets for a volume spike's k (how many standard deviations above the baseline mean).</summary>
public static class SpikeSensitivity
{
    public const double Sensitive = 1.5;
    public const double Balanced = 2.0;
    public const double Strict = 3.0;

    /// <summary>k for a preset name ("sensitive", "balanced", "strict"); null for an unknown name.</summary>
    public static double? Parse(string preset) => preset.Trim().ToLowerInvariant() switch
    {
        "sensitive" => Sensitive,
        "balanced" => Balanced,
        "strict" => Strict,
        _ => null,
    };
}
