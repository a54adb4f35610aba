using DataGuard.Subjects;

namespace DataGuard.Keys;

/// <summary>A key as an <see cref="IKeyStore"/> keeps it: wrapped by the <see cref="IKeyWrapper"/>, never in clear.</summary>
public sealed class DataKeyRecord
{
    /// <summary>The key id stored in every value encrypted with it; assigned by the store when the key is added.</summary>
    public int Id { get; set; }

    /// <summary>What the key is for.</summary>
    public DataKeyKind Kind { get; set; }

    /// <summary>The key's state.</summary>
    public DataKeyStatus Status { get; set; }

    /// <summary>The key material wrapped by the key-encryption key; <see langword="null"/> once retired.</summary>
    public byte[]? WrappedKey { get; set; }

    /// <summary>For a <see cref="DataKeyKind.Subject"/> key, the canonical text of its data subject's id
    /// (<see cref="DataGuard.Subjects.SubjectId"/>); <see langword="null"/> for every other key. At most one key per subject.</summary>
    public string? SubjectId { get; set; }

    /// <summary>The tenant whose key this is (<see cref="DataGuard.Tenants.ITenantContext.Current"/> when it was created),
    /// or <see langword="null"/> for the platform's keys. A store keeps it with the key and, when a tenant scope is open,
    /// returns only that tenant's keys; DataGuard also ignores any key of another tenant a store returns.</summary>
    public string? TenantId { get; set; }

    /// <summary>When the key was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key stopped encrypting (rotation) or was retired, if it has.</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }
}
