using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;

namespace DataGuard.Tests.Subjects;

/// <summary>Writes packages with the library's own writer, and rebuilds them file by file to play a forger who knows
/// the format.</summary>
internal static class TestPackages
{
    public static readonly string[] Columns = ["Id", "Email", "Note"];

    public static async Task<byte[]> CreateAsync(IReadOnlyList<object?[]> rows, X509Certificate2? signer = null)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new SubjectExportWriter(buffer, (SubjectId)"subject-1", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), "schema",
            signer))
        {
            var count = await writer.WriteJsonAsync("Customer", Columns, rows.ToAsyncEnumerable(), CancellationToken.None);
            await writer.WriteCsvAsync("Customer", Columns, rows.ToAsyncEnumerable(), CancellationToken.None);
            writer.AddEntity("Customer", count);
            await writer.WriteDocumentAsync("consents.json", (json, _) => { json.WriteStartArray(); json.WriteEndArray(); return Task.CompletedTask; },
                CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        return buffer.ToArray();
    }

    public static Task<byte[]> SampleAsync(X509Certificate2? signer = null) => CreateAsync(
        [
            [1, "ana@example.com", "says \"hi\", twice\r\nnew line"],
            [2, "bea@example.com", null],
            [3, "çé@例え.jp", ""],
        ],
        signer);

    public static async Task<List<(string Name, byte[] Content)>> FilesAsync(byte[] package)
    {
        var reader = await PackageReader.OpenAsync(new MemoryStream(package), ExportPackageLimits.Default, CancellationToken.None);
        var files = new List<(string, byte[])>();
        foreach (var entry in reader.Entries)
        {
            files.Add((entry.Name, await reader.ReadAllAsync(entry, CancellationToken.None)));
        }

        return files;
    }

    /// <summary>Writes the files as a package in DataGuard's layout, with correct ZIP checksums.</summary>
    public static async Task<byte[]> BuildAsync(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        var writer = new PackageWriter(buffer);
        foreach (var (name, content) in files)
        {
            await writer.WriteEntryAsync(name, content, CancellationToken.None);
        }

        await writer.FinishAsync(CancellationToken.None);
        return buffer.ToArray();
    }

    public static byte[] Replace(byte[] content, string from, string to)
        => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace(from, to, StringComparison.Ordinal));

    public static Task<ExportVerificationResult> VerifyAsync(byte[] package, ExportTrust? trust = null, ExportPackageLimits? limits = null)
        => SubjectExportPackage.VerifyAsync(new MemoryStream(package), trust ?? ExportTrust.HashesOnly, limits);
}
