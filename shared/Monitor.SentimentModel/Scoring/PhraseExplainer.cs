namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// Turns the strongest feature occurrences into readable phrases: strongest first, each shown once,
/// and a phrase left out when a stronger chosen phrase already covers its text.
/// </summary>
internal static class PhraseExplainer
{
    public static IReadOnlyList<(string Phrase, double Weight)> Explain(
        string text, ref TopContributions top, double scale, double perUnit, int wanted)
    {
        Span<double> effect = stackalloc double[TopContributions.Capacity];
        for (var i = 0; i < top.Count; i++) effect[i] = top[i].Weight * (top[i].Unscaled ? scale : perUnit);
        Span<int> order = stackalloc int[TopContributions.Capacity];
        var n = top.Count;
        for (var i = 0; i < n; i++) order[i] = i;
        // insertion sort by strength: at most Capacity entries
        for (var i = 1; i < n; i++)
        {
            var current = order[i];
            var strength = Math.Abs(effect[current]);
            var j = i - 1;
            while (j >= 0 && Math.Abs(effect[order[j]]) < strength)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }

        var chosen = new List<(string Phrase, double Weight)>(wanted);
        Span<(int Start, int End)> spans = stackalloc (int, int)[TopContributions.Capacity];
        var spanCount = 0;
        for (var k = 0; k < n && chosen.Count < wanted; k++)
        {
            var c = top[order[k]];
            var weight = effect[order[k]];
            if (weight == 0) break;
            var end = c.Start + c.Length;
            var covered = false;
            for (var s = 0; s < spanCount && !covered; s++)
                covered = spans[s].Start <= c.Start && end <= spans[s].End
                    && Math.Sign(chosen[s].Weight) == Math.Sign(weight);
            if (covered) continue;
            var phrase = text.Substring(c.Start, c.Length).Trim();
            if (phrase.Length == 0 || chosen.Exists(p => p.Phrase == phrase)) continue;
            spans[spanCount++] = (c.Start, end);
            chosen.Add((phrase, weight));
        }
        return chosen;
    }
}
