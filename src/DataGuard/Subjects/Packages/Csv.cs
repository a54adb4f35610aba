using System.Text;

namespace DataGuard.Subjects.Packages;

/// <summary>CSV as RFC 4180 writes it: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes
/// doubled; UTF-8 without a byte-order mark.</summary>
internal static class Csv
{
    public static void AppendField(StringBuilder line, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>Parses RFC 4180 text into records of fields.</summary>
    public static List<IReadOnlyList<string>> Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i = AppendQuoted(text, i, field);
            }

            while (i < text.Length && text[i] != ',' && text[i] != '\r')
            {
                field.Append(text[i++]);
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i += 2;
            }
            else if (i < text.Length)
            {
                throw new SubjectExportException("A CSV file has a bare carriage return outside quotes.");
            }

            records.Add(record);
            record = [];
        }

        return records;
    }

    /// <summary>Appends the quoted field that starts at <paramref name="quote"/> (its doubled quotes undoubled).</summary>
    /// <returns>The index after its closing quote.</returns>
    private static int AppendQuoted(string text, int quote, StringBuilder field)
    {
        for (var i = quote + 1; ; i++)
        {
            if (i >= text.Length)
            {
                throw new SubjectExportException("A CSV file has an unterminated quoted field.");
            }

            if (text[i] != '"')
            {
                field.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                return i + 1;
            }
        }
    }
}
