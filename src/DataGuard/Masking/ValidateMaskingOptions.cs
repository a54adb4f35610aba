using Microsoft.Extensions.Options;

namespace DataGuard.Masking;

/// <summary>The data-annotation limits of <see cref="MaskingOptions"/>, checked by code the options source generator
/// writes; <see cref="MaskingOptionsValidator"/> calls it beside its own checks.</summary>
[OptionsValidator]
internal sealed partial class ValidateMaskingOptions : IValidateOptions<MaskingOptions>
{
}
