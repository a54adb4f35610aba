using DataGuard.Subjects.Packages;

namespace DataGuard.Subjects;

/// <summary>An entity in an export package's manifest: how many of the subject's rows it holds and where.</summary>
/// <param name="Name">The entity's name in the personal-data model.</param>
/// <param name="Rows">The number of rows exported.</param>
/// <param name="Json">The path of the JSON file, <c>data/&lt;Entity&gt;.json</c>.</param>
/// <param name="Csv">The path of the CSV file, <c>data/&lt;Entity&gt;.csv</c>.</param>
public sealed record ExportEntity(string Name, long Rows, string Json, string Csv);
