using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Where a subject-key no-tracking read of <see cref="SubjectKeyReadBenchmarks"/> (10,000 rows of 10,000 subjects, warm
/// cache) spends its time beyond the plain read, each part against the plain read, interleaved (<see cref="Interleaved"/>):
/// the stored texts read without decrypting them, the subjects' key look-ups alone, and decrypting the 20,000 stored
/// texts with their keys found beforehand, on every row's own key and on one key for all (what 10,000 distinct keys cost
/// the memory caches). Command: <c>dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- subject-breakdown 15</c>.
/// </summary>
internal static class SubjectKeyReadBreakdown
{
    private const int Rows = 10_000;

    public sealed class StoredPatient
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public sealed class StoredDb(DbContextOptions<StoredDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<StoredPatient>().ToTable("Patients");
    }

    public static void Run(int rounds)
    {
        var bench = new SubjectKeyReadBenchmarks();
        bench.Setup();
        try
        {
            var options = new DbContextOptionsBuilder<StoredDb>().UseSqlite($"Data Source={bench.SubjectDatabase}").Options;
            int ReadStored()
            {
                using var db = new StoredDb(options);
                return db.Set<StoredPatient>().AsNoTracking().Take(Rows).ToList().Count;
            }

            List<StoredPatient> stored;
            using (var db = new StoredDb(options))
            {
                stored = [.. db.Set<StoredPatient>().AsNoTracking()];
            }

            var services = bench.Services;
            var ring = services.GetRequiredService<SubjectKeyRing>();
            var encryptor = services.GetRequiredService<FieldEncryptor>();
            string entity;
            using (var scope = services.CreateScope())
            {
                var model = scope.ServiceProvider.GetRequiredService<SubjectKeyReadBenchmarks.SubjectDb>().Model;
                entity = DataGuard.EFCore.Model.EntityTypeSpecReader.DataGuardName(model.FindEntityType(typeof(SubjectKeyReadBenchmarks.SubjectPatient))!);
            }

            var email = encryptor.Column(entity, "Email");
            var name = encryptor.Column(entity, "Name");
            var keyIds = stored.ConvertAll(p => KeyId(p.Email));
            var subjects = stored.ConvertAll(p => SubjectId.From(p.Id).Value);
            var keys = stored.Select((p, i) => ring.ResolveForRead(subjects[i], keyIds[i]).Key!).ToArray();

            int LookUp()
            {
                var found = 0;
                for (var i = 0; i < stored.Count; i++)
                {
                    found += ring.ResolveForRead(SubjectId.From(stored[i].Id).Value, keyIds[i]).Key is null ? 0 : 1;
                }

                return found;
            }

            // As a read looks keys up: by the id's characters, written into a stack buffer, no string per row.
            int LookUpByText()
            {
                var found = 0;
                Span<char> text = stackalloc char[40];
                for (var i = 0; i < stored.Count; i++)
                {
                    stored[i].Id.TryFormat(text, out var written, "D");
                    found += ring.ResolveForRead(text[..written], keyIds[i], out _).Key is null ? 0 : 1;
                }

                return found;
            }

            int DecryptOwnKeys()
            {
                var length = 0;
                for (var i = 0; i < stored.Count; i++)
                {
                    var context = new ValueContext(keys[i], subjects[i], null);
                    length += email.DecryptString(stored[i].Email, context).Length + name.DecryptString(stored[i].Name, context).Length;
                }

                return length;
            }

            // One subject's values, 10,000 times over: the same work on one key that stays in the caches.
            var one = new ValueContext(keys[0], subjects[0], null);
            int DecryptOneKey()
            {
                var length = 0;
                for (var i = 0; i < stored.Count; i++)
                {
                    length += email.DecryptString(stored[0].Email, one).Length + name.DecryptString(stored[0].Name, one).Length;
                }

                return length;
            }

            Interleaved.Measure("subject keys, no tracking: whole read", rounds, bench.ReadPlainNoTracking, bench.ReadSubjectKeysNoTracking);
            Interleaved.Measure("subject keys: stored texts read, not decrypted", rounds, bench.ReadPlainNoTracking, ReadStored);
            Interleaved.Measure("subject keys: key look-ups by a new string per row (as a read did before)", rounds, bench.ReadPlainNoTracking, LookUp);
            Interleaved.Measure("subject keys: key look-ups by the id's text (as a read does now)", rounds, bench.ReadPlainNoTracking, LookUpByText);
            Interleaved.Measure("subject keys: decrypting 20,000 texts, each row's own key", rounds, bench.ReadPlainNoTracking, DecryptOwnKeys);
            Interleaved.Measure("subject keys: decrypting 20,000 texts, one key", rounds, bench.ReadPlainNoTracking, DecryptOneKey);
        }
        finally
        {
            bench.Cleanup();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The key id in a stored text's header.</summary>
    private static int KeyId(string stored)
        => FieldFormat.TryReadTextHeader(stored, out _, out _, out var keyId) ? keyId : throw new InvalidOperationException("Not a DataGuard value.");
}
