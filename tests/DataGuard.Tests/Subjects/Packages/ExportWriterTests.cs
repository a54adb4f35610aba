using DataGuard.Subjects;
using DataGuard.Subjects.Packages;

namespace DataGuard.Tests.Subjects.Packages;

public sealed class ExportWriterTests
{
    [Theory]
    [InlineData(3, 5, 1)]  // fits: the CSV file is written from the rows kept
    [InlineData(5, 5, 1)]
    [InlineData(6, 5, 2)]  // too many to keep: read again
    public async Task An_entity_is_read_once_while_its_rows_fit_the_buffer_and_twice_otherwise(int rows, int buffer, int expectedReads)
    {
        var reads = 0;
        var data = Enumerable.Range(0, rows).Select(static i => new object?[] { i, $"row {i}" }).ToArray();
        using var stream = new MemoryStream();
        await using (var writer = new SubjectExportWriter(stream, (SubjectId)"s", DateTimeOffset.UnixEpoch, "schema", null))
        {
            await writer.WriteEntityAsync("E", ["Id", "Text"], () => { reads++; return data.ToAsyncEnumerable(); }, buffer, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(stream.ToArray()));
        Assert.Equal(expectedReads, reads);
        Assert.Equal(rows, package.Manifest.Entities.Single().Rows);
        Assert.Equal(data.Select(static d => $"{d[0]}|{d[1]}"), package.ReadCsv("E").Skip(1).Select(static r => $"{r[0]}|{r[1]}"));
        Assert.Equal(data.Select(static d => (string)d[1]!), package.ReadRows("E").Select(static r => r.GetProperty("Text").GetString()));
    }

    [Fact]
    public async Task Rows_that_change_between_the_two_reads_fail_the_export()
    {
        var reads = 0;
        using var stream = new MemoryStream();
        await using var writer = new SubjectExportWriter(stream, (SubjectId)"s", DateTimeOffset.UnixEpoch, "schema", null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteEntityAsync(
            "E", ["Id"], () => Enumerable.Range(0, 3 + reads++).Select(static i => new object?[] { i }).ToAsyncEnumerable(), 1, CancellationToken.None));
    }
}
