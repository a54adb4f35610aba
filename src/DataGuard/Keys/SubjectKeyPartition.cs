namespace DataGuard.Keys;

/// <summary>The subject keys of one tenant (or of the platform) in this instance: the context their keys are wrapped
/// with, and their cache.</summary>
internal sealed class SubjectKeyPartition
{
    public SubjectKeyPartition(KeyRingContext context)
    {
        Context = context;
        Cache = new SubjectKeyCache(context, () => Store);
    }

    public KeyRingContext Context { get; }

    public SubjectKeyCache Cache { get; }

    public ISubjectKeyStore Store => Context.Store as ISubjectKeyStore
        ?? throw new InvalidOperationException($"Subject keys need a key store that keeps them: {Context.Store.GetType().Name} does not implement " +
            "ISubjectKeyStore (the EF Core store and InMemoryKeyStore do).");
}
