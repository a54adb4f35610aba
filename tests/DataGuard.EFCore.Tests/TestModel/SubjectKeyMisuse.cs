using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A scalar personal property on an entity with a subject: not supported with subject keys.</summary>
public class Applicant
{
    [DataSubject] public Guid Id { get; set; }
    [Personal] public DateOnly BirthDate { get; set; }
}

public class ApplicantContext(DbContextOptions<ApplicantContext> options) : DbContext(options)
{
    public DbSet<Applicant> Applicants => Set<Applicant>();
}

/// <summary>An owned type with an encrypted property: not supported with subject keys.</summary>
public class Household
{
    public int Id { get; set; }
    [DataSubject] public Guid OwnerId { get; set; }
    public HomeAddress Address { get; set; } = new();
}

[Owned]
public class HomeAddress
{
    [Personal] public string Street { get; set; } = "";
}

public class HouseholdContext(DbContextOptions<HouseholdContext> options) : DbContext(options)
{
    public DbSet<Household> Households => Set<Household>();
}

/// <summary>A subject id the database generates: unknown when the row is encrypted.</summary>
public class Subscriber
{
    [DataSubject] public int Id { get; set; }
    [Personal] public string Email { get; set; } = "";
}

public class SubscriberContext(DbContextOptions<SubscriberContext> options) : DbContext(options)
{
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
}
