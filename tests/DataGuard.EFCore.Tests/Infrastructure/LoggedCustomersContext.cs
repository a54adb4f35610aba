using DataGuard.EFCore.Tests.TestModel;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Infrastructure;

public sealed class LoggedCustomersContext(DbContextOptions<LoggedCustomersContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
}
