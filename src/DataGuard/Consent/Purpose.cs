using DataGuard.Model;
using DataGuard.Purposes;

namespace DataGuard.Consent;

/// <summary>A purpose for which the application processes personal data, declared in <see cref="DataGuardOptions.Purposes"/>.</summary>
public sealed class Purpose
{
    internal Purpose(string name, LawfulBasis lawfulBasis, string? noticeVersion, string? description)
    {
        Name = name;
        LawfulBasis = lawfulBasis;
        NoticeVersion = noticeVersion;
        Description = description;
    }

    /// <summary>The purpose's name, used in code, audit entries and consent records (for example "marketing").</summary>
    public string Name { get; }

    /// <summary>What the data is processed for, in words a data subject understands.</summary>
    public string? Description { get; set; }

    /// <summary>The lawful basis for the processing.</summary>
    public LawfulBasis LawfulBasis { get; set; }

    /// <summary>The version of the privacy notice currently shown for this purpose (for example "2026-11").</summary>
    public string? NoticeVersion { get; set; }

    /// <summary>Whether a consent given under an older notice version still counts. Defaults to <see langword="false"/>:
    /// a changed notice asks again.</summary>
    public bool AcceptsOlderNotices { get; set; }

    /// <summary>How long a consent lasts unless the grant says otherwise; <see langword="null"/> means until withdrawn.</summary>
    public TimeSpan? DefaultExpiry { get; set; }

    /// <summary>Whether processing needs an explicit consent in force: only purposes on a consent basis do.</summary>
    public bool RequiresConsent => LawfulBasis == LawfulBasis.Consent;

    /// <summary>The categories of personal data the purpose may use (<see cref="Uses"/>). A purpose that declares none
    /// uses no personal data: <see cref="IPurposeGuard"/> and purpose scopes refuse it every personal field, except those
    /// of the entities named with <see cref="UsesEntities"/>.</summary>
    public IReadOnlyCollection<PersonalCategory> Categories => _categories;

    /// <summary>The entity types whose personal data the purpose may use whatever its categories (<see cref="UsesEntities"/>).</summary>
    public IReadOnlyCollection<Type> Entities => _entities;

    private readonly HashSet<PersonalCategory> _categories = [];
    private readonly HashSet<Type> _entities = [];

    /// <summary>Declares categories of personal data the purpose may use, for example
    /// <c>o.Purposes.Add("care", …).Uses(PersonalCategory.Health, PersonalCategory.Contact)</c>.</summary>
    /// <param name="categories">The categories.</param>
    /// <returns>The purpose, for further settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a <see cref="PersonalCategory"/>.</exception>
    public Purpose Uses(params PersonalCategory[] categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        foreach (var category in categories)
        {
            if (!Enum.IsDefined(category))
            {
                throw new ArgumentOutOfRangeException(nameof(categories), category, "Not a PersonalCategory.");
            }

            _categories.Add(category);
        }

        return this;
    }

    /// <summary>Declares entity types whose personal data the purpose may use, whatever the categories of their fields
    /// (an entity's own <see cref="AllowedPurposesAttribute"/> still applies).</summary>
    /// <param name="entityTypes">The entity types.</param>
    /// <returns>The purpose, for further settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entityTypes"/> or one of its items is null.</exception>
    public Purpose UsesEntities(params Type[] entityTypes)
    {
        ArgumentNullException.ThrowIfNull(entityTypes);
        foreach (var type in entityTypes)
        {
            ArgumentNullException.ThrowIfNull(type, nameof(entityTypes));
            _entities.Add(type);
        }

        return this;
    }

    /// <summary>Whether the purpose may use a field of <paramref name="category"/> on <paramref name="entityType"/>.</summary>
    internal bool MayUse(Type? entityType, PersonalCategory category)
        => _categories.Contains(category) || (entityType is not null && _entities.Contains(entityType));
}
