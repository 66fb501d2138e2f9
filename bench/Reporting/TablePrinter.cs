namespace SmartChain.Bench.Reporting;

/// <summary>
/// Prints the run's rows and targets as plain aligned text tables (readable in a terminal and in CI logs).
/// </summary>
public static class TablePrinter
{
    public static void Print(Report report, TextWriter output)
    {
        output.WriteLine($"Machine: {report.Machine.Summary}");
        output.WriteLine("Preliminary: a shared machine; other processes may have used the same cores.");
        output.WriteLine();
        Write(
            output,
            ["Scenario", "Subject", "Result", "Details"],
            report.Rows.Select(r => new[] { r.Scenario, r.Subject, r.Result, r.Details })
        );
        output.WriteLine();
        Write(
            output,
            ["Target", "Figure", "Status"],
            report.Targets().Select(t => new[] { t.Target, t.Figure, t.Status })
        );
        var bounds = MissedTargetBounds.Explain(report.Figures, report.Machine.Cores);
        if (bounds.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("What bounds the missed targets (this run's figures):");
            foreach (var (targets, lines) in bounds)
            {
                output.WriteLine($"{targets}:");
                foreach (var line in lines)
                {
                    output.WriteLine($"- {line}");
                }
            }
        }
    }

    private static void Write(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        // The last column is not padded: long details run on instead of widening every line.
        string Line(string[] cells) =>
            string.Join(" | ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(
            string.Join("-+-", widths.Select((w, i) => new string('-', i == widths.Length - 1 ? Math.Min(w, 40) : w)))
        );
        foreach (var row in all.Skip(1))
        {
            output.WriteLine(Line(row));
        }
    }
}
