using DataGuard.Subjects;
using System.Text;

namespace DataGuard.Subjects.Packages;

/// <summary>Writes the package's ZIP layout (<see cref="ZipLayout"/>) front to back, never seeking, so the destination
/// may be a network or response stream. One entry is open at a time.</summary>
internal sealed class PackageWriter(Stream destination) : IAsyncDisposable
{
    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> _entries = [];
    private long _offset;
    private PackageEntryStream? _open;
    private byte[]? _openName;

    public async ValueTask<PackageEntryStream> BeginEntryAsync(string name, CancellationToken cancellationToken)
    {
        if (_open is not null)
        {
            throw new InvalidOperationException("The previous package entry is still open.");
        }

        if (_entries.Count == ushort.MaxValue)
        {
            throw new SubjectExportException($"An export package holds at most {ushort.MaxValue} files.");
        }

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new byte[ZipLayout.LocalHeaderSize + nameBytes.Length];
        ZipLayout.WriteLocalHeader(header, nameBytes);
        await WriteAsync(header, cancellationToken).ConfigureAwait(false);
        _openName = nameBytes;
        _open = new PackageEntryStream(destination);
        return _open;
    }

    /// <summary>Closes the open entry and returns its manifest record.</summary>
    public async ValueTask<ExportFile> EndEntryAsync(CancellationToken cancellationToken)
    {
        var entry = _open ?? throw new InvalidOperationException("No package entry is open.");
        var offset = _offset;
        _offset += entry.Written;
        if (_offset > uint.MaxValue)
        {
            throw new SubjectExportException("The export package would exceed 4 GiB, the most a package (ZIP without ZIP64) holds.");
        }

        var descriptor = new byte[ZipLayout.DescriptorSize];
        ZipLayout.WriteDescriptor(descriptor, entry.Crc, (uint)entry.Written);
        await WriteAsync(descriptor, cancellationToken).ConfigureAwait(false);
        var name = Encoding.UTF8.GetString(_openName!);
        _entries.Add((_openName!, entry.Crc, (uint)entry.Written, (uint)(offset - ZipLayout.LocalHeaderSize - _openName!.Length)));
        var file = new ExportFile(name, entry.Written, Convert.ToHexStringLower(entry.FinishHash()));
        await entry.DisposeAsync().ConfigureAwait(false);
        _open = null;
        _openName = null;
        return file;
    }

    public async ValueTask<ExportFile> WriteEntryAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var entry = await BeginEntryAsync(name, cancellationToken).ConfigureAwait(false);
        await entry.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        return await EndEntryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        var directoryOffset = _offset;
        var directory = new MemoryStream();
        foreach (var (name, crc, size, offset) in _entries)
        {
            var header = new byte[ZipLayout.CentralHeaderSize + name.Length];
            ZipLayout.WriteCentralHeader(header, name, crc, size, offset);
            directory.Write(header);
        }

        var end = new byte[ZipLayout.EndSize];
        ZipLayout.WriteEnd(end, _entries.Count, (uint)directory.Length, (uint)directoryOffset);
        directory.Write(end);
        await WriteAsync(directory.GetBuffer().AsMemory(0, (int)directory.Length), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _open?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        _offset += bytes.Length;
    }
}
