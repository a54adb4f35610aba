using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>The AES-256-GCM backend this application's fields use: chosen once, when the container first needs it
/// (the key ring's first use), from <see cref="EncryptionOptions.Engine"/>, and logged with the reason.</summary>
internal sealed partial class FieldCipherEngine
{
    public FieldCipherEngine(IOptions<DataGuardOptions> options, ILogger<FieldCipherEngine> logger)
    {
        var requested = options.Value.Encryption.Engine;
        Backend = AesGcmBackend.For(requested);
        if (Backend.Engine == CipherEngine.Libsodium)
        {
            LogEngine(logger, Backend.Engine, requested, "libsodium supports AES-256-GCM on this CPU");
        }
        else
        {
            LogEngine(logger, Backend.Engine, requested, requested == CipherEngine.Bcl ? "requested by Encryption.Engine" : Libsodium.Unavailable ?? "");
        }
    }

    public AesGcmBackend Backend { get; }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "DataGuard encrypts fields with AES-256-GCM on {Engine} (Encryption.Engine = " +
        "{Requested}): {Reason}")]
    private static partial void LogEngine(ILogger logger, CipherEngine engine, CipherEngine requested, string reason);
}
