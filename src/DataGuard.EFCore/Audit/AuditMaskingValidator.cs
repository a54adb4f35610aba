using DataGuard.Audit;
using DataGuard.Masking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>Fails start-up when masked old/new values are asked for but no <see cref="DataMasker"/> is registered.</summary>
internal sealed class AuditMaskingValidator(IServiceProviderIsService services) : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
        => options.RecordMaskedValues && !services.IsService(typeof(DataMasker))
            ? ValidateOptionsResult.Fail("Audit: RecordMaskedValues masks each value with its property's mask; call AddDataGuard().AddMasking() as well.")
            : ValidateOptionsResult.Success;
}
