namespace Monitor.Hosting.Bus;

/// <summary>How a message type is named on the broker, the way MassTransit names it.</summary>
public static class MessageNames
{
    /// <summary>The exchange a message type is published to: Monitor.Contracts:CoverageIngested.</summary>
    public static string ExchangeOf(Type messageType) => $"{messageType.Namespace}:{messageType.Name}";

    /// <summary>The queue (and metric label) of a message type: CoverageIngested -> coverage-ingested.</summary>
    public static string KebabCase(Type messageType)
    {
        var name = messageType.Name;
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
