using DataGuard.Consent;
using DataGuard.Model;

namespace DataGuard.Purposes;

/// <summary>The declaration half of purpose limitation, shared by <see cref="PurposeGuard"/> and purpose scopes: is the
/// purpose declared, does it declare the categories, does the entity allow it. Consent is the other half.</summary>
internal static class PurposeRules
{
    /// <summary>The refusal of an undeclared purpose.</summary>
    public static PurposeDecision NotDeclared(string purpose) => new(purpose, PurposeDenialReason.NotDeclared, [], null);

    /// <summary>The declaration's refusal, or <see langword="null"/> when the declaration allows the use.</summary>
    public static PurposeDecision? Check(Purpose purpose, Type? entityType, IEnumerable<PersonalCategory> categories)
    {
        if (entityType is not null && AllowedPurposes(entityType) is { } allowed
            && !allowed.Any(p => string.Equals(p, purpose.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return new PurposeDecision(purpose.Name, PurposeDenialReason.EntityNotAllowed, [], null);
        }

        List<PersonalCategory>? refused = null;
        foreach (var category in categories)
        {
            if (!purpose.MayUse(entityType, category) && !(refused ??= []).Contains(category))
            {
                refused.Add(category);
            }
        }

        return refused is null ? null : new PurposeDecision(purpose.Name, PurposeDenialReason.CategoryNotDeclared, refused, null);
    }

    /// <summary>The entity's <see cref="AllowedPurposesAttribute"/> list, or <see langword="null"/> when it has none.</summary>
    public static IReadOnlyList<string>? AllowedPurposes(Type entityType)
        => AllowedPurposesCache.Get(entityType);

    private static class AllowedPurposesCache
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<string>?> Lists = new();

        public static IReadOnlyList<string>? Get(Type type)
            => Lists.GetOrAdd(
                type,
                static t => (t.GetCustomAttributes(typeof(AllowedPurposesAttribute), inherit: false).FirstOrDefault() as AllowedPurposesAttribute)?.Purposes);
    }
}
