using System.Collections.Concurrent;

namespace Monitor.Testing.Processes;

/// <summary>The last lines a child process wrote, kept for the test log when something fails.</summary>
public sealed class OutputLog(int maxLines = 4_000)
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > maxLines) _lines.TryDequeue(out _);
    }

    public override string ToString() => string.Join('\n', _lines);
}
