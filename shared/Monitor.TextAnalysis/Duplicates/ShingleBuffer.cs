namespace Monitor.TextAnalysis;

/// <summary>
/// One reusable shingle list per thread, so hashing a text allocates nothing in steady state, and
/// SimHash and cluster key of the same string (extraction asks for both) shingle it only once.
/// </summary>
internal static class ShingleBuffer
{
    [ThreadStatic] private static List<ulong>? _buffer;
    [ThreadStatic] private static string? _shingled;

    public static List<ulong> For(string text)
    {
        var buffer = _buffer ??= new List<ulong>(256);
        // Strings are immutable: the same instance always has the same shingles.
        if (!ReferenceEquals(text, _shingled))
        {
            _shingled = null;
            Shingles.Compute(text, buffer);
            _shingled = text;
        }
        return buffer;
    }
}
