using Microsoft.Extensions.Options;

namespace DataGuard.Subjects;

/// <summary>Checks <see cref="DataGuardOptions.SubjectRights"/> at start-up.</summary>
internal sealed class SubjectRightsOptionsValidator : IValidateOptions<DataGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
        => options.SubjectRights.SigningCertificate is { HasPrivateKey: false } certificate
            ? ValidateOptionsResult.Fail($"SubjectRights.SigningCertificate {certificate.Thumbprint} has no private key; export packages are signed with it, " +
                "so load it with its key.")
            : ValidateOptionsResult.Success;
}
