namespace DataGuard.Pkcs11.Tests.Testing;

/// <summary>A fact that needs SoftHSM2 (Debian's softhsm2: softhsm2-util and libsofthsm2.so; .ci/run installs it).
/// Without it the test is reported as skipped with the reason; with it, a token that cannot be set up fails the test.</summary>
public sealed class SoftHsmFactAttribute : FactAttribute
{
    public SoftHsmFactAttribute()
    {
        if (SoftHsm.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
