using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>
/// Masks personal values the way their fields are annotated: by <see cref="MaskStyle"/>, by a custom
/// <see cref="IMasker"/> selected with <see cref="MaskWithAttribute"/>, and whole objects for <c>ToString</c> and
/// JSON. Registered as a singleton by <c>AddDataGuard().AddMasking()</c>; thread-safe.
/// </summary>
public sealed class DataMasker
{
    private readonly IMasker[] _byStyle;
    private readonly Dictionary<string, IMasker> _named;
    private readonly ConcurrentDictionary<Type, MaskPlan> _plans = new();
    private readonly Lazy<PersonalDataModel?> _model;

    /// <param name="options">The masks.</param>
    /// <param name="pseudonymKeys">The pseudonym keys.</param>
    /// <param name="model">The application's registered personal-data model, when it has one. It is asked for on first
    /// use, not at construction: the EF Core model it comes from is built through the services that use this masker.</param>
    internal DataMasker(MaskingOptions options, IPseudonymKeyProvider pseudonymKeys, Func<PersonalDataModel?>? model = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pseudonymKeys);
        _model = new Lazy<PersonalDataModel?>(model ?? (static () => null), LazyThreadSafetyMode.ExecutionAndPublication);
        var erase = new EraseMasker(options.Placeholder);
        _byStyle = new IMasker[(int)MaskStyle.Null + 1];
        _byStyle[(int)MaskStyle.Default] = erase;
        _byStyle[(int)MaskStyle.Erase] = erase;
        _byStyle[(int)MaskStyle.Partial] = new PartialMasker(options.Placeholder, options.PartialKeepFirst, options.PartialKeepLast);
        _byStyle[(int)MaskStyle.Email] = new EmailMasker(options.Placeholder, options.EmailMaskDomain);
        _byStyle[(int)MaskStyle.Last4] = new Last4Masker(options.Placeholder);
        _byStyle[(int)MaskStyle.Pseudonym] = new PseudonymMasker(pseudonymKeys, options.PseudonymLength);
        _byStyle[(int)MaskStyle.Null] = NullMasker.Instance;
        _named = new Dictionary<string, IMasker>(options.Maskers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in masker of a style. <see cref="MaskStyle.Default"/> erases, because the category that would
    /// choose is not known here.</summary>
    /// <param name="style">The style.</param>
    /// <returns>The masker.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not a <see cref="MaskStyle"/>.</exception>
    public IMasker GetMasker(MaskStyle style)
    {
        if ((uint)style >= (uint)_byStyle.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, "Not a MaskStyle.");
        }

        return _byStyle[(int)style];
    }

    /// <summary>A custom masker registered by name.</summary>
    /// <param name="name">The registered name (case-insensitive).</param>
    /// <returns>The masker.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="DataGuardException">No masker is registered under <paramref name="name"/>.</exception>
    public IMasker GetMasker(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _named.GetValueOrDefault(name)
               ?? throw DataGuardErrors.Misconfigured($"No masker is registered under the name '{name}'; register it with " +
                   $"AddDataGuard().AddMasker(\"{name}\", masker).");
    }

    /// <summary>Masks a value with a style. <see langword="null"/> stays <see langword="null"/>, and
    /// <see cref="MaskStyle.Null"/> gives <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="style">The style.</param>
    /// <returns>The masked value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not a <see cref="MaskStyle"/>.</exception>
    /// <exception cref="DataGuardException"><see cref="MaskStyle.Pseudonym"/> without a pseudonym key.</exception>
    public string? Mask(string? value, MaskStyle style)
    {
        var masker = GetMasker(style);
        return value is null || masker is NullMasker ? null : masker.Mask(value.AsSpan());
    }

    /// <summary>Masks a value with a style without allocating.</summary>
    /// <param name="value">The value.</param>
    /// <param name="style">The style.</param>
    /// <param name="destination">Where the masked text goes.</param>
    /// <param name="charsWritten">How many characters were written.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not a <see cref="MaskStyle"/>.</exception>
    /// <exception cref="DataGuardException"><see cref="MaskStyle.Pseudonym"/> without a pseudonym key.</exception>
    public bool TryMask(ReadOnlySpan<char> value, MaskStyle style, Span<char> destination, out int charsWritten)
        => GetMasker(style).TryMask(value, destination, out charsWritten);

    /// <summary>
    /// A safe <c>ToString</c> for an object whose type has personal properties, declared with <see cref="PersonalAttribute"/>
    /// or, for an entity of the registered <see cref="PersonalDataModel"/>, with the EF Core fluent API:
    /// <c>Customer { Id = 3f…, Email = a***@example.com, CardNumber = **** **** **** 1111 }</c>. Personal properties are
    /// masked; other properties show numbers, dates, enums, ids and strings, and only the type name of anything else,
    /// so that nested objects cannot leak through their own <c>ToString</c>.
    /// </summary>
    /// <remarks>A C# record's generated <c>ToString</c> prints every property in clear. Override it in records that
    /// hold personal data, or never log or show them without this method.</remarks>
    /// <param name="value">The object.</param>
    /// <returns>The masked description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="DataGuardModelException">The type's annotations are misused.</exception>
    /// <exception cref="DataGuardException">A pseudonym mask without a pseudonym key, or an unknown masker name.</exception>
    public string ToMaskedString(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plan = GetPlan(value.GetType());
        var text = new StringBuilder(plan.TypeName).Append(" { ");
        for (var i = 0; i < plan.Properties.Length; i++)
        {
            var property = plan.Properties[i];
            text.Append(i == 0 ? "" : ", ").Append(property.Info.Name).Append(" = ");
            var raw = property.Info.GetValue(value);
            text.Append(property.Masker is { } masker ? MaskObject(raw, masker) ?? "null" : Describe(raw));
        }

        return text.Append(plan.Properties.Length == 0 ? "}" : " }").ToString();
    }

    /// <summary>
    /// A System.Text.Json type-info modifier that masks personal properties on serialisation (attributes, and the fluent
    /// API for entities of the registered <see cref="PersonalDataModel"/>)
    /// (add it to <c>JsonSerializerOptions.TypeInfoResolver.WithAddedModifier(…)</c>). String properties become their
    /// masked text; other types become a masked string, or <see langword="null"/> under <see cref="MaskStyle.Null"/>.
    /// Deserialisation is unchanged.
    /// </summary>
    /// <param name="reveal">Decides per serialised object whether its personal properties are written in clear, for
    /// example when the caller is the object's data subject; <see langword="null"/> masks always.</param>
    /// <returns>The modifier.</returns>
    public Action<JsonTypeInfo> CreateJsonModifier(Func<object, bool>? reveal = null) => new PersonalJsonModifier(this, reveal).Modify;

    /// <summary>What the personal-data model says about a type: the registered model's entity when the type is one of
    /// its entities (attributes and the EF Core fluent API alike, the same model encryption reads), else the type's
    /// attributes (DTOs, view models, types outside the model).</summary>
    internal PersonalEntityDescriptor Describe(Type type) => _model.Value?.Find(type) ?? PersonalTypeCache.Get(type);

    internal MaskPlan GetPlan(Type type) => _plans.GetOrAdd(type, static (t, masker) => MaskPlan.Build(t, masker), this);

    /// <summary>The masker of a field: its <see cref="MaskWithAttribute"/>, else its effective style.</summary>
    internal IMasker GetMasker(PersonalEntityDescriptor entity, PersonalFieldDescriptor field)
    {
        if (field.Property?.GetCustomAttribute<MaskWithAttribute>(inherit: true) is { } with)
        {
            return _named.GetValueOrDefault(with.Name)
                   ?? throw DataGuardErrors.Misconfigured($"{entity.Name}.{field.Name}: [MaskWith(\"{with.Name}\")] names no registered masker; register it " +
                       $"with AddDataGuard().AddMasker(\"{with.Name}\", masker).");
        }

        return GetMasker(field.Mask);
    }

    /// <summary>Masks a value of any personal field type; <see langword="null"/> for null and for the null mask.</summary>
    internal static string? MaskObject(object? value, IMasker masker)
    {
        if (value is null || masker is NullMasker)
        {
            return null;
        }

        return masker.Mask(Format(value).AsSpan());
    }

    internal static string Format(object value) => value switch
    {
        string text => text,
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string or char or bool or Enum or Guid or IFormattable => Format(value),
        _ => TypeDisplay.Of(value.GetType()),
    };
}
