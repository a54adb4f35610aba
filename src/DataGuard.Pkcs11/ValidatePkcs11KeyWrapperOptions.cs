using Microsoft.Extensions.Options;

namespace DataGuard.Pkcs11;

/// <summary>The data-annotation limits of <see cref="Pkcs11KeyWrapperOptions"/>, checked by code the options source
/// generator writes; <see cref="Pkcs11KeyWrapperOptionsValidator"/> calls it beside its own checks.</summary>
[OptionsValidator]
internal sealed partial class ValidatePkcs11KeyWrapperOptions : IValidateOptions<Pkcs11KeyWrapperOptions>
{
}
