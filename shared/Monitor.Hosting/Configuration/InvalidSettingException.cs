namespace Monitor.Hosting.Configuration;

/// <summary>A setting read from the environment has a value the service cannot use.</summary>
public sealed class InvalidSettingException(string variable, string value, string problem)
    : Exception($"{variable}='{value}' {problem}.")
{
    public string Variable { get; } = variable;
}
