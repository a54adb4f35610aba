namespace DataGuard.Keys;

/// <summary>A rotation made because data key <paramref name="Previous"/> spent its nonce budget: audited once the ring's
/// load lock is released.</summary>
internal sealed record BudgetRotation(int Previous, int Created, long Budget);
