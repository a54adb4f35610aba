namespace DataGuard.Tenants;

/// <summary>The one spelling of a tenant id: 1 to 64 characters of a-z, 0-9, '-', '_' and '.', starting and ending with
/// a letter or digit. Lower case only, so "Acme" and "acme" can never be two tenants (or one tenant's keys found under
/// another spelling), and safe in host names, key labels, file names and log lines.</summary>
internal static class TenantIds
{
    public const int MaxLength = 64;

    public const string Rule = "A tenant id is 1 to 64 characters of a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit.";

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength || !IsLetterOrDigit(id[0]) || !IsLetterOrDigit(id[^1]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="id"/> is not a tenant id; the message states the rule, not the value (which
    /// may come from a request).</summary>
    public static void Validate(string id, string paramName)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (!IsValid(id))
        {
            throw new ArgumentException(Rule, paramName);
        }
    }

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
