using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>An application context with a table of its own; DataGuard's request tables join it.</summary>
public sealed class RequestsDb(DbContextOptions<RequestsDb> options) : DbContext(options)
{
    public DbSet<Consent.Note> Notes => Set<Consent.Note>();
}
