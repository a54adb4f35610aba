using DataGuard.Model;

namespace DataGuard.Tests.Model;

public sealed class PersonalModelValidationTests
{
    private static string SingleError(Type type)
    {
        var ex = Assert.Throws<DataGuardModelException>(() => PersonalDataModel.FromTypes(type));
        return Assert.Single(ex.Errors);
    }

    private sealed class TwoSubjects
    {
        [DataSubject] public Guid Id { get; set; }
        [DataSubject] public Guid OtherId { get; set; }
    }

    [Fact]
    public void Two_data_subjects_on_one_type_are_rejected() =>
        Assert.Equal("TwoSubjects: [DataSubject] is on both 'Id' and 'OtherId'; a type has at most one data-subject property.",
            SingleError(typeof(TwoSubjects)));

    private sealed class SearchableInt
    {
        [Personal(Searchable = true)] public int Age { get; set; }
    }

    [Fact]
    public void Searchable_on_a_non_string_is_rejected() =>
        Assert.Equal("SearchableInt.Age: Searchable needs a string property, but it is int.", SingleError(typeof(SearchableInt)));

    private sealed class SearchableClear
    {
        [Personal(Searchable = true, Encrypt = false)] public string Email { get; set; } = "";
    }

    [Fact]
    public void Searchable_without_encryption_is_rejected() =>
        Assert.Equal("SearchableClear.Email: Searchable needs Encrypt = true; a property kept in clear can be queried directly.",
            SingleError(typeof(SearchableClear)));

    [Retain(Days = 30, From = nameof(Name))]
    private sealed class RetainFromString
    {
        [Personal] public string Name { get; set; } = "";
    }

    [Fact]
    public void Retain_from_a_non_date_is_rejected() =>
        Assert.Equal("RetainFromString: [Retain] From = \"Name\" is string; it must be DateTime, DateTimeOffset or DateOnly (nullable allowed).",
            SingleError(typeof(RetainFromString)));

    [Retain(Days = 30, From = "Created")]
    private sealed class RetainFromMissing
    {
        public DateTime CreatedAt { get; set; }
    }

    [Fact]
    public void Retain_from_a_missing_property_is_rejected() =>
        Assert.Equal("RetainFromMissing: [Retain] From = \"Created\" names no property of RetainFromMissing.", SingleError(typeof(RetainFromMissing)));

    [Retain(Days = 30)]
    private sealed class RetainWithoutFrom
    {
        public DateTime CreatedAt { get; set; }
    }

    [Fact]
    public void Retain_without_from_is_rejected() =>
        Assert.Equal("RetainWithoutFrom: [Retain] must name the date property the period counts from (From = nameof(CreatedAt)).",
            SingleError(typeof(RetainWithoutFrom)));

    [Retain(Days = 0, From = nameof(CreatedAt))]
    private sealed class RetainZeroDays
    {
        public DateTime CreatedAt { get; set; }
    }

    [Fact]
    public void Retain_with_non_positive_days_is_rejected() =>
        Assert.Equal("RetainZeroDays: [Retain] Days must be positive, but it is 0.", SingleError(typeof(RetainZeroDays)));

    [Retain(Days = 30, From = nameof(CreatedAt), Then = RetentionAction.Shred)]
    private sealed class ShredWithoutSubject
    {
        [Personal] public string Name { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }

    [Fact]
    public void Shred_without_a_data_subject_is_rejected() =>
        Assert.Equal("ShredWithoutSubject: [Retain] Then = Shred needs a [DataSubject] property, because shredding destroys the subject's key.",
            SingleError(typeof(ShredWithoutSubject)));

    [Retain(Days = 30, From = nameof(CreatedAt), Then = RetentionAction.Anonymize)]
    private sealed class AnonymizeWithoutPersonal
    {
        [DataSubject] public Guid CustomerId { get; set; }
        public DateOnly CreatedAt { get; set; }
    }

    [Fact]
    public void Anonymize_without_personal_fields_is_rejected() =>
        Assert.Equal("AnonymizeWithoutPersonal: [Retain] Then = Anonymize needs at least one [Personal] property to clear.",
            SingleError(typeof(AnonymizeWithoutPersonal)));

    [Retain(Days = 30, From = nameof(CreatedAt), LegalRequirement = " ")]
    private sealed class BlankLegalRequirement
    {
        public DateTime CreatedAt { get; set; }
    }

    [Fact]
    public void Blank_legal_requirement_is_rejected() =>
        Assert.Equal("BlankLegalRequirement: [Retain] LegalRequirement is blank; name the law or contract, or leave it unset.",
            SingleError(typeof(BlankLegalRequirement)));

    private sealed class SubjectOfWrongType
    {
        [DataSubject] public DateTime Id { get; set; }
    }

    [Fact]
    public void Data_subject_of_an_unsupported_type_is_rejected() =>
        Assert.Equal("SubjectOfWrongType.Id: a [DataSubject] property must be Guid, string, int or long (nullable allowed), but it is DateTime.",
            SingleError(typeof(SubjectOfWrongType)));

    private sealed class EncryptedSubject
    {
        [DataSubject, Personal] public string Email { get; set; } = "";
    }

    [Fact]
    public void Encrypted_data_subject_is_rejected() =>
        Assert.Equal("EncryptedSubject.Email: the [DataSubject] property cannot be encrypted, because rows are found by it; set Encrypt = false.",
            SingleError(typeof(EncryptedSubject)));

    private sealed class EncryptedDouble
    {
        [Personal] public double Score { get; set; }
    }

    [Fact]
    public void Encrypting_an_unsupported_type_is_rejected() =>
        Assert.Equal("EncryptedDouble.Score: an encrypted [Personal] property must be string, byte[], bool, int, long, decimal, Guid, DateOnly, " +
            "DateTime or DateTimeOffset (nullable allowed), " +
            "but it is double; set Encrypt = false to keep it in clear.",
            SingleError(typeof(EncryptedDouble)));

    private sealed class UnencryptedDouble
    {
        [Personal(Encrypt = false)] public double? Score { get; set; }
    }

    [Fact]
    public void Unsupported_type_is_fine_when_not_encrypted()
    {
        var field = Assert.Single(Assert.Single(PersonalDataModel.FromTypes(typeof(UnencryptedDouble)).Entities).Fields);
        Assert.False(field.Encrypted);
        Assert.Equal(typeof(double?), field.ClrType);
    }

    private sealed class ManyProblems
    {
        [DataSubject] public Guid A { get; set; }
        [DataSubject] public Guid B { get; set; }
        [Personal(Searchable = true)] public long Number { get; set; }
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var ex = Assert.Throws<DataGuardModelException>(() => PersonalDataModel.FromTypes(typeof(ManyProblems), typeof(EncryptedDouble)));
        Assert.Equal(3, ex.Errors.Count);
        Assert.StartsWith("DataGuard's personal-data model is invalid:", ex.Message, StringComparison.Ordinal);
        Assert.All(ex.Errors, e => Assert.Contains(e, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_type_cache_reports_the_same_errors_on_every_lookup()
    {
        var first = Assert.Throws<DataGuardModelException>(() => PersonalTypeCache.Get(typeof(TwoSubjects)));
        var second = Assert.Throws<DataGuardModelException>(() => PersonalTypeCache.Get(typeof(TwoSubjects)));
        Assert.Equal(first.Errors, second.Errors);
    }
}
