using DataGuard.AspNetCore.Pages;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Model;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Who sees <see cref="PersonalAttribute"/> properties in clear in JSON responses; everyone else gets them
/// masked. Configured with <c>AddDataGuard().AddResponseMasking(o =&gt; …)</c> and validated when the host starts.</summary>
public sealed class ResponseMaskingOptions
{
    /// <summary>The authorization policy whose holders see personal data in clear, for example <c>"pii-reader"</c>;
    /// <see langword="null"/> lets nobody see everything in clear.</summary>
    public string? RevealPolicy { get; set; }

    /// <summary>Whether a data subject sees their own records in clear (GDPR Art. 15: the right of access): an object
    /// whose <see cref="DataSubjectAttribute"/> property equals the caller's subject id (read from the claims named in
    /// <see cref="SubjectClaimOptions"/>, as the data-subject endpoints do) is written unmasked. Defaults to
    /// <see langword="false"/>.</summary>
    public bool RevealToSubject { get; set; }
}
