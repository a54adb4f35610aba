namespace DataGuard.Model;

/// <summary>
/// Thrown when building the personal-data model finds misused annotations (for example two
/// <see cref="DataSubjectAttribute"/> properties on one type). Every problem found is listed, each naming the type
/// and property, so that one start-up shows all of them.
/// </summary>
public sealed class DataGuardModelException : DataGuardException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">One message per problem; must not be empty.</param>
    public DataGuardModelException(IReadOnlyList<string> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>One message per problem found, each naming the type and property.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        return errors.Count == 1
            ? "DataGuard's personal-data model is invalid: " + errors[0]
            : "DataGuard's personal-data model is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(static e => " - " + e));
    }
}
