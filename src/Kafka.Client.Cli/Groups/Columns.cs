using System.Text;

namespace Kafka.Client.Cli.Groups;

/// <summary>
/// Left-aligned columns as Kafka's group tool prints them with <c>%-Ns</c>: each column as wide as its widest value
/// (at least its minimum), one space between columns, the last one not padded.
/// </summary>
internal sealed class Columns(params int[] minimumWidths)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row (the header first).</summary>
    public void Add(params string[] values) => _rows.Add(values);

    /// <summary>
    /// The lines. A column with minimum width 0 is padded to its fixed width only (Kafka's <c>%-10s</c> for PARTITION),
    /// given as a negative minimum; a positive minimum grows with the values.
    /// </summary>
    public IEnumerable<string> Lines()
    {
        int[] widths = new int[minimumWidths.Length];
        for (int column = 0; column < widths.Length; column++)
        {
            int minimum = minimumWidths[column];
            widths[column] = minimum < 0 ? -minimum : _rows.Skip(1).Select(r => r[column].Length).Append(minimum).Max();
        }

        foreach (string[] row in _rows)
        {
            var line = new StringBuilder();
            for (int column = 0; column < row.Length; column++)
            {
                line.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column]) + " ");
            }

            yield return line.ToString().TrimEnd();
        }
    }
}
