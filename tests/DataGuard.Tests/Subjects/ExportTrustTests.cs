using DataGuard.Subjects;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Subjects;

/// <summary>Whose and how recent: <see cref="ExportTrust.ExpectedSubject"/> and <see cref="ExportTrust.MaxAge"/> on the
/// static verifier (the sample package is subject-1's, created 2026-11-23 09:00 UTC).</summary>
public sealed class ExportTrustTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_package_of_another_subject_fails_with_its_own_flag()
    {
        var bytes = await TestPackages.SampleAsync();

        var other = await SubjectExportPackage.VerifyAsync(new MemoryStream(bytes), new ExportTrust { ExpectedSubject = new SubjectId("subject-2") });
        var same = await SubjectExportPackage.VerifyAsync(new MemoryStream(bytes), new ExportTrust { ExpectedSubject = new SubjectId("subject-1") });

        Assert.Equal((false, true, false), (other.IsValid, other.IsOtherSubject, other.IsStale));
        Assert.True(same.IsValid, string.Join(" ", same.Problems));
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public async Task A_package_older_than_max_age_fails_with_its_own_flag(int daysLater, bool valid)
    {
        var bytes = await TestPackages.SampleAsync();
        var trust = new ExportTrust { MaxAge = TimeSpan.FromDays(30), TimeProvider = new FakeTimeProvider(Created.AddDays(daysLater)) };

        var result = await SubjectExportPackage.VerifyAsync(new MemoryStream(bytes), trust);

        Assert.Equal((valid, !valid, false), (result.IsValid, result.IsStale, result.IsOtherSubject));
    }

    [Fact]
    public async Task A_package_dated_in_the_future_fails_max_age()
    {
        var bytes = await TestPackages.SampleAsync();
        var trust = new ExportTrust { MaxAge = TimeSpan.FromDays(30), TimeProvider = new FakeTimeProvider(Created.AddHours(-1)) };

        var result = await SubjectExportPackage.VerifyAsync(new MemoryStream(bytes), trust);

        Assert.True(result.IsStale);
        Assert.Contains("future", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_age_must_be_positive()
    {
        var bytes = await TestPackages.SampleAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SubjectExportPackage.VerifyAsync(new MemoryStream(bytes),
            new ExportTrust { MaxAge = TimeSpan.Zero }));
    }
}
