using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Consent;

/// <summary>An application context with no tables of its own; DataGuard's consent table joins it.</summary>
public sealed class ConsentBenchmarkDb(DbContextOptions<ConsentBenchmarkDb> options) : DbContext(options)
{
}
