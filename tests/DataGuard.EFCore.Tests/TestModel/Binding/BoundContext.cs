using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary><see cref="RowBoundContext"/> registered as its own type, beside <see cref="UnboundContext"/>.</summary>
public class BoundContext(DbContextOptions<BoundContext> options) : RowBoundContext(options);
