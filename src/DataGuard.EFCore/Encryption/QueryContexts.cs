using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace DataGuard.EFCore.Encryption;

/// <summary>Finds the context an EF Core query belongs to, for <c>WhereEncrypted</c> on a composed query: the blind
/// index is keyed by the context's application (its key ring), so the hash is computed before the query runs.</summary>
internal static class QueryContexts
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic;

    public static DbContext ContextOf(IQueryable source)
    {
        if (source is IInfrastructure<IServiceProvider> set)
        {
            return set.GetService<ICurrentDbContext>().Context; // a DbSet
        }

        // EF Core has no public way from a composed query back to its context. Its query provider holds the query
        // compiler, which holds the factory of query contexts; each query context names the DbContext. Checked by the
        // WhereEncrypted tests on every EF Core upgrade.
        var provider = source.Provider;
        var compiler = provider.GetType().GetField("_queryCompiler", Instance)?.GetValue(provider);
        var factory = compiler?.GetType().GetField("_queryContextFactory", Instance)?.GetValue(compiler) as IQueryContextFactory;
        return factory?.Create().Context
            ?? throw new InvalidOperationException("WhereEncrypted needs a query of an EF Core context (a DbSet, or a query composed from one); this " +
                $"query's provider is {provider.GetType().Name}.");
    }
}
