using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>An application on the ring (subject keys off) whose context is <typeparamref name="TContext"/>.</summary>
internal sealed class BindingHost<TContext> : DataGuardTestHost<TContext>
    where TContext : DbContext
{
    private BindingHost(Parts parts)
        : base(parts)
    {
    }

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public IFieldReencryptor Reencryptor => Services.GetRequiredService<IFieldReencryptor>();

    public static Task<BindingHost<TContext>> StartAsync(Action<DbContextOptionsBuilder> database, IDataProtectionProvider dataProtection, bool create, Action<DataGuardOptions>? configure)
        => StartAsync(new Setup(database) { DataProtection = dataProtection, Create = create, Configure = configure }, static parts => new BindingHost<TContext>(parts));
}
