namespace DataGuard.Tenants;

/// <summary>Work for one tenant was asked for while another tenant's scope is open on the same flow. DataGuard refuses
/// rather than switch, so one tenant's request or job cannot reach another tenant's data.</summary>
public sealed class TenantMismatchException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="current">The tenant whose scope is open.</param>
    /// <param name="requested">The tenant that was asked for.</param>
    public TenantMismatchException(string current, string requested)
        : base($"A scope for tenant '{requested}' cannot open inside the scope of tenant '{current}': one flow works for one tenant. Run the other tenant's " +
            "work on a flow of its own.")
    {
        Current = current;
        Requested = requested;
    }

    /// <summary>Creates the exception with its own message, for a refused write or read of another tenant's data.</summary>
    /// <param name="current">The tenant of the current scope.</param>
    /// <param name="requested">The tenant the data belongs to.</param>
    /// <param name="message">What was refused; names entity, property and tenant ids, never a personal value.</param>
    internal TenantMismatchException(string current, string requested, string message)
        : base(message)
    {
        Current = current;
        Requested = requested;
    }

    /// <summary>The tenant whose scope is open.</summary>
    public string Current { get; }

    /// <summary>The tenant that was asked for.</summary>
    public string Requested { get; }
}
