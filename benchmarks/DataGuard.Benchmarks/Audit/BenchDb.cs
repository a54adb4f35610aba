using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Audit;

public class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    public DbSet<BenchCustomer> Customers => Set<BenchCustomer>();
}
