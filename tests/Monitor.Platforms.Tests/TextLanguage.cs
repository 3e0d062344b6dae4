using System.Text.RegularExpressions;

namespace Monitor.Platforms.Tests;

/// <summary>A rough language call for corpus checks: Chinese when Han characters dominate, English when there are none.</summary>
internal static class TextLanguage
{
    public static string Of(string text)
    {
        // Hashtags ("#小米SU7[话题]#", "#XiaomiSU7") say nothing about the language a post is written in.
        text = Regex.Replace(text, @"#[^#\n]{1,40}?\[话题\]#|#[^#\s]+#?", " ");
        var han = text.Count(c => c is >= '\u4e00' and <= '\u9fff');
        var latinWords = text.Split([' ', '\n', ',', '.', '#', ':', '!', '?'], StringSplitOptions.RemoveEmptyEntries)
            .Count(w => w.Length > 1 && w.All(char.IsAsciiLetter));
        if (han == 0) return "en";
        return latinWords >= 3 && latinWords * 2 >= han / 2 ? "mixed" : "zh";
    }
}
