namespace DataGuard.EntityFrameworkCore.Encryption;

internal static class EncryptionAnnotationNames
{
    /// <summary>On a blind-index shadow property: the name of the property it indexes.</summary>
    public const string BlindIndexOf = "DataGuard:BlindIndexOf";

    /// <summary>On an encrypted property: marks it so the re-encryption job can find it (value: "text" or "binary").</summary>
    public const string Encrypted = "DataGuard:Encrypted";

    /// <summary>Runtime annotation on an entity type: its blind-index bindings.</summary>
    public const string BlindIndexBindings = "DataGuard:BlindIndexBindings";
}
