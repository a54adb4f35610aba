using Microsoft.Extensions.Options;

namespace DataGuard.Audit;

/// <summary>The data-annotation limits of <see cref="AuditOptions"/>, checked by code the options source generator
/// writes; <see cref="AuditOptionsValidator"/> calls it beside its own checks.</summary>
[OptionsValidator]
internal sealed partial class ValidateAuditOptions : IValidateOptions<AuditOptions>
{
}
