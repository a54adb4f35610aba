using DataGuard.Model;

namespace DataGuard.Subjects.Requests;

/// <summary>What a data subject asks for (GDPR Art. 15–21).</summary>
public enum SubjectRequestKind
{
    /// <summary>A copy of their personal data (right of access, Art. 15).</summary>
    Access,

    /// <summary>Their data in a machine-readable form to take elsewhere (data portability, Art. 20).</summary>
    Portability,

    /// <summary>Erasure of their personal data (right to erasure, Art. 17).</summary>
    Erasure,

    /// <summary>Correction of inaccurate data (right to rectification, Art. 16).</summary>
    Rectification,

    /// <summary>Restriction of processing (Art. 18).</summary>
    Restriction,
}
