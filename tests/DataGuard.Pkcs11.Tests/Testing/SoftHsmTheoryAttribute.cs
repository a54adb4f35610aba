namespace DataGuard.Pkcs11.Tests.Testing;

/// <summary>A theory that needs SoftHSM2; skipped with the reason when it is not installed.</summary>
public sealed class SoftHsmTheoryAttribute : TheoryAttribute
{
    public SoftHsmTheoryAttribute()
    {
        if (SoftHsm.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
