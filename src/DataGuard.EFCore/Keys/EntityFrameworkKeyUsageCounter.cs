using DataGuard.Encryption;
using DataGuard.EFCore.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Keys;

/// <summary>
/// Counts the values that name each ring key in every encrypted column of <typeparamref name="TContext"/>'s model, from
/// the first bytes of each value (the header names the key, <see cref="FieldFormat"/>): no decryption, and only the
/// header travels, a batch of rows at a time in key order. Rows hidden by query filters are counted too (plain SQL).
/// </summary>
internal sealed class EntityFrameworkKeyUsageCounter<TContext>(IServiceScopeFactory scopes, FieldEncryptor encryptor) : IKeyUsageCounter
    where TContext : DbContext
{
    private const int BatchSize = 5_000;

    public async Task<KeyUsage> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<int, long>();
        long blindIndexes = 0;
        List<ReencryptionTarget> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            targets = ReencryptionTarget.For(scope.ServiceProvider.GetRequiredService<TContext>().Model, encryptor).ToList();
        }

        foreach (var target in targets)
        {
            object?[]? lastKey = null;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var rows = await target.ReadHeadersAsync(context, lastKey, BatchSize, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    break;
                }

                foreach (var row in rows)
                {
                    for (var i = 0; i < target.Columns.Count; i++)
                    {
                        var header = row[target.KeyColumns.Count + (i * 2)];
                        if (header is string text && text.Length < FieldFormat.TextHeaderLength)
                        {
                            header = null; // shorter than a header: empty or legacy, no key
                        }

                        if (ReencryptionColumn.TryReadRingKeyId(header, out var keyId))
                        {
                            counts[keyId] = counts.GetValueOrDefault(keyId) + 1;
                        }

                        if (Convert.ToInt64(row[target.KeyColumns.Count + (i * 2) + 1], System.Globalization.CultureInfo.InvariantCulture) != 0)
                        {
                            blindIndexes++;
                        }
                    }
                }

                lastKey = rows[^1][..target.KeyColumns.Count];
            }
        }

        return new KeyUsage(counts, blindIndexes);
    }
}
