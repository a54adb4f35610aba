using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>How one entity type of the pool is configured in a generated model.</summary>
/// <param name="Node">Which entity type.</param>
/// <param name="Required">Whether its foreign key to its parent is required (ignored for the root).</param>
/// <param name="OnDelete">The foreign key's delete behaviour (Cascade, Restrict or SetNull; SetNull only when optional).</param>
/// <param name="Link">How it reaches the data subject.</param>
/// <param name="SoftDelete">Whether it has a global query filter <c>!IsDeleted</c>.</param>
/// <param name="NamedFilter">Whether that filter is an EF Core 10 named filter.</param>
/// <param name="Owned">Whether <see cref="ModelRow.Address"/> is mapped as an owned type with personal properties.</param>
/// <param name="Encrypt">Whether its personal properties are encrypted.</param>
/// <param name="Searchable">Whether <see cref="ModelRow.Email"/> is searchable (blind index).</param>
/// <param name="Retention">Its retention policy, if any.</param>
/// <param name="Erasure">Its declared erasure action, if any.</param>
public sealed record EntitySpec(
    ModelNode Node,
    bool Required,
    DeleteBehavior OnDelete,
    SubjectLink Link,
    bool SoftDelete,
    bool NamedFilter,
    bool Owned,
    bool Encrypt,
    bool Searchable,
    RetentionSpec? Retention,
    ErasureAction? Erasure)
{
    public override string ToString()
    {
        var parts = new List<string> { Node.ToString() };
        if (Node != ModelNode.Root)
        {
            parts.Add($"{(Required ? "required" : "optional")} FK {OnDelete}");
        }

        parts.Add(Link switch { SubjectLink.Own => "own subject", SubjectLink.PathToRoot => "path to root", _ => "path to nearest" });
        if (SoftDelete)
        {
            parts.Add(NamedFilter ? "named soft-delete filter" : "soft-delete filter");
        }

        if (Owned)
        {
            parts.Add("owned address");
        }

        parts.Add(Encrypt ? (Searchable ? "encrypted+searchable" : "encrypted") : "clear");
        if (Retention is not null)
        {
            parts.Add(Retention.ToString());
        }

        if (Erasure is not null)
        {
            parts.Add($"erasure {Erasure}");
        }

        return string.Join(", ", parts);
    }
}
