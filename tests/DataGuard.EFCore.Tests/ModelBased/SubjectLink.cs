namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>How an entity reaches its data subject.</summary>
public enum SubjectLink
{
    /// <summary>Its own data-subject column (the root's key, or a branch's foreign key to the root).</summary>
    Own,

    /// <summary>A subject path that ends at the root's key (<c>Parent.Root.Id</c>).</summary>
    PathToRoot,

    /// <summary>A subject path that ends at the nearest entity with its own subject column (<c>Parent.RootId</c>).</summary>
    PathToNearest,
}
