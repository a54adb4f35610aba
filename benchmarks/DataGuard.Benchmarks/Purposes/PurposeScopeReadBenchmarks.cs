using BenchmarkDotNet.Attributes;
using DataGuard.Audit;
using DataGuard.Benchmarks.Encryption;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Subjects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Purposes;

/// <summary>A no-tracking read of 1,000 encrypted rows inside a purpose scope against the same read outside one (issue
/// target: within 1.1x). The rows belong to <see cref="Subjects"/> data subjects: the scope checks each subject's consent
/// state once, the declaration once per entity type.</summary>
[MemoryDiagnoser]
public class PurposeScopeReadBenchmarks
{
    internal const int Rows = 1_000;
    private static readonly AsyncLocal<object?> Other = new();
    private ServiceProvider _services = null!;
    private string _folder = "";
    private Guid[] _people = [];

    [Params(1, 10)]
    public int Subjects { get; set; }

    public class Contact
    {
        public int Id { get; set; }
        [DataSubject] public Guid PersonId { get; set; }
        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    }

    public class ContactsDb(DbContextOptions<ContactsDb> options) : DbContext(options)
    {
        public DbSet<Contact> Contacts => Set<Contact>();
    }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-purpose-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _services = BenchmarkServices.Create(s =>
        {
            s.AddDataGuard(o => o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Contact, PersonalCategory.Identity))
                .UseEntityFrameworkStores<ContactsDb>();
            s.AddDbContext<ContactsDb>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(_folder, "contacts.db")}").UseDataGuard(sp));
        });
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDb>();
        db.Database.EnsureCreated();
        _people = [.. Enumerable.Range(0, Subjects).Select(_ => Guid.NewGuid())];
        db.Contacts.AddRange(Enumerable.Range(0, Rows)
            .Select(i => new Contact { PersonId = _people[i % _people.Length], Email = $"user{i}@example.com", Name = $"User Number {i}" }));
        db.SaveChanges();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private int Read()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ContactsDb>().Contacts.AsNoTracking().ToList().Count;
    }

    [Benchmark(Baseline = true)]
    public int WithoutScope() => Read();

    /// <summary>The read outside a scope with two <see cref="AsyncLocal{T}"/> values set, as a scope sets (its own and the
    /// audit context's): EF Core's thread-safety check writes an <see cref="AsyncLocal{T}"/> twice per row, and each write
    /// copies every value the flow holds, so this isolates what a scope costs a read before its check runs.</summary>
    [Benchmark]
    public int WithoutScopeTwoAsyncLocals()
    {
        using (_services.GetRequiredService<IAuditContext>().Begin(actor: null, purpose: "billing"))
        {
            Other.Value = this;
            try
            {
                return Read();
            }
            finally
            {
                Other.Value = null;
            }
        }
    }

    /// <summary>The steady state: the subjects' consent states were read by an earlier scope within
    /// <see cref="PurposeLimitationOptions.ConsentCacheDuration"/>.</summary>
    [Benchmark]
    public int InsidePurposeScope()
    {
        using (_services.GetRequiredService<IPurposeContext>().Begin("billing"))
        {
            return Read();
        }
    }

    /// <summary>The first read of these subjects: every consent state is looked up (the shared cache is emptied).</summary>
    [Benchmark]
    public int InsidePurposeScopeColdConsent()
    {
        var cache = _services.GetRequiredService<PurposeConsentCache>();
        foreach (var person in _people)
        {
            cache.Forget(SubjectId.From(person));
        }

        using (_services.GetRequiredService<IPurposeContext>().Begin("billing"))
        {
            return Read();
        }
    }
}
