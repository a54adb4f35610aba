namespace DataGuard.Analyzers;

/// <summary>The stable ids of DataGuard's diagnostics; docs/analyzers.md has a section for each.</summary>
internal static class DiagnosticIds
{
    public const string PersonalDataInLog = "DG1001";
    public const string PersonalDataInException = "DG1002";
    public const string PersonalDataInConsole = "DG1003";
    public const string PersonalDataInToString = "DG1004";
    public const string EncryptedPropertyInQuery = "DG2001";
    public const string EncryptedPropertyProjected = "DG2002";
    public const string PersonalTypeWithoutSubject = "DG3001";
    public const string RetainFromNotADate = "DG3002";
}
