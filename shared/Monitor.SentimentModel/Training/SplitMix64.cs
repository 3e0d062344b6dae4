namespace Monitor.SentimentModel.Training;

/// <summary>A tiny fixed PRNG: shuffles and initial weights must not depend on the runtime's Random implementation.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [-limit, limit).</summary>
    public float Uniform(float limit) => (float)((Next() >> 11) * (1.0 / (1UL << 53)) * 2 - 1) * limit;

    /// <summary>Fisher–Yates.</summary>
    public void Shuffle(int[] order)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
