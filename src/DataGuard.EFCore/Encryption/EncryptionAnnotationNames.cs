namespace DataGuard.EFCore.Encryption;

internal static class EncryptionAnnotationNames
{
    /// <summary>On a blind-index shadow property: the name of the property it indexes.</summary>
    public const string BlindIndexOf = "DataGuard:BlindIndexOf";

    /// <summary>On an encrypted property: marks it so the re-encryption job can find it (value: "text" or "binary").</summary>
    public const string Encrypted = "DataGuard:Encrypted";

    /// <summary>Runtime annotation on an entity type: its blind-index bindings.</summary>
    public const string BlindIndexBindings = "DataGuard:BlindIndexBindings";

    /// <summary>On an encrypted property of an entity with a data subject, in subject-key mode: encrypted with the
    /// subject's key by the interceptors instead of a value converter.</summary>
    public const string SubjectEncrypted = "DataGuard:SubjectEncrypted";

    /// <summary>Runtime annotation on an entity type: its subject-key binding (or none).</summary>
    public const string SubjectBinding = "DataGuard:SubjectBinding";
}
