using Microsoft.CodeAnalysis;

namespace DataGuard.Analyzers;

/// <summary>The diagnostics. Messages name types and properties, never values.</summary>
internal static class Descriptors
{
    private const string HelpBase = "https://github.com/dataguard-dotnet/dataguard/blob/main/docs/analyzers.md#";
    private const string Privacy = "DataGuard.Privacy";
    private const string Query = "DataGuard.Query";
    private const string Model = "DataGuard.Model";

    public static readonly DiagnosticDescriptor PersonalDataInLog = new(
        DiagnosticIds.PersonalDataInLog,
        "Personal data reaches a log",
        "'{0}.{1}' is personal data and reaches a log message; mask it first (DataMasker.Mask or a redactor), or pass it to a [LoggerMessage] parameter " +
        "classified with a DataGuard data-classification attribute",
        Privacy,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A [Personal] value, or an expression that reads it, is passed to an ILogger call, a [LoggerMessage] method, or a LoggerMessage.Define delegate " +
        "without going through DataGuard's masking or a redactor first.",
        Help(DiagnosticIds.PersonalDataInLog));

    public static readonly DiagnosticDescriptor PersonalDataInException = new(
        DiagnosticIds.PersonalDataInException,
        "Personal data reaches an exception",
        "'{0}.{1}' is personal data and reaches an exception; exceptions are logged and shown, so name the entity and property instead, or mask the value",
        Privacy,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A [Personal] value, or an expression that reads it, is passed to an exception's constructor without being masked.",
        Help(DiagnosticIds.PersonalDataInException));

    public static readonly DiagnosticDescriptor PersonalDataInConsole = new(
        DiagnosticIds.PersonalDataInConsole,
        "Personal data is written to the console, Debug or Trace",
        "'{0}.{1}' is personal data and is written to {2}; mask it first",
        Privacy,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A [Personal] value, or an expression that reads it, is written with Console, Debug or Trace without being masked.",
        Help(DiagnosticIds.PersonalDataInConsole));

    public static readonly DiagnosticDescriptor PersonalDataInToString = new(
        DiagnosticIds.PersonalDataInToString,
        "ToString prints personal data",
        "The {0} of '{1}' prints the personal member '{2}' in clear",
        Privacy,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A record's compiler-generated ToString prints every property, and a hand-written ToString or PrintMembers that reads a [Personal] member prints it, " +
        "wherever the object is logged, interpolated or shown in a debugger.",
        Help(DiagnosticIds.PersonalDataInToString));

    public static readonly DiagnosticDescriptor EncryptedPropertyInQuery = new(
        DiagnosticIds.EncryptedPropertyInQuery,
        "Encrypted property compared, ordered or matched in a query",
        "'{0}.{1}' is encrypted, so the database cannot {2} it; {3}",
        Query,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A LINQ query on an IQueryable compares, orders, groups, joins or matches text of a property that DataGuard encrypts. The database sees ciphertext " +
        "with a random nonce, so the query can never match; DataGuard's query guard rejects it at run time.",
        Help(DiagnosticIds.EncryptedPropertyInQuery));

    public static readonly DiagnosticDescriptor EncryptedPropertyProjected = new(
        DiagnosticIds.EncryptedPropertyProjected,
        "Encrypted property projected in a query",
        "'{0}.{1}' is encrypted and projected by the query; if subject keys are on, DataGuard decrypts only whole entities, so select the entity and read " +
        "'{1}' from it",
        Query,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        "With subject keys (crypto-shredding) a property encrypted with its data subject's key can be read only from a whole entity; a projection of it is " +
        "rejected at run time.",
        Help(DiagnosticIds.EncryptedPropertyProjected));

    public static readonly DiagnosticDescriptor PersonalTypeWithoutSubject = new(
        DiagnosticIds.PersonalTypeWithoutSubject,
        "Personal data without a data subject",
        "'{0}' has [Personal] members but no [DataSubject] property and no HasDataSubject or HasSubjectPath in this project; export and erasure cannot find " +
        "its rows by data subject",
        Model,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        "Export and erasure find a data subject's rows through a [DataSubject] property, HasDataSubject(...) or HasSubjectPath(...). A type with personal " +
        "members and none of these is not reached by them (fine for a DTO; a gap for an entity).",
        Help(DiagnosticIds.PersonalTypeWithoutSubject),
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor RetainFromNotADate = new(
        DiagnosticIds.RetainFromNotADate,
        "[Retain] counts from a property that is not a date",
        "[Retain] on '{0}': From = \"{1}\" {2}",
        Model,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "The retention period counts from the property named by From, which must be a DateTime, DateTimeOffset or DateOnly property (nullable allowed) of " +
        "the type; otherwise the model fails to build at start-up.",
        Help(DiagnosticIds.RetainFromNotADate));

    private static string Help(string id) => HelpBase + id.ToLowerInvariant();
}
