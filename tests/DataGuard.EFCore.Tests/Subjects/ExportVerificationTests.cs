using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>An intact package is not enough: verification through the rights service refuses another subject's package
/// and an old one when the caller states whose and how recent, each as its own failure.</summary>
public sealed class ExportVerificationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<(SubjectsHost Host, SubjectData Ana, SubjectData Bea)> StartAsync(TempDirectory folder)
    {
        var host = await SubjectsHost.SqliteAsync(folder);
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        var bea = SubjectData.Create("bea", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities, .. bea.Entities]);
        return (host, ana, bea);
    }

    [Fact]
    public async Task Another_subjects_intact_package_fails_when_the_expected_subject_is_stated()
    {
        var (host, ana, bea) = await StartAsync(_folder);
        await using var _ = host;
        var beasPackage = await host.ExportBytesAsync(bea.Shopper.Id);

        var asAnas = await host.Subjects.VerifyAsync(new MemoryStream(beasPackage), new ExportTrust { ExpectedSubject = ana.Shopper.Id });
        var anyone = await host.Subjects.VerifyAsync(new MemoryStream(beasPackage), ExportTrust.HashesOnly);

        Assert.False(asAnas.IsValid);
        Assert.True((asAnas.IsOtherSubject, asAnas.IsStale) == (true, false), string.Join(" ", asAnas.Problems));
        Assert.Contains(asAnas.Problems, p => p.Contains("another subject", StringComparison.Ordinal));
        Assert.True(anyone.IsValid); // intact: only the stated expectation fails it
    }

    [Fact]
    public async Task The_expected_subject_may_be_stated_in_any_spelling_the_model_accepts()
    {
        var (host, ana, _) = await StartAsync(_folder);
        await using var __ = host;
        var package = await host.ExportBytesAsync(ana.Shopper.Id);

        var result = await host.Subjects.VerifyAsync(new MemoryStream(package),
            new ExportTrust { ExpectedSubject = new SubjectId(ana.Shopper.Id.ToString("B").ToUpperInvariant()) });

        Assert.True(result.IsValid, string.Join(" ", result.Problems));
    }

    [Fact]
    public async Task An_old_package_fails_max_age_on_the_services_clock()
    {
        var (host, ana, _) = await StartAsync(_folder);
        await using var _ = host;
        var package = await host.ExportBytesAsync(ana.Shopper.Id);
        var trust = new ExportTrust { ExpectedSubject = ana.Shopper.Id, MaxAge = TimeSpan.FromDays(30) };

        var fresh = await host.Subjects.VerifyAsync(new MemoryStream(package), trust);
        host.Clock.Advance(TimeSpan.FromDays(31));
        var old = await host.Subjects.VerifyAsync(new MemoryStream(package), trust);

        Assert.True(fresh.IsValid, string.Join(" ", fresh.Problems));
        Assert.False(old.IsValid);
        Assert.True((old.IsStale, old.IsOtherSubject) == (true, false), string.Join(" ", old.Problems));
        Assert.Contains(old.Problems, p => p.Contains("MaxAge", StringComparison.Ordinal));
    }
}
