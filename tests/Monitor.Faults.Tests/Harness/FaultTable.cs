using System.Text;
using Monitor.Testing;

namespace Monitor.Faults.Tests.Harness;

/// <param name="Rejected">Inputs refused on purpose (hostile payloads), each reported with its reason.</param>
public sealed record FaultRow(string Scenario, int ItemsIn, int Stored, int Lost, int Duplicated, int Rejected, int RejectedReported, TimeSpan Time);

/// <summary>
/// The suite's result table: one row per scenario, printed with every scenario's output and kept in
/// .monitor/fault-table.md (the last run's rows) for docs/faults.md.
/// </summary>
public static class FaultTable
{
    private static readonly List<FaultRow> Rows = new();
    private static readonly Lock Gate = new();
    private static readonly string FilePath = Path.Combine(RepositoryRoot.Path, ".monitor", "fault-table.md");

    public static string Add(FaultRow row)
    {
        lock (Gate)
        {
            Rows.Add(row);
            var text = Render(Rows);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                File.WriteAllText(FilePath, text);
            }
            catch (IOException) { } // the table is printed anyway
            return text;
        }
    }

    public static string Render(IEnumerable<FaultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | items in | items stored | lost | duplicated | rejected (reported) | time |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
            text.AppendLine($"| {r.Scenario} | {r.ItemsIn:N0} | {r.Stored:N0} | {r.Lost} | {r.Duplicated} | " +
                            $"{(r.Rejected == 0 ? "0" : $"{r.Rejected:N0} ({r.RejectedReported:N0})")} | {r.Time.TotalSeconds:0.0} s |");
        return text.ToString();
    }
}
