using DataGuard.Model;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>One row as the application reads it (decrypted, every query filter ignored): its personal values by name and
/// its non-personal label.</summary>
internal sealed record RowValues(ModelNode Node, string Key, IReadOnlyDictionary<string, string?> Personal, string Label);
