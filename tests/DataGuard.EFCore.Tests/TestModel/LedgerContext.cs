using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The key-lifecycle tests' context: a soft-deleted searchable entity behind a named query filter, a subject
/// entity, and rows whose subject is optional.</summary>
public class LedgerContext(DbContextOptions<LedgerContext> options) : DbContext(options)
{
    public DbSet<Memo> Memos => Set<Memo>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Memo>().Property(m => m.Id).ValueGeneratedNever();
        modelBuilder.Entity<Memo>().HasQueryFilter("SoftDelete", m => !m.IsDeleted);
        modelBuilder.Entity<Message>().Property(m => m.Id).ValueGeneratedNever();
    }
}

public class Memo
{
    public int Id { get; set; }
    [Personal(Searchable = true)] public string Text { get; set; } = "";
    public bool IsDeleted { get; set; }
}

public class Contact
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal] public string? Nickname { get; set; }
}

public class Message
{
    public int Id { get; set; }
    [DataSubject] public Guid? ContactId { get; set; }
    [Personal] public string Body { get; set; } = "";
}
