using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Domains;

/// <summary>
/// Where a feature hash lands in the domain table and in the domain classifier. Each re-mixes the hash
/// with its own odd multiplier and takes the top bits, so features that share a bucket in the main
/// table (its low bits) seldom share one here too.
/// </summary>
internal static class DomainBuckets
{
    private const uint TableMultiplier = 0x9E3779B1;
    private const uint ClassifierMultiplier = 0x85EBCA77;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Table(uint hash, int shift) => (int)((hash * TableMultiplier) >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Classifier(uint hash, int shift) => (int)((hash * ClassifierMultiplier) >> shift);
}
