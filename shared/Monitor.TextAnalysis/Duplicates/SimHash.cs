using System.Numerics;

namespace Monitor.TextAnalysis;

/// <summary>
/// Charikar's SimHash over a text's shingles (see <see cref="ClusterKey"/> for what a shingle is,
/// and how reposts count): texts that share most shingles get hashes that differ in few bits.
/// </summary>
public static class SimHash
{
    /// <summary>
    /// Hashes at most this many bits apart are near-duplicates. Measured on a 100-character Weibo post:
    /// reposts are 0 bits away (they hash as what they forward), a syndicated copy with source line and
    /// editor 10, a copy with one sentence reworded 12; other posts on the same launch are 27–39 bits
    /// away, 381 real Weibo posts no two closer than 15, bags of the same 25 words no two closer than 14.
    /// Callers that keep recent hashes use it to merge clusters.
    /// </summary>
    public const int NearDuplicateDistance = 12;

    /// <summary>The SimHash of <paramref name="normalizedText"/>; 0 when the text has no words at all.</summary>
    public static ulong Compute(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        var shingles = ShingleBuffer.For(normalizedText);
        if (shingles.Count == 0) return 0;

        // Eight byte-wide counters per ulong: lanes[b] byte k counts bit 8k+b. Bytes overflow at 255,
        // so the lanes are emptied into the 64 int counters every 255 shingles.
        Span<int> votes = stackalloc int[64];
        Span<ulong> lanes = stackalloc ulong[8];
        votes.Clear();
        lanes.Clear();
        const ulong lowBitOfEachByte = 0x0101010101010101UL;
        var pending = 0;
        foreach (var shingle in shingles)
        {
            for (var b = 0; b < 8; b++) lanes[b] += (shingle >> b) & lowBitOfEachByte;
            if (++pending == 255)
            {
                Flush(lanes, votes);
                pending = 0;
            }
        }
        Flush(lanes, votes);

        // A bit is set when more than half of the shingles set it.
        var result = 0UL;
        for (var bit = 0; bit < 64; bit++)
            if (votes[bit] * 2 > shingles.Count) result |= 1UL << bit;
        return result;
    }

    private static void Flush(Span<ulong> lanes, Span<int> votes)
    {
        for (var b = 0; b < 8; b++)
        {
            var lane = lanes[b];
            for (var k = 0; k < 8; k++) votes[8 * k + b] += (int)((lane >> (8 * k)) & 0xFF);
            lanes[b] = 0;
        }
    }

    /// <summary>How many bits two SimHashes differ in (Hamming distance, 0..64).</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>Whether two SimHashes are at most <see cref="NearDuplicateDistance"/> bits apart.</summary>
    public static bool AreNearDuplicates(ulong a, ulong b) => a != 0 && b != 0 && Distance(a, b) <= NearDuplicateDistance;
}
