namespace DataGuard.Analyzers;

/// <summary>What a query does with an encrypted property that the database cannot do on ciphertext.</summary>
internal sealed class QueryFinding
{
    public QueryFinding(string? operation, bool equality)
    {
        Operation = operation;
        Equality = equality;
    }

    /// <summary>What the database cannot do ("compare", "order by", …); null for a projection.</summary>
    public string? Operation { get; }

    /// <summary>An equality that is the whole body of a Where: the WhereEncrypted code fix applies.</summary>
    public bool Equality { get; }
}
