namespace DataGuard.EFCore.Subjects;

/// <summary>The order erasure works the entities in: dependents before their principals.</summary>
internal static class ErasureOrder
{
    /// <summary>Orders the targets so that an entity comes before every entity its foreign keys point to (children
    /// before parents); a cycle keeps the model's order for the entities on it.</summary>
    internal static List<SubjectTarget> DependentsFirst(IReadOnlyList<SubjectTarget> targets)
    {
        var ordered = new List<SubjectTarget>(targets.Count);
        var state = new Dictionary<SubjectTarget, bool>(); // false: visiting, true: done
        foreach (var target in targets.OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            Visit(target);
        }

        ordered.Reverse();
        return ordered;

        // Post-order over the foreign keys: a principal is added before the entities that point to it; reversed,
        // dependents come first.
        void Visit(SubjectTarget target)
        {
            if (state.ContainsKey(target))
            {
                return;
            }

            state[target] = false;
            foreach (var fk in target.EntityType.GetForeignKeys())
            {
                if (targets.FirstOrDefault(t => t.EntityType == fk.PrincipalEntityType) is { } principal && principal != target)
                {
                    Visit(principal);
                }
            }

            state[target] = true;
            ordered.Add(target);
        }
    }
}
