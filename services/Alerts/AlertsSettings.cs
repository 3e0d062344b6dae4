using Monitor.Alerts.Delivery;
using Monitor.Hosting.Configuration;

namespace Monitor.Alerts;

/// <summary>The alerts service's own settings, read from the environment.</summary>
public sealed record AlertsSettings(string? AdminKey, SsrfGuard Guard, SmtpSettings? Smtp, DeliverySchedule? Retries = null)
{
    public const string AdminKeyVariable = MonitorSettings.AdminKeyVariable;
    public const int MinimumAdminKeyLength = 24;

    /// <summary>When failed alert deliveries are tried again (<see cref="DeliverySchedule.Variable"/>).</summary>
    public DeliverySchedule RetrySchedule => Retries ?? DeliverySchedule.Default;

    public static AlertsSettings From(IConfiguration configuration)
    {
        var adminKey = configuration[AdminKeyVariable]?.Trim();
        if (string.IsNullOrEmpty(adminKey)) adminKey = null;
        if (adminKey is { Length: < MinimumAdminKeyLength })
            throw new InvalidSettingException(AdminKeyVariable, "(hidden)", $"must be at least {MinimumAdminKeyLength} characters");
        SsrfGuard guard;
        try
        {
            guard = SsrfGuard.FromSetting(configuration[SsrfGuard.AllowedAddressesVariable]);
        }
        catch (FormatException e)
        {
            throw new InvalidSettingException(SsrfGuard.AllowedAddressesVariable, configuration[SsrfGuard.AllowedAddressesVariable] ?? "", e.Message);
        }
        SmtpSettings? smtp;
        try
        {
            smtp = SmtpSettings.Parse(configuration[SmtpSettings.Variable]);
        }
        catch (FormatException e)
        {
            throw new InvalidSettingException(SmtpSettings.Variable, "(hidden)", e.Message);
        }
        DeliverySchedule retries;
        try
        {
            retries = DeliverySchedule.Parse(configuration[DeliverySchedule.Variable]);
        }
        catch (FormatException e)
        {
            throw new InvalidSettingException(DeliverySchedule.Variable, configuration[DeliverySchedule.Variable] ?? "", e.Message);
        }
        return new AlertsSettings(adminKey, guard, smtp, retries);
    }
}
