using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>Stands in for the EF Core rights service: the package is a ZIP with one entry naming the subject, written
/// asynchronously like the real package writer; erasure can be made to fail.</summary>
internal sealed class FakeSubjectRightsService(TimeProvider time) : ISubjectRightsService
{
    public const string EntryName = "subject.txt";

    public ConcurrentQueue<SubjectId> Exported { get; } = new();

    public ConcurrentQueue<SubjectId> Erased { get; } = new();

    public bool FailErasure { get; set; }

    public async Task ExportAsync(SubjectId subjectId, Stream destination, CancellationToken cancellationToken = default)
    {
        Exported.Enqueue(subjectId);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(EntryName).Open();
            entry.Write(Encoding.UTF8.GetBytes(subjectId.Value));
        }

        // Only asynchronous writes, as the real package writer does: the response body refuses synchronous ones.
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken);
    }

    public Task<ErasureReport> EraseAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        if (FailErasure)
        {
            throw new InvalidOperationException("Injected erasure failure.");
        }

        Erased.Enqueue(subjectId);
        return Task.FromResult(new ErasureReport { SubjectId = subjectId, CompletedAt = time.GetUtcNow() });
    }

    public ConcurrentQueue<(SubjectId Subject, string Field)> Rectified { get; } = new();

    public ConcurrentQueue<(SubjectId Subject, bool Lifted)> Restrictions { get; } = new();

    public Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default)
    {
        Rectified.Enqueue((subjectId, $"{request.Entity}.{request.Property}"));
        return Task.CompletedTask;
    }

    public Task<bool> RestrictAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
    {
        Restrictions.Enqueue((subjectId, false));
        return Task.FromResult(true);
    }

    public Task<bool> LiftRestrictionAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
    {
        Restrictions.Enqueue((subjectId, true));
        return Task.FromResult(true);
    }

    public Task<ExportVerificationResult> VerifyAsync(Stream package, ExportTrust trust, CancellationToken cancellationToken = default) =>
        SubjectExportPackage.VerifyAsync(package, trust, cancellationToken: cancellationToken);
}
