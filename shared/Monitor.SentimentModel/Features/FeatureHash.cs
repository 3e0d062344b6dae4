using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Features;

/// <summary>FNV-1a steps with a murmur finaliser; the kind and negation are mixed into the seed.</summary>
internal static class FeatureHash
{
    private const uint Prime = 16777619;
    private const uint NegatedSalt = 0x85EBCA6B;
    private const uint BigramSalt = 0x27D4EB2F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Seed(FeatureKind kind) => 2166136261u ^ ((uint)kind * 0x9E3779B1u);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint hash, char c) => (hash ^ c) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finish(uint hash, bool negated)
    {
        if (negated) hash ^= NegatedSalt;
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Pair(uint first, uint second, bool negated) =>
        Finish((first * 0x2545F491u) ^ second ^ BigramSalt, negated);

    public static uint Of(FeatureKind kind, ReadOnlySpan<char> text, bool negated = false)
    {
        var h = Seed(kind);
        foreach (var c in text) h = Step(h, c);
        return Finish(h, negated);
    }
}
