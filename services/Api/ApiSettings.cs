using Monitor.Hosting.Configuration;

namespace Monitor.Api;

/// <summary>The API's own settings, read from the environment.</summary>
public sealed record ApiSettings(string? AdminKey)
{
    public const string AdminKeyVariable = MonitorSettings.AdminKeyVariable;
    public const int MinimumAdminKeyLength = 24;

    public static ApiSettings From(IConfiguration configuration)
    {
        var adminKey = configuration[AdminKeyVariable]?.Trim();
        if (string.IsNullOrEmpty(adminKey)) adminKey = null;
        if (adminKey is { Length: < MinimumAdminKeyLength })
            throw new InvalidSettingException(AdminKeyVariable, "(hidden)", $"must be at least {MinimumAdminKeyLength} characters");
        return new ApiSettings(adminKey);
    }
}
