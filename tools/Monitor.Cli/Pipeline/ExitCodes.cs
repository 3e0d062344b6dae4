namespace Monitor.Cli.Pipeline;

/// <summary>What the pipeline commands return to the shell (scripts such as deploy/local/up.sh rely on them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran but did not succeed: items rejected, or not processed in time.</summary>
    public const int Failed = 1;
    /// <summary>The command line or its input was wrong: unknown path, malformed JSONL, bad option value.</summary>
    public const int Usage = 2;
    /// <summary>PostgreSQL or the ingestion service could not be reached.</summary>
    public const int InfrastructureUnreachable = 3;
}

/// <summary>A failure with a message for the operator and the exit code it maps to.</summary>
public sealed class PipelineCommandException(int exitCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
