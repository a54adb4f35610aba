using DataGuard.EFCore.Model;
using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Microsoft.EntityFrameworkCore;

/// <summary>The fluent equivalent of <see cref="PersonalAttribute"/>, for properties the application cannot annotate.
/// It replaces an attribute on the same property.</summary>
public static class DataGuardPropertyBuilderExtensions
{
    /// <summary>Marks the property as personal data, like <see cref="PersonalAttribute"/>.</summary>
    /// <typeparam name="TProperty">The property type.</typeparam>
    /// <param name="builder">The property builder.</param>
    /// <param name="category">What kind of personal data the property holds.</param>
    /// <param name="searchable">Whether the encrypted value can be found by equality (strings only).</param>
    /// <param name="mask">How the value is masked; <see cref="MaskStyle.Default"/> uses the category's default.</param>
    /// <param name="encrypt">Whether the value is encrypted at rest.</param>
    /// <returns>The same builder.</returns>
    public static PropertyBuilder<TProperty> IsPersonal<TProperty>(
        this PropertyBuilder<TProperty> builder,
        PersonalCategory category = PersonalCategory.General,
        bool searchable = false,
        MaskStyle mask = MaskStyle.Default,
        bool encrypt = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.PersonalCategory, category.ToString());
        builder.HasAnnotation(DataGuardAnnotationNames.Mask, mask.ToString());
        builder.HasAnnotation(DataGuardAnnotationNames.Searchable, searchable);
        builder.HasAnnotation(DataGuardAnnotationNames.Encrypt, encrypt);
        return builder;
    }
}
