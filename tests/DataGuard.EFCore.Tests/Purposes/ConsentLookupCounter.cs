namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>How many consent lookups reached the store.</summary>
internal sealed class ConsentLookupCounter
{
    public int Count;
}
