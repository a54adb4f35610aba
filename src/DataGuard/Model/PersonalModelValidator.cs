using DataGuard.Masking;

namespace DataGuard.Model;

/// <summary>The single place where annotation rules live. Each message names the type and property and says what to
/// do; none contains a value.</summary>
internal static class PersonalModelValidator
{
    private static readonly HashSet<Type> EncryptableTypes =
    [
        typeof(string), typeof(byte[]), typeof(bool), typeof(int), typeof(long), typeof(decimal),
        typeof(Guid), typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset),
    ];

    private static readonly HashSet<Type> SubjectTypes = [typeof(Guid), typeof(string), typeof(int), typeof(long)];

    private static readonly HashSet<Type> DateTypes = [typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly)];

    /// <summary>The CLR types an encrypted field may have (nullable forms included).</summary>
    public static bool IsEncryptable(Type type) => EncryptableTypes.Contains(Nullable.GetUnderlyingType(type) ?? type);

    private static readonly System.Buffers.SearchValues<char> NameCharacters = System.Buffers.SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>The longest DataGuard name a type may be given.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Checks a name given with <see cref="DataGuardEntityAttribute"/> or the fluent API: it becomes a file name
    /// in export packages and part of the associated data, so it is kept to a safe, unambiguous alphabet.</summary>
    public static void ValidateConfiguredName(string type, string name, List<string> errors)
    {
        if (name.Length == 0 || name.Length > MaxNameLength || !char.IsAsciiLetterOrDigit(name[0])
            || name.AsSpan().ContainsAnyExcept(NameCharacters))
        {
            errors.Add($"{type}: the DataGuard name '{name}' is not valid; use letters, digits, '.', '_' and '-', starting with a letter or digit, at " +
                $"most {MaxNameLength} characters (for example \"crm.contact\").");
        }
    }

    /// <summary>
    /// Two entity types with one DataGuard name would share associated data and blind-index keys (a value moved
    /// between their tables would decrypt, equal values would have equal indexes) and one export file: refused, naming
    /// both types.
    /// </summary>
    public static void ValidateUniqueNames(IEnumerable<(string Name, string Type)> entities, List<string> errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in entities)
        {
            if (seen.TryAdd(name, type))
            {
                continue;
            }

            errors.Add($"{seen[name]} and {type} both have the DataGuard name '{name}': their encrypted values would be interchangeable, their blind indexes " +
                "equal and their export files one. Give one of them its own name with [DataGuardEntity(\"...\")] or HasDataGuardName(\"...\"); keep the " +
                "current name for the type whose encrypted values are already stored, so they stay readable.");
        }
    }

    /// <summary>Validates a declared type. Returns the descriptor, or <see langword="null"/> after adding to
    /// <paramref name="errors"/>.</summary>
    public static PersonalEntityDescriptor? Validate(PersonalTypeSpec spec, List<string> errors)
    {
        var errorsBefore = errors.Count;
        var type = spec.Name;
        if (spec.NameConfigured)
        {
            ValidateConfiguredName(spec.ClrType.FullName ?? spec.ClrType.Name, spec.Name, errors);
        }

        var subject = FindSubject(spec, errors);
        var fields = new List<PersonalFieldDescriptor>();
        foreach (var property in spec.Properties)
        {
            if (property.Personal is { } personal)
            {
                fields.Add(ValidateField(type, property, personal, errors));
            }
        }

        var retention = spec.Retain is { } retain ? ValidateRetention(spec, retain, subject, fields.Count, errors) : null;
        var erasure = ValidateErasure(spec, subject, fields.Count, retention, errors);

        return errors.Count == errorsBefore
            ? new PersonalEntityDescriptor(spec, subject, fields, retention, erasure)
            : null;
    }

    /// <summary>The type's [DataSubject] property, checking there is at most one and that its type can identify a
    /// subject.</summary>
    private static PersonalPropertySpec? FindSubject(PersonalTypeSpec spec, List<string> errors)
    {
        var type = spec.Name;
        PersonalPropertySpec? subject = null;
        foreach (var property in spec.Properties)
        {
            if (!property.IsSubject)
            {
                continue;
            }

            if (subject is not null)
            {
                errors.Add($"{type}: [DataSubject] is on both '{subject.Name}' and '{property.Name}'; a type has at most one data-subject property.");
                continue;
            }

            subject = property;
            if (!SubjectTypes.Contains(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType))
            {
                errors.Add($"{type}.{property.Name}: a [DataSubject] property must be Guid, string, int or long (nullable allowed), but it " +
                    $"is {TypeDisplay.Of(property.ClrType)}.");
            }
        }

        return subject;
    }

    /// <summary>Checks one [Personal] property and describes it with its effective mask.</summary>
    private static PersonalFieldDescriptor ValidateField(string type, PersonalPropertySpec property, PersonalAttribute personal, List<string> errors)
    {
        var where = $"{type}.{property.Name}";
        if (personal.Encrypt)
        {
            if (!IsEncryptable(property.ClrType))
            {
                errors.Add($"{where}: an encrypted [Personal] property must be string, byte[], bool, int, long, decimal, Guid, DateOnly, DateTime or " +
                    $"DateTimeOffset (nullable allowed), but it is {TypeDisplay.Of(property.ClrType)}; set Encrypt = false to keep it in clear.");
            }

            if (property.IsSubject)
            {
                errors.Add($"{where}: the [DataSubject] property cannot be encrypted, because rows are found by it; set Encrypt = false.");
            }
            else if (property.IsKey)
            {
                errors.Add($"{where}: a key property cannot be encrypted, because rows are found by it; set Encrypt = false.");
            }
        }

        if (personal.Searchable)
        {
            if (property.ClrType != typeof(string))
            {
                errors.Add($"{where}: Searchable needs a string property, but it is {TypeDisplay.Of(property.ClrType)}.");
            }
            else if (!personal.Encrypt)
            {
                errors.Add($"{where}: Searchable needs Encrypt = true; a property kept in clear can be queried directly.");
            }
        }

        if (!Enum.IsDefined(personal.Category))
        {
            errors.Add($"{where}: Category {(int)personal.Category} is not a PersonalCategory.");
        }

        if (!Enum.IsDefined(personal.Mask))
        {
            errors.Add($"{where}: Mask {(int)personal.Mask} is not a MaskStyle.");
        }

        var mask = personal.Mask == MaskStyle.Default ? personal.Category.DefaultMask() : personal.Mask;
        return new PersonalFieldDescriptor(property, personal, mask);
    }

    /// <summary>The declared erasure action, or the default: shred when retention shreds, otherwise delete.</summary>
    private static ErasureAction ValidateErasure(PersonalTypeSpec spec, PersonalPropertySpec? subject, int personalFieldCount, RetentionPolicy? retention,
        List<string> errors)
    {
        var type = spec.Name;
        if (subject is not null && spec.SubjectPath is not null)
        {
            errors.Add($"{type}: has both a data-subject property ('{subject.Name}') and a subject path ('{spec.SubjectPath}'); use one of them.");
        }

        if (spec.Erasure is not { } declared)
        {
            // A retention policy that anonymises keeps rows for statistics once they are old; an erasure request asks
            // for the subject's data to go, and an anonymised row still names its subject in its subject column. So only
            // shredding carries over from retention; anonymising on erasure has to be declared.
            return retention?.Then == RetentionAction.Shred ? ErasureAction.Shred : ErasureAction.Delete;
        }

        if (!Enum.IsDefined(declared))
        {
            errors.Add($"{type}: erasure action {(int)declared} is not an ErasureAction.");
        }
        else if (subject is null && spec.SubjectPath is null)
        {
            errors.Add($"{type}: declares an erasure action, but no data subject reaches it; add a [DataSubject] property or HasSubjectPath(...).");
        }
        else if (declared == ErasureAction.Anonymize && personalFieldCount == 0)
        {
            errors.Add($"{type}: erasure action Anonymize needs at least one [Personal] property to clear.");
        }

        return declared;
    }

    private static RetentionPolicy? ValidateRetention(PersonalTypeSpec spec, RetainAttribute retain, PersonalPropertySpec? subject, int personalFieldCount,
        List<string> errors)
    {
        var type = spec.Name;
        var errorsBefore = errors.Count;
        if (retain.Days <= 0)
        {
            errors.Add($"{type}: [Retain] Days must be positive, but it is {retain.Days}.");
        }

        if (string.IsNullOrWhiteSpace(retain.From))
        {
            errors.Add($"{type}: [Retain] must name the date property the period counts from (From = nameof(CreatedAt)).");
        }
        else if (spec.Properties.FirstOrDefault(p => string.Equals(p.Name, retain.From, StringComparison.Ordinal)) is not { } from)
        {
            errors.Add($"{type}: [Retain] From = \"{retain.From}\" names no property of {type}.");
        }
        else if (!DateTypes.Contains(Nullable.GetUnderlyingType(from.ClrType) ?? from.ClrType))
        {
            errors.Add($"{type}: [Retain] From = \"{retain.From}\" is {TypeDisplay.Of(from.ClrType)}; it must be DateTime, DateTimeOffset or DateOnly " +
                "(nullable allowed).");
        }

        if (!Enum.IsDefined(retain.Then))
        {
            errors.Add($"{type}: [Retain] Then = {(int)retain.Then} is not a RetentionAction.");
        }
        else if (retain.Then == RetentionAction.Shred && subject is null)
        {
            errors.Add($"{type}: [Retain] Then = Shred needs a [DataSubject] property, because shredding destroys the subject's key.");
        }
        else if (retain.Then == RetentionAction.Anonymize && personalFieldCount == 0)
        {
            errors.Add($"{type}: [Retain] Then = Anonymize needs at least one [Personal] property to clear.");
        }

        if (retain.LegalRequirement is { } legal && string.IsNullOrWhiteSpace(legal))
        {
            errors.Add($"{type}: [Retain] LegalRequirement is blank; name the law or contract, or leave it unset.");
        }

        return errors.Count == errorsBefore ? new RetentionPolicy(retain.Days, retain.From!, retain.Then, retain.LegalRequirement) : null;
    }
}
