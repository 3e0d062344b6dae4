using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Features;

/// <summary>
/// Turns normalised text (see <see cref="TextNormalizer"/>) into hashed features, without allocating:
/// character 1..N-grams inside runs of CJK text, word unigrams and bigrams for Latin text, emoji,
/// Weibo [emoticons] with a shared polarity feature, ASCII emoticons and ! / ? marks.
/// Negation: after a negator (不 没 无 别 未 非 莫 勿 / not no never n't ...) the following CJK grams
/// (up to <see cref="CjkNegationScope"/> characters) or words (up to <see cref="WordNegationScope"/>,
/// until punctuation or "but") hash as their negated variant, so "不好" and "好" learn separately.
/// Optional families (<see cref="FeatureSet"/>): Chinese word bigrams and long words from dictionary
/// segmentation, and an English-text feature that acts as a bias of its own.
/// </summary>
public static class FeatureExtractor
{
    public const int CjkNegationScope = 4;
    public const int WordNegationScope = 6;
    public const int MaxEmoticonLength = 10;

    public static void Extract<TSink>(ReadOnlySpan<char> text, int maxCjkGram, ref TSink sink, FeatureSet features = FeatureSet.None)
        where TSink : struct, IFeatureSink
    {
        var words = new WordState { EmphasiseContrast = (features & FeatureSet.ContrastEmphasis) != 0 };
        var links = (features & FeatureSet.LinksAndHandles) != 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (CharClass.IsCjk(c))
            {
                var end = i + 1;
                while (end < text.Length && CharClass.IsCjk(text[end])) end++;
                ExtractCjkRun(text, i, end, maxCjkGram, ref sink);
                if ((features & FeatureSet.ChineseWords) != 0) ExtractCjkWords(text, i, end, ref sink);
                words.Break();
                i = end;
            }
            else if (links && c is 'h' or '@' && TryLinkOrHandle(text, i, ref sink, out var afterLink))
            {
                words.Break();
                i = afterLink;
            }
            else if (CharClass.IsWordChar(c) || (c == '\'' && i + 1 < text.Length && CharClass.IsWordChar(text[i + 1])))
            {
                i = ExtractWord(text, i, ref words, ref sink);
            }
            else if (c == '[' && TryEmoticon(text, i, ref sink, out var next))
            {
                words.Break();
                i = next;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (CharClass.IsEmojiCodePoint(cp))
                    sink.AddUnscaled(FeatureHash.Finish(FeatureHash.Step(FeatureHash.Step(FeatureHash.Seed(FeatureKind.Emoji), c), text[i + 1]), false), i, 2);
                i += 2;
            }
            else if (CharClass.IsBmpEmoji(c))
            {
                sink.AddUnscaled(FeatureHash.Finish(FeatureHash.Step(FeatureHash.Seed(FeatureKind.Emoji), c), false), i, 1);
                i++;
            }
            else if (TryAsciiEmoticon(text, i, ref sink, out var afterEmoticon))
            {
                i = afterEmoticon;
            }
            else
            {
                if (c is '!' or '?')
                    sink.Add(FeatureHash.Finish(FeatureHash.Step(FeatureHash.Seed(FeatureKind.Punctuation), c), false), i, 1);
                if (c is '.' or '!' or '?' or ';') words.AfterContrast = false;
                if (CharClass.IsClauseBreak(c)) words.EndClause();
                else if (!char.IsWhiteSpace(c) && c != '\'') words.Break();
                i++;
            }
        }

        // a zero-length span: it weighs in the logit but is never shown as a phrase
        if ((features & FeatureSet.LanguageBias) != 0 && ScriptMix.IsMostlyLatin(text))
            sink.AddUnscaled(FeatureHash.Finish(FeatureHash.Seed(FeatureKind.Language), false), 0, 0);
    }

    /// <summary>
    /// Word features of a CJK run segmented by <see cref="ChineseWords"/>: each pair of neighbouring
    /// words, and each word of four or more characters. Negation runs over words the way it runs over
    /// characters: a word within <see cref="CjkNegationScope"/> characters after a negator is negated.
    /// </summary>
    private static void ExtractCjkWords<TSink>(ReadOnlySpan<char> text, int start, int end, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var previousHash = 0u;
        var previousStart = start;
        var negatorAt = -1;
        var scopeLeft = 0;
        for (var p = start; p < end;)
        {
            var length = ChineseWords.LongestWordAt(text[p..end]);
            var negated = scopeLeft > 0;
            var shownFrom = negated ? negatorAt : p;
            var h = FeatureHash.Seed(FeatureKind.CjkWord);
            for (var q = p; q < p + length; q++) h = FeatureHash.Step(h, text[q]);
            if (length >= 4) sink.Add(FeatureHash.Finish(h, negated), shownFrom, p + length - shownFrom);
            if (previousHash != 0)
            {
                var from = Math.Min(shownFrom, previousStart);
                sink.Add(FeatureHash.Pair(previousHash, h, negated), from, p + length - from);
            }
            previousHash = h;
            previousStart = p;

            var negatorInWord = -1;
            for (var q = p; q < p + length; q++)
                if (IsCjkNegator(text[q])) negatorInWord = q;
            if (negatorInWord >= 0)
            {
                negatorAt = negatorInWord;
                scopeLeft = CjkNegationScope - (p + length - 1 - negatorInWord);
            }
            else
            {
                scopeLeft -= length;
            }
            p += length;
        }
    }

    private static void ExtractCjkRun<TSink>(ReadOnlySpan<char> text, int start, int end, int maxGram, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var negatorAt = -1;
        var scopeLeft = 0;
        for (var p = start; p < end; p++)
        {
            var negated = scopeLeft > 0;
            var shownFrom = negated ? negatorAt : p;
            var h = FeatureHash.Seed(FeatureKind.CjkGram);
            var last = Math.Min(end, p + maxGram);
            for (var q = p; q < last; q++)
            {
                h = FeatureHash.Step(h, text[q]);
                sink.Add(FeatureHash.Finish(h, negated), shownFrom, q + 1 - shownFrom);
            }

            if (IsCjkNegator(text[p]))
            {
                negatorAt = p;
                scopeLeft = CjkNegationScope;
            }
            else if (scopeLeft > 0)
            {
                scopeLeft--;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCjkNegator(char c) =>
        c is '不' or '没' or '无' or '别' or '未' or '非' or '莫' or '勿' or '毋' or '沒' or '無' or '別';

    private static int ExtractWord<TSink>(ReadOnlySpan<char> text, int start, ref WordState words, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var end = start;
        var apostrophe = -1;
        while (end < text.Length)
        {
            var c = text[end];
            if (CharClass.IsWordChar(c)) { end++; continue; }
            // an apostrophe inside a word: don't, it's, we'll
            if (c == '\'' && end + 1 < text.Length && CharClass.IsWordChar(text[end + 1]) && text[end + 1] < 0x80)
            {
                apostrophe = end;
                end++;
                continue;
            }
            break;
        }

        var token = text[start..end];
        if (token.Length > 3 && token.EndsWith("n't"))
        {
            // "doesn't" reads as "does" + "n't", the way the Penn Treebank (and SST) tokenises it
            EmitWord(text, start, end - 3 - start, ref words, ref sink);
            EmitWord(text, end - 3, 3, ref words, ref sink);
        }
        else if (apostrophe > start && IsClitic(text[(apostrophe + 1)..end]))
        {
            EmitWord(text, start, apostrophe - start, ref words, ref sink);
            EmitWord(text, apostrophe, end - apostrophe, ref words, ref sink);
        }
        else
        {
            EmitWord(text, start, end - start, ref words, ref sink);
        }
        return end;
    }

    private static bool IsClitic(ReadOnlySpan<char> s) =>
        s is "s" or "re" or "ll" or "ve" or "d" or "m";

    private static void EmitWord<TSink>(ReadOnlySpan<char> text, int start, int length, ref WordState words, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var word = text.Slice(start, length);
        var h = FeatureHash.Seed(FeatureKind.Word);
        foreach (var c in word) h = FeatureHash.Step(h, c is >= '0' and <= '9' ? '0' : c);

        var negated = words.ScopeLeft > 0;
        var shownFrom = negated ? Math.Min(words.NegatorAt, start) : start;
        // after "but" / "however" the sentence's verdict usually follows: those words count twice
        var times = words.AfterContrast ? 2 : 1;
        for (var t = 0; t < times; t++)
        {
            sink.Add(FeatureHash.Finish(h, negated), shownFrom, start + length - shownFrom);
            if (words.PreviousHash != 0)
            {
                var from = Math.Min(shownFrom, words.PreviousStart);
                sink.Add(FeatureHash.Pair(words.PreviousHash, h, negated), from, start + length - from);
            }
        }
        words.PreviousHash = h;
        words.PreviousStart = start;

        if (IsWordNegator(word))
        {
            words.NegatorAt = start;
            words.ScopeLeft = WordNegationScope;
        }
        else if (word is "but" or "however" or "although" or "though")
        {
            words.ScopeLeft = 0;
            if (words.EmphasiseContrast && word is "but" or "however") words.AfterContrast = true;
        }
        else if (words.ScopeLeft > 0)
        {
            words.ScopeLeft--;
        }
    }

    private static bool IsWordNegator(ReadOnlySpan<char> w) =>
        w is "not" or "no" or "never" or "n't" or "nor" or "cannot" or "without" or "nothing" or "none"
            or "nobody" or "neither" or "hardly" or "barely" or "lack" or "lacks" or "lacking";

    /// <summary>A link (http:// or https:// up to a space or CJK character) or an @handle in ASCII letters, digits and _ as one feature.</summary>
    private static bool TryLinkOrHandle<TSink>(ReadOnlySpan<char> text, int at, ref TSink sink, out int next)
        where TSink : struct, IFeatureSink
    {
        next = at;
        FeatureKind kind;
        if (text[at] == '@')
        {
            var end = at + 1;
            while (end < text.Length && text[end] < 0x80 && (CharClass.IsWordChar(text[end]) || text[end] == '_')) end++;
            if (end == at + 1) return false;
            kind = FeatureKind.Handle;
            next = end;
        }
        else
        {
            if (at > 0 && CharClass.IsWordChar(text[at - 1])) return false;
            var rest = text[at..];
            if (!rest.StartsWith("http://") && !rest.StartsWith("https://")) return false;
            var end = at + 7;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && !CharClass.IsCjk(text[end])) end++;
            kind = FeatureKind.Link;
            next = end;
        }
        sink.Add(FeatureHash.Finish(FeatureHash.Seed(kind), false), at, next - at);
        return true;
    }

    private static bool TryEmoticon<TSink>(ReadOnlySpan<char> text, int open, ref TSink sink, out int next)
        where TSink : struct, IFeatureSink
    {
        next = open;
        var limit = Math.Min(text.Length, open + MaxEmoticonLength + 2);
        for (var close = open + 1; close < limit; close++)
        {
            var c = text[close];
            if (c == ']')
            {
                if (close == open + 1) return false;
                var name = text[(open + 1)..close];
                sink.AddUnscaled(FeatureHash.Of(FeatureKind.Emoticon, name), open, close + 1 - open);
                var polarity = WeiboEmoticons.PolarityOf(name);
                if (polarity != 0)
                    sink.AddUnscaled(FeatureHash.Finish(FeatureHash.Seed(FeatureKind.EmoticonPolarity), polarity < 0), open, close + 1 - open);
                next = close + 1;
                return true;
            }
            if (c is '[' or ' ' or '\n') return false;
        }
        return false;
    }

    private static bool TryAsciiEmoticon<TSink>(ReadOnlySpan<char> text, int at, ref TSink sink, out int next)
        where TSink : struct, IFeatureSink
    {
        next = at;
        var c = text[at];
        if (c is not (':' or ';' or '^' or '-' or '>')) return false;
        if (at > 0 && !char.IsWhiteSpace(text[at - 1]) && !CharClass.IsCjk(text[at - 1])) return false;
        foreach (var (face, polarity) in WeiboEmoticons.Ascii)
        {
            if (!text[at..].StartsWith(face)) continue;
            var end = at + face.Length;
            if (end < text.Length && CharClass.IsWordChar(text[end])) continue;
            sink.AddUnscaled(FeatureHash.Of(FeatureKind.Emoticon, face), at, face.Length);
            sink.AddUnscaled(FeatureHash.Finish(FeatureHash.Seed(FeatureKind.EmoticonPolarity), polarity < 0), at, face.Length);
            next = end;
            return true;
        }
        return false;
    }

    private struct WordState
    {
        public uint PreviousHash;
        public int PreviousStart;
        public int NegatorAt;
        public int ScopeLeft;
        public bool EmphasiseContrast;
        public bool AfterContrast;

        /// <summary>Something other than a word came between: no bigram across it.</summary>
        public void Break() => PreviousHash = 0;

        /// <summary>Punctuation ends the clause: no bigram across it and negation stops.</summary>
        public void EndClause()
        {
            PreviousHash = 0;
            ScopeLeft = 0;
        }
    }
}
