using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>Checks <see cref="EncryptionOptions.Engine"/> when the host starts, so an engine that cannot run here fails
/// start-up instead of the first encrypted read or write.</summary>
internal sealed class CipherEngineOptionsValidator : IValidateOptions<DataGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = options.Encryption.Engine;
        if (!Enum.IsDefined(engine))
        {
            return ValidateOptionsResult.Fail($"{options.Setting("Encryption.Engine")} is {(int)engine}, which is not a CipherEngine value (Auto, Libsodium " +
                "or Bcl).");
        }

        return engine == CipherEngine.Libsodium && Libsodium.Unavailable is { } reason
            ? ValidateOptionsResult.Fail($"Encryption.Engine is Libsodium, but {reason}. Use CipherEngine.Auto to fall back to the BCL's AesGcm.")
            : ValidateOptionsResult.Success;
    }
}
