using DataGuard.Encryption;

namespace DataGuard.EFCore.Encryption;

/// <summary>What moving one row to the active key changes: each value decrypted and encrypted again.</summary>
internal static class ReencryptionPlan
{
    /// <summary>The values of a row to move; the first value that cannot be decrypted leaves the whole row alone and is
    /// returned as <paramref name="failure"/>.</summary>
    public static List<ReencryptionChange> For(ReencryptionTarget target, object?[] row, int activeKey, out DataGuardCryptoException? failure)
    {
        failure = null;
        var changes = new List<ReencryptionChange>();
        for (var i = 0; i < target.Columns.Count; i++)
        {
            var column = target.Columns[i];
            var stored = row[target.KeyColumns.Count + (i * 2)];
            if (stored is null || !column.NeedsMove(stored, activeKey))
            {
                continue;
            }

            try
            {
                var (moved, plain) = column.Move(stored, column.RowBound ? target.RowId(row) : null);

                // The plaintext does not change, nor does the blind-index key: an existing index stays as it is. A
                // missing one is filled for a real value (legacy plaintext being encrypted), never for an empty one —
                // an anonymised row keeps no index, so searching for "" cannot find it.
                var index = column.BlindIndex is not null && row[target.KeyColumns.Count + (i * 2) + 1] is null && !string.IsNullOrEmpty(plain)
                    ? column.BlindIndex.Compute(plain)
                    : null;
                changes.Add(new ReencryptionChange(column, stored, moved, index));
            }
            catch (DataGuardCryptoException ex)
            {
                failure = ex.KeyId is null && ColumnKeyId(stored) is { } keyId
                    ? new DataGuardCryptoException(ex.Message, ex.Entity, ex.Property, keyId, ex)
                    : ex;
                changes.Clear();
                return changes;
            }
        }

        return changes;
    }

    private static int? ColumnKeyId(object stored) => ReencryptionColumn.TryReadRingKeyId(stored, out var keyId) ? keyId : null;
}
