namespace DataGuard.AspNetCore.Console;

/// <summary>How many subjects' consent for a purpose stood in force, withdrawn (or objected to) and expired at the end
/// of a month (<c>yyyy-MM</c>); for the current month, now.</summary>
internal sealed record ConsentMonth(string Month, int InForce, int Withdrawn, int Expired);
