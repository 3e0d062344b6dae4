namespace Monitor.TextAnalysis;

/// <summary>One reusable shingle list per thread, so hashing a text allocates nothing in steady state.</summary>
internal static class ShingleBuffer
{
    [ThreadStatic] private static List<ulong>? _buffer;

    public static List<ulong> For(string text)
    {
        var buffer = _buffer ??= new List<ulong>(256);
        Shingles.Compute(text, buffer);
        return buffer;
    }
}
