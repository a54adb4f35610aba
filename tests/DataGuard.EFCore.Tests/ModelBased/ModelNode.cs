namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The entity types of the fixed pool, in principal-before-dependent order.</summary>
public enum ModelNode
{
    Root,
    BranchA,
    BranchB,
    Leaf,
    Twig,
}
