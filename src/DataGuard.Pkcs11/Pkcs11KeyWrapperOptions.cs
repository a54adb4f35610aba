using System.ComponentModel.DataAnnotations;
using DataGuard.Keys;

namespace DataGuard.Pkcs11;

/// <summary>
/// Where a <see cref="Pkcs11KeyWrapper"/> finds its key-encryption key: the PKCS#11 library, the token, the user PIN and
/// the labels of the AES keys on the token. Validated when the host starts (or when a wrapper is created directly); the
/// messages name the setting, never the PIN.
/// </summary>
public sealed class Pkcs11KeyWrapperOptions
{
    /// <summary>The PKCS#11 library of the HSM or token, for example <c>/usr/lib/softhsm/libsofthsm2.so</c>. Required.</summary>
    public string LibraryPath { get; set; } = "";

    /// <summary>The label of the token that holds the keys. Set this or <see cref="SlotId"/>.</summary>
    public string? TokenLabel { get; set; }

    /// <summary>The slot of the token, when the token has no unique label. Set this or <see cref="TokenLabel"/>.</summary>
    public ulong? SlotId { get; set; }

    /// <summary>The token's user PIN. Required. Bind it from configuration or a secret store; DataGuard never logs it or
    /// puts it in a message.</summary>
    public string Pin { get; set; } = "";

    /// <summary>The label (<c>CKA_LABEL</c>) of the AES key that wraps new data keys. Required, at most 255 UTF-8 bytes,
    /// unique on the token. A wrapped key records this label, so rotating means adding a key under a new label, moving
    /// the old label to <see cref="PreviousKeyLabels"/> and re-wrapping (<c>IKeyManager.RewrapAsync</c>).</summary>
    public string KeyLabel { get; set; } = "";

    /// <summary>Labels of earlier key-encryption keys: keys wrapped by them still unwrap (and are reported as needing a
    /// re-wrap) until the key is deleted from the token. A wrapped key that names a label in neither list is refused, so
    /// a wrapped key copied from another tenant's store does not unwrap here even on a shared token.</summary>
    public IList<string> PreviousKeyLabels { get; } = [];

    /// <summary>The tenant or purpose this wrapper serves, named in its errors and logs (for example the tenant id of a
    /// customer-managed key). Optional.</summary>
    public string? Tenant { get; set; }

    /// <summary>How many idle logged-in sessions to keep open for reuse (1 to 64; default 4). Each concurrent wrap or
    /// unwrap uses a session of its own.</summary>
    [Range(1, 64)]
    public int MaxIdleSessions { get; set; } = 4;
}
