using Microsoft.Extensions.Options;

namespace DataGuard.DependencyInjection;

/// <summary>
/// The data-annotation limits of <see cref="DataGuardOptions"/> and its sections (<c>[Range]</c> on
/// <c>Retention.BatchSize</c>, …), checked by code the options source generator writes (no reflection, trim and AOT
/// safe). <see cref="DataGuardOptionsValidator"/> calls it and names each setting as its own checks do.
/// </summary>
[OptionsValidator]
internal sealed partial class ValidateDataGuardOptions : IValidateOptions<DataGuardOptions>
{
    /// <summary>The name the generated code puts before each setting's dotted name.</summary>
    public const string Root = nameof(DataGuardOptions);
}
