using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Tests.Encryption;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Keys;

public sealed class SubjectKeyRingTests : IDisposable
{
    private readonly TestKeyRing _ring = new(o =>
    {
        o.Encryption.SubjectKeys = true;
        o.Encryption.SubjectKeyCacheSize = 8;
    });

    public void Dispose() => _ring.Dispose();

    private SubjectKeyRing Subjects => _ring.Services.GetRequiredService<SubjectKeyRing>();

    [Fact]
    public async Task Each_subject_gets_one_wrapped_key_created_on_first_write_and_reused()
    {
        var first = await Subjects.ResolveForWriteAsync(["a", "b"], CancellationToken.None);
        var again = await Subjects.ResolveForWriteAsync(["a", "b", "c"], CancellationToken.None);

        Assert.Equal(first["a"].KeyId, again["a"].KeyId);
        Assert.NotEqual(first["a"].KeyId, first["b"].KeyId);
        var stored = await _ring.Store.GetSubjectKeysAsync(["a", "b", "c"]);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, k => Assert.Equal((DataKeyKind.Subject, DataKeyStatus.Active, true), (k.Kind, k.Status, k.WrappedKey is { Length: > 32 })));
        Assert.DoesNotContain(await _ring.Store.GetAllAsync(), k => k.SubjectId is not null); // the ring never loads them
    }

    [Fact]
    public async Task Shredding_is_idempotent_audited_once_and_never_followed_by_a_new_key()
    {
        using var ring = new TestKeyRing(o => o.Encryption.SubjectKeys = true);
        var created = (await ring.Services.GetRequiredService<SubjectKeyRing>().ResolveForWriteAsync(["ana"], CancellationToken.None))["ana"];

        await ring.Keys.ShredAsync((SubjectId)"ana");
        await ring.Keys.ShredAsync((SubjectId)"ana");

        var record = Assert.Single(await ring.Store.GetSubjectKeysAsync(["ana"]));
        Assert.Equal((created.KeyId, DataKeyStatus.Shredded, (byte[]?)null), (record.Id, record.Status, record.WrappedKey));
        Assert.Equal(SubjectKeyStatus.Shredded,
            (await ring.Services.GetRequiredService<SubjectKeyRing>().ResolveForWriteAsync(["ana"], CancellationToken.None))["ana"].Status);
        Assert.Equal(SubjectKeyStatus.Shredded, ring.Services.GetRequiredService<SubjectKeyRing>().ResolveForRead("ana", created.KeyId).Status);
    }

    [Fact]
    public async Task Shredding_needs_subject_keys_to_be_on()
    {
        using var ring = new TestKeyRing();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ring.Keys.ShredAsync((SubjectId)"ana"));
    }

    [Fact]
    public async Task The_cache_stays_within_its_bound_and_evicted_keys_are_read_again()
    {
        var subjects = Enumerable.Range(0, 40).Select(i => "s" + i).ToList();
        var keys = await Subjects.ResolveForWriteAsync(subjects, CancellationToken.None);
        foreach (var subject in subjects)
        {
            Assert.Equal(SubjectKeyStatus.Found, Subjects.ResolveForRead(subject, keys[subject].KeyId).Status);
        }

        Assert.Equal(SubjectKeyStatus.OtherSubject, Subjects.ResolveForRead("s1", keys["s2"].KeyId).Status);
        Assert.Equal(SubjectKeyStatus.Missing, Subjects.ResolveForRead("nobody", 99_999).Status);
    }

    [Fact]
    public async Task Subject_keys_evicted_from_the_cache_are_zeroed_with_their_expanded_keys_when_collected()
    {
        var cached = await CacheKeysAsync([.. Enumerable.Range(0, 8).Select(static i => "old" + i)]);
        await Subjects.ResolveForWriteAsync([.. Enumerable.Range(0, 40).Select(static i => "new" + i)], CancellationToken.None);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        var evicted = cached.Where(static c => !c.Entry.IsAlive).ToList();
        Assert.NotEmpty(evicted);
        Assert.All(evicted, static c => Assert.All(c.Material.Concat(c.Expanded), static b => Assert.Equal(0, b)));
    }

    /// <summary>Creates and caches the subjects' keys, expanded for libsodium, and keeps only their buffers and weak
    /// references to the entries.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<(byte[] Material, byte[] Expanded, WeakReference Entry)[]> CacheKeysAsync(string[] subjects)
    {
        var keys = await Subjects.ResolveForWriteAsync(subjects, CancellationToken.None);
        return [.. keys.Values.Select(static k => (k.Key!.MaterialBuffer, k.Key.LibsodiumState.Buffer, new WeakReference(k.Key)))];
    }

    [Fact]
    public async Task A_damaged_or_foreign_wrapped_key_fails_clearly_with_its_key_id()
    {
        await Subjects.ResolveForWriteAsync(["ana"], CancellationToken.None);
        var wrapped = Assert.Single(await _ring.Store.GetSubjectKeysAsync(["ana"])).WrappedKey!;
        byte[][] damaged = [wrapped[..10], [], [.. wrapped.Select(static (b, i) => i == 40 ? (byte)(b ^ 1) : b)], new byte[4096]];
        for (var i = 0; i < damaged.Length; i++)
        {
            var stored = (await _ring.Store.AddSubjectKeysAsync([Record("damaged" + i, damaged[i])]))[0];
            var ex = Assert.Throws<DataGuardCryptoException>(() => Subjects.ResolveForRead("damaged" + i, stored.Id));
            Assert.Equal(stored.Id, ex.KeyId);
            Assert.Contains("could not be unwrapped", ex.Message, StringComparison.Ordinal);
        }

        // Wrapped by another application's key-encryption key.
        using var other = new TestKeyRing(o => o.Encryption.SubjectKeys = true);
        var foreign = (await other.Store.AddSubjectKeysAsync([Record("ana", wrapped)]))[0];
        var wrong = Assert.Throws<DataGuardCryptoException>(() => other.Services.GetRequiredService<SubjectKeyRing>().ResolveForRead("ana", foreign.Id));
        Assert.Equal(foreign.Id, wrong.KeyId);
    }

    [Fact]
    public async Task A_second_key_for_a_subject_is_refused_by_the_store()
    {
        await _ring.Store.AddSubjectKeysAsync([Record("ana", [1])]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _ring.Store.AddSubjectKeysAsync([Record("ana", [2])]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _ring.Store.AddSubjectKeysAsync([Record("bo", [2]), Record("bo", [3])]));
        Assert.Empty(await _ring.Store.GetSubjectKeysAsync(["bo"]));
    }

    private static DataKeyRecord Record(string subject, byte[] wrapped)
        => new() { Kind = DataKeyKind.Subject, Status = DataKeyStatus.Active, SubjectId = subject, WrappedKey = wrapped, CreatedAt = DateTimeOffset.UnixEpoch };
}
